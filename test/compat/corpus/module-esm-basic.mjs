import fs from 'fs';
import { join } from 'node:path';
import { EventEmitter } from 'events';
const data = JSON.parse(fs.readFileSync(join(import.meta.dirname, '../fixtures/data.json'), 'utf8'));
console.log(data.list, typeof EventEmitter, import.meta.filename.endsWith('.mjs'));
const { answer } = await import('../fixtures/esm.mjs');
console.log(answer);
