// node:process as guest code imports it. A builtin's ESM namespace in Node holds `default` and
// every enumerable own property of its exports, read at the first import (getters included:
// stdout, stdin, stderr). The sandbox's own modules and require('process') use
// qjsw:internal/process_object, so none of this is read at boot or by a require. The list is
// the process object's enumerable keys; test/esm-namespaces.test.ts keeps the two equal.
import process from 'qjsw:internal/process_object';

export default process;
export const { _events, _eventsCount, _maxListeners, version, versions, arch, platform, release,
  pid, ppid, execArgv, execPath, argv, argv0, env, stdout, stderr, config, features, domain,
  setUncaughtExceptionCaptureCallback, hasUncaughtExceptionCaptureCallback, cwd, chdir, umask,
  getBuiltinModule, assert, availableMemory, constrainedMemory, getActiveResourcesInfo, getuid,
  geteuid, getgid, getegid, getgroups, setuid, seteuid, setgid, setegid, setgroups, initgroups,
  kill, _kill, uptime, hrtime, memoryUsage, cpuUsage, _getActiveRequests, _getActiveHandles,
  setSourceMapsEnabled, nextTick, emitWarning, exit, _rawDebug, reallyExit, abort, binding, title,
  exitCode, stdin, _fatalException, _exiting } = process;
