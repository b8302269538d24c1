// The file at process.execPath. Node's tests and tools stat it, read it, copy it, link to it
// and run the copy (`which node` looks for it on PATH); a sandbox has no node binary, so a
// fresh tree gets this stand-in: whatever runs it, a copy of it or a link to it runs the
// sandbox's node, with the file's real path as its execPath (child_process.js findProgram).
export const NODE_PATH = '/usr/local/bin/node';
export const NODE_MARKER = '\x7fQJSW node\n';
const TEXT =
  NODE_MARKER +
  "This file stands for node in a quickjs-wasmfs sandbox (process.execPath). Running it, a\n" +
  'copy of it or a link to it runs node inside the sandbox; it holds no program.\n';

// Only where nothing is yet: a tree with a /usr of its own (the `files` option, a mount, a
// child on its parent's module) is left as it is.
export function installNodeBinary(fsBinding) {
  if (fsBinding.mkdir('/usr', 0o755, false) !== 0) return;
  for (const dir of ['/usr/local', '/usr/local/bin']) fsBinding.mkdir(dir, 0o755, false);
  const { O_CREAT, O_EXCL, O_WRONLY } = fsBinding.constants;
  const bytes = new Uint8Array([...TEXT].map((c) => c.charCodeAt(0)));
  fsBinding.writeFile(NODE_PATH, bytes, O_CREAT | O_EXCL | O_WRONLY, 0o755);
}
