// What node:process shares with the sandbox's own modules (the bootstrap, fs, the child side,
// performance): filled in by node:process as it evaluates. Held here, under a name guests cannot
// import, so that `import * as p from 'node:process'` shows them nothing of the host.
export const processInternals = {
  configure: undefined,
  resetStdin: undefined,
  setStdinWaiter: undefined,
  waitForStdin: undefined,
  canWaitForStdin: undefined,
  startNs: undefined,
  // node:process's namespace, read again at each run's start (set once a guest imports it)
  syncNamespace: undefined,
};
