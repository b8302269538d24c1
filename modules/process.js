// node:process as guest code imports it. A builtin's ESM namespace in Node holds `default` and
// every enumerable own property of its exports, read at the first import (getters included:
// stdout, stdin, stderr). The sandbox's own modules and require('process') use
// qjsw:internal/process_object, so none of this is read at boot or by a require. The list is
// the process object's enumerable keys; test/security/internals.test.ts keeps the two equal.
import process from 'qjsw:internal/process_object';
import { processInternals } from 'qjsw:internal/process_internals';

export default process;
export let _events, _eventsCount, _maxListeners, version, versions, arch, platform, release, pid,
  ppid, execArgv, execPath, argv, argv0, env, stdout, stderr, config, features, domain,
  setUncaughtExceptionCaptureCallback, hasUncaughtExceptionCaptureCallback, cwd, chdir, umask,
  getBuiltinModule, assert, availableMemory, constrainedMemory, getActiveResourcesInfo, getuid,
  geteuid, getgid, getegid, getgroups, setuid, seteuid, setgid, setegid, setgroups, initgroups,
  kill, _kill, uptime, hrtime, memoryUsage, cpuUsage, _getActiveRequests, _getActiveHandles,
  setSourceMapsEnabled, nextTick, emitWarning, exit, _rawDebug, reallyExit, abort, binding, title, debugPort,
  allowedNodeEnvironmentFlags, exitCode, stdin, openStdin, _fatalException, _exiting;

// Read again as each run starts, as a new process reads its own: the argv, exit state and
// listeners a run left are not what the next run imports.
function sync() {
  ({ _events, _eventsCount, _maxListeners, version, versions, arch, platform, release, pid, ppid,
  execArgv, execPath, argv, argv0, env, stdout, stderr, config, features, domain,
  setUncaughtExceptionCaptureCallback, hasUncaughtExceptionCaptureCallback, cwd, chdir, umask,
  getBuiltinModule, assert, availableMemory, constrainedMemory, getActiveResourcesInfo, getuid,
  geteuid, getgid, getegid, getgroups, setuid, seteuid, setgid, setegid, setgroups, initgroups,
  kill, _kill, uptime, hrtime, memoryUsage, cpuUsage, _getActiveRequests, _getActiveHandles,
  setSourceMapsEnabled, nextTick, emitWarning, exit, _rawDebug, reallyExit, abort, binding, title, debugPort,
  allowedNodeEnvironmentFlags, exitCode, stdin, openStdin, _fatalException, _exiting } = process);
}
sync();
processInternals.syncNamespace = sync;
