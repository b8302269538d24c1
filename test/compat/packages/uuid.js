'use strict';
const uuid = require('uuid');
const { show } = require('./_tree');

const v4 = uuid.v4();
show('v4 valid', [uuid.validate(v4), uuid.version(v4), v4.length]);
show('v4 differ', uuid.v4() !== uuid.v4());
show('v4 with random', uuid.v4({ random: Array.from({ length: 16 }, (_, i) => i * 16) }));
show('v1 with options', uuid.v1({ node: [1, 2, 3, 4, 5, 6], clockseq: 0x1234, msecs: Date.UTC(2020, 0, 1), nsecs: 5678 }));
show('v1 valid', uuid.validate(uuid.v1()));
show('v5 url', uuid.v5('https://example.org/x', uuid.v5.URL));
show('v5 custom ns', uuid.v5('hello', '1b671a64-40d5-491e-99b0-da01ff1f3341'));
show('v3 dns', uuid.v3('example.org', uuid.v3.DNS));
show('NIL', [uuid.NIL, uuid.validate(uuid.NIL), uuid.version(uuid.NIL)]);
const bytes = uuid.parse('6ba7b810-9dad-11d1-80b4-00c04fd430c8');
show('parse', Array.from(bytes));
show('stringify', uuid.stringify(bytes));
show('validate', ['not-a-uuid', '6ba7b810-9dad-11d1-80b4-00c04fd430c8', '6BA7B810-9DAD-11D1-80B4-00C04FD430C8'].map(uuid.validate));
try {
  uuid.parse('nope');
} catch (e) {
  show('parse error', `${e.name}: ${e.message}`);
}
