'use strict';
const semver = require('semver');
const { show } = require('./_tree');

show('valid', ['1.2.3', 'v1.2.3', '1.2', '1.2.3-beta.1+build.5', 'a.b.c'].map((v) => semver.valid(v)));
show('clean', semver.clean('  =v1.2.3  '));
const p = semver.parse('1.2.3-alpha.10+sha.5');
show('parse', { major: p.major, minor: p.minor, patch: p.patch, prerelease: p.prerelease, build: p.build, version: p.version });
show('compare', [semver.gt('1.10.0', '1.9.0'), semver.lt('1.0.0-alpha', '1.0.0'), semver.eq('1.0.0', 'v1.0.0'), semver.compare('2.0.0', '1.0.0')]);
show('sort', semver.sort(['1.10.0', '1.2.0', '1.2.0-rc.1', '0.9.9', '1.2.0-beta']));
show('rsort', semver.rsort(['1.0.0', '2.0.0', '1.5.0']));
const ranges = ['^1.2.3', '~1.2.3', '>=1.0.0 <2.0.0', '1.x || >=2.5.0', '*', '1.2.3 - 2.3.4', '<1.0.0-0'];
for (const r of ranges) show(`satisfies ${r}`, ['1.2.3', '1.2.9', '1.9.0', '2.0.0', '2.6.0', '0.5.0'].filter((v) => semver.satisfies(v, r)));
show('validRange', ranges.map((r) => semver.validRange(r)));
show('inc', ['major', 'minor', 'patch', 'premajor', 'prerelease'].map((t) => semver.inc('1.2.3', t)));
show('inc pre id', semver.inc('1.2.3-beta.0', 'prerelease', 'beta'));
show('diff', [semver.diff('1.0.0', '2.0.0'), semver.diff('1.0.0', '1.0.1'), semver.diff('1.0.0-a', '1.0.0')]);
show('coerce', ['v2', '42.6.7.9.3-alpha', 'version 1.2', 'none'].map((v) => String(semver.coerce(v))));
show('maxSatisfying', semver.maxSatisfying(['1.2.3', '1.2.4', '1.3.0', '2.0.0'], '~1.2.0'));
show('minVersion', String(semver.minVersion('>=1.5.0 || ^0.3.0')));
show('intersects', [semver.intersects('^1.0.0', '>=1.5.0'), semver.intersects('^1.0.0', '^2.0.0')]);
show('outside', [semver.gtr('3.0.0', '^2.0.0'), semver.ltr('1.0.0', '^2.0.0')]);
show('Range set', new semver.Range('^1.2.3 || 2.x').set.map((c) => c.map(String)));
show('subset', semver.subset('^1.2.0', '^1.0.0'));
try {
  new semver.SemVer('nope');
} catch (e) {
  show('invalid', `${e.name}: ${e.message}`);
}
