'use strict';
const common = require('../common');
const _ = require('lodash');
const fp = require('lodash/fp');
const chunk = require('lodash/chunk');
const { show } = require('./_tree');

const users = [
  { user: 'barney', age: 36, active: true, tags: ['a'] },
  { user: 'fred', age: 40, active: false, tags: ['b', 'c'] },
  { user: 'pebbles', age: 1, active: true, tags: [] },
];
show('chain', _.chain(users).filter('active').sortBy('age').map((u) => `${u.user}:${u.age}`).value());
show('groupBy', _.groupBy([6.1, 4.2, 6.3], Math.floor));
show('keyBy/countBy', [_.keyBy(users, 'user').fred.age, _.countBy(users, 'active')]);
show('orderBy', _.orderBy(users, ['active', 'age'], ['desc', 'asc']).map((u) => u.user));
show('cloneDeep', (() => { const c = _.cloneDeep(users); c[0].tags.push('x'); return [users[0].tags, c[0].tags]; })());
show('merge', _.merge({ a: [{ b: 2 }, { d: 4 }] }, { a: [{ c: 3 }, { e: 5 }] }));
show('defaultsDeep', _.defaultsDeep({ a: { b: 2 } }, { a: { b: 1, c: 3 } }));
show('get/set', (() => { const o = {}; _.set(o, 'a[0].b.c', 4); return [o, _.get(o, 'a[0].b.c'), _.get(o, 'x.y', 'dflt')]; })());
show('isEqual', [_.isEqual({ a: [1, { b: new Date(0) }] }, { a: [1, { b: new Date(0) }] }), _.isEqual(new Map([[1, 2]]), new Map([[1, 3]]))]);
show('strings', [_.camelCase('Foo Bar'), _.kebabCase('fooBar'), _.snakeCase('Foo-Bar'), _.startCase('--foo-bar--'), _.pad('abc', 8, '_-'), _.truncate('hi-diddly-ho there, neighborino', { length: 24, separator: ' ' })]);
show('template', _.template('hello <%= user %>! <% _.forEach(list, function(x) { %><li><%- x %></li><% }); %>')({ user: 'fred', list: ['<a>', 'b'] }));
show('arrays', [chunk([1, 2, 3, 4, 5], 2), _.difference([2, 1], [2, 3]), _.uniqBy([2.1, 1.2, 2.3], Math.floor), _.zip(['a', 'b'], [1, 2]), _.flattenDeep([1, [2, [3, [4]]]])]);
show('range/sum', [_.range(0, 20, 5), _.sum([4, 2, 8]), _.meanBy(users, 'age'), _.maxBy(users, 'age').user]);
show('fp', fp.flow(fp.map((x) => x * 2), fp.filter((x) => x > 2), fp.sortBy(fp.identity))([3, 1, 2]));
const memo = _.memoize((n) => n * 2);
memo(2); memo(2);
show('memoize', [memo(2), memo.cache.has(2)]);
show('curry/partial', [_.curry((a, b, c) => a + b + c)(1)(2)(3), _.partial((a, b) => a - b, 10)(3)]);
show('escape', [_.escape('<a href="x">&</a>'), _.unescape('&lt;b&gt;')]);
show('times/random', [_.times(3, String), typeof _.random(1, 5)]);
show('runInContext', typeof _.runInContext().map);
const debounced = _.debounce(common.mustCall((v) => show('debounced once with', v)), 20);
debounced(1); debounced(2); debounced(3);
const throttled = _.throttle(common.mustCallAtLeast(() => {}, 1), 50);
throttled(); throttled();
_.delay(common.mustCall((x) => show('delay', x)), 200, 'late'); // well after the 20 ms debounce, however loaded the machine
_.defer(common.mustCall(() => show('defer', 'ran')));
