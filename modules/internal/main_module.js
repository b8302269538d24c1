// The process's main module (require.main, process.mainModule), kept here rather than on
// Module, where Node has no such property.
let main;
export const setMainModule = (m) => {
  main = m;
};
export const mainModule = () => main;

// Module.runMain as node:module made it, and what it runs (the process's start, sandbox.js):
// the start calls Module.runMain itself only when a program replaced it.
let defaultRunMain;
let runner;
export const setDefaultRunMain = (fn) => {
  defaultRunMain = fn;
};
export const isDefaultRunMain = (fn) => fn === defaultRunMain;
export const setEntryRunner = (fn) => {
  runner = fn;
};
export const entryRunner = () => runner;
