'use strict';
// String.prototype.localeCompare and Intl.Collator: ICU's root/en order for common text.
require('../common');
console.log('a'.localeCompare('B'), 'B'.localeCompare('a'), 'a'.localeCompare('a'), 'a'.localeCompare('A'), 'A'.localeCompare('a'));
console.log(['C', 'b', 'a', 'B', 'A', 'c'].sort((x, y) => x.localeCompare(y)).join(' '));
console.log(['résumé', 'resume', 'Resume', 'résume', 'rèsumé', 'RESUME'].sort((x, y) => x.localeCompare(y)).join(' '));
console.log(['zebra', 'Äpfel', 'apple', 'Zürich', 'éclair', 'eclair', 'Eclair', 'ångström', 'angle', 'Ølstykke', 'Oslo', 'œuvre', 'oeuvre', 'straße', 'strasse', 'Strasse'].sort((x, y) => x.localeCompare(y)).join(' '));
console.log(['item 10', 'item 2', 'item 1', 'Item 3', 'item-4', 'item_5', 'item.6', 'item5', ' item', '10', '9', '_x', '-x', '#x', '@x', '$x', '!x', '(x)', '[x]', 'x'].sort((x, y) => x.localeCompare(y)).join(' '));
console.log(['a10', 'a2', 'a1', 'a02', 'b1', 'a100'].sort(new Intl.Collator('en', { numeric: true }).compare));
console.log(['a10', 'a2', 'a1', 'b1', 'a100'].sort(new Intl.Collator('en').compare));
console.log(['a', 'A', 'b', 'B'].sort(new Intl.Collator('en', { caseFirst: 'upper' }).compare));
const base = new Intl.Collator('en', { sensitivity: 'base' });
const accent = new Intl.Collator('en', { sensitivity: 'accent' });
const caseS = new Intl.Collator('en', { sensitivity: 'case' });
for (const [x, y] of [['a', 'A'], ['a', 'á'], ['a', 'b'], ['e', 'é'], ['E', 'é'], ['ß', 'ss'], ['æ', 'ae'], ['o', 'ø']]) {
  console.log(x, y, x.localeCompare(y), base.compare(x, y), accent.compare(x, y), caseS.compare(x, y));
}
console.log('e\u0301'.localeCompare('\u00e9'), 'a b'.localeCompare('ab'), 'ab'.localeCompare('a-b'), 'co-op'.localeCompare('coop'), 'a\u00adb'.localeCompare('ab'));
console.log(new Intl.Collator('en', { ignorePunctuation: true }).compare('a-b', 'ab'), new Intl.Collator('en', { ignorePunctuation: true }).compare('a b', 'ab'));
console.log(['Δέλτα', 'Alpha', 'Ωμέγα', 'Жук', 'абв', 'Бета', 'zed', '日本', '123', 'Ärger'].sort((x, y) => x.localeCompare(y)).join(' '));
console.log(['b', 'a', 'C'].sort(Intl.Collator().compare), 'a'.localeCompare('b', 'en-US', { sensitivity: 'base' }));
console.log(new Intl.Collator().resolvedOptions(), new Intl.Collator('en', { numeric: true, sensitivity: 'base', usage: 'search' }).resolvedOptions());
console.log(String.prototype.localeCompare.length, String.prototype.localeCompare.name, Intl.Collator.length, Object.prototype.toString.call(Intl.Collator()), Intl.Collator.supportedLocalesOf('en-US'));
console.log(typeof new Intl.Collator().compare, new Intl.Collator().compare.length);
const words = 'The quick brown fox jumps over the lazy dog and Über café naïve Zoë Émile apple Apple APPLE'.split(' ');
console.log(words.sort((x, y) => x.localeCompare(y)).join(' '));
try { 'a'.localeCompare('b', 'en', { sensitivity: 'bogus' }); } catch (e) { console.log(e.name); }
try { String.prototype.localeCompare.call(null, 'a'); } catch (e) { console.log(e.name); }
