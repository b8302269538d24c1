'use strict';
const common = require('../common');
const assert = require('assert');
class MyErr extends Error { constructor(m) { super(m); this.name = 'MyErr'; this.code = 'E_MINE'; } }
assert.throws(() => { throw new MyErr('boom 1'); }, { name: 'MyErr', code: 'E_MINE', message: /boom \d/ });
assert.throws(() => { throw new MyErr('x'); }, (e) => e instanceof MyErr);
assert.throws(() => { throw new MyErr('x'); }, MyErr);
try { assert.throws(() => {}); } catch (e) { console.log(e.code, e.message); }
try { assert.throws(() => { throw new Error('a'); }, { message: 'b' }); } catch (e) { console.log(e.code, e.message.split('\n')[0]); }
try { assert.doesNotThrow(() => { throw new Error('inner'); }, 'context'); } catch (e) { console.log(e.message); }
try { assert.ifError(new Error('if')); } catch (e) { console.log(e.message); }
try { assert.fail('explicit'); } catch (e) { console.log(e.name, e.message, e.code); }
