// node:constants (deprecated in Node, still required by graceful-fs and so by fs-extra): one
// frozen object with os.constants' dlopen, errno, priority and signals tables, then fs.constants,
// merged in Node's order. The os tables are taken from node:os when the build has it.
import fs from 'node:fs';
import { importBuiltin } from 'qjsw:binding/module';

function osConstants() {
  try {
    const os = importBuiltin('node:os');
    return (os.default || os).constants;
  } catch {
    return undefined;
  }
}

const constants = {};
const os = osConstants();
if (os) Object.assign(constants, os.dlopen, os.errno, os.priority, os.signals);
Object.assign(constants, fs.constants);
Object.freeze(constants);

export default constants;
