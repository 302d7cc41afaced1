import {test} from 'node:test';
import assert from 'node:assert/strict';
import semver from 'semver';
import {checkSdkRange} from './sdk-range.js';

const ranges = [
  '^0.1.0',
  '^0.1',
  '^0',
  '~0.1.0',
  '~0.1',
  '0.1.x',
  '0.x',
  '*',
  'x',
  '0.1.0',
  '=0.1.0',
  '>=0.1.0',
  '>0.1.0',
  '<0.2.0',
  '<=0.1.0',
  '>=0.1.0 <2',
  '>= 0.1.0 < 2.0.0',
  '^1.0.0',
  '^1.2.3',
  '~1.2.3',
  '1.2.3 - 2.3.4',
  '0.0.1 - 0.1.0',
  '^0.0.1',
  '^0.2.0',
  '>=1.0.0 || ^0.1.0',
  '1.x || 2.x',
  '<1.0.0',
  '^2.0.0 || ^3.0.0',
  '>=0.1.0 <0.1.5',
];
const versions = [
  '0.0.1',
  '0.1.0',
  '0.1.4',
  '0.2.0',
  '1.0.0',
  '1.2.3',
  '1.9.0',
  '2.0.0',
  '2.3.4',
  '3.1.0',
];

test('checkSdkRange agrees with npm semver on common ranges and release versions', () => {
  const disagreements: string[] = [];
  for (const range of ranges) {
    assert.notEqual(semver.validRange(range), null, `semver accepts ${range}`);
    for (const version of versions) {
      const expected = semver.satisfies(version, range) ? 'satisfied' : 'unsatisfied';
      const actual = checkSdkRange(range, version);
      if (actual !== expected)
        disagreements.push(`${version} ${range}: ${actual}, semver: ${expected}`);
    }
  }
  assert.deepEqual(disagreements, []);
});

test('checkSdkRange calls malformed ranges invalid', () => {
  for (const range of [
    'newest please',
    '^0.1.0 foo',
    'latest',
    '^',
    '>=',
    '1.2.3.4',
    '^01.0.0',
    '0.1.0 -',
    '|| 1.0.0',
    '',
  ]) {
    assert.equal(checkSdkRange(range, '0.1.0'), 'invalid', JSON.stringify(range));
  }
});

test('prereleases of the SDK count like releases', () => {
  assert.equal(checkSdkRange('>=0.1.0 <2', '1.5.0-beta.1'), 'satisfied');
  assert.equal(checkSdkRange('^0.1.0', '0.1.1-rc.1'), 'satisfied');
  assert.equal(checkSdkRange('^0.2.0', '0.1.9-rc.1'), 'unsatisfied');
});

test('very long ranges are invalid without running the pattern on them', () => {
  assert.equal(checkSdkRange(`${'1.2.3 '.repeat(60)}x`, '0.1.0'), 'invalid');
  assert.equal(checkSdkRange(`>=0.1.0 ${' '.repeat(300)}`, '0.1.0'), 'invalid');
});
