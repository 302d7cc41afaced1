// Differential tests: checkSdkRange must mean exactly what npm's semver means (with
// `includePrerelease`), so every expectation below except the pinned regressions comes from semver.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import semver from 'semver';
import {checkSdkRange, MAX_RANGE_LENGTH} from './sdk-range.js';

type Outcome = ReturnType<typeof checkSdkRange>;

/** What npm's semver says about the pair. */
function semverOutcome(range: string, version: string): Outcome {
  if (range.length > MAX_RANGE_LENGTH) return 'invalid';
  if (semver.validRange(range, {includePrerelease: true}) === null) return 'invalid';
  if (semver.valid(version) === null) return 'invalid';
  return semver.satisfies(version, range, {includePrerelease: true}) ? 'satisfied' : 'unsatisfied';
}

const ranges = [
  // caret
  '^0.1.0',
  '^0.1',
  '^0',
  '^0.0.1',
  '^0.0',
  '^0.0.x',
  '^0.2.0',
  '^1.0.0',
  '^1.2.3',
  '^1.2',
  '^1',
  '^1.x',
  '^2.0.0 || ^3.0.0',
  // tilde
  '~0.1.0',
  '~0.1',
  '~1',
  '~1.2',
  '~1.2.3',
  '~>1.2',
  '~1.2.3-beta.1',
  // x-ranges
  '*',
  'x',
  'X',
  '1.x',
  '1.X',
  '1.*',
  '1.x.x',
  '1.2.x',
  '1.2.*',
  '0.x',
  '0.1.x',
  '*.*.*',
  // partials, bare and with operators
  '1',
  '1.2',
  '=1',
  '=1.2',
  '>1',
  '>1.2',
  '>=1',
  '>=1.2',
  '<1',
  '<1.2',
  '<=1',
  '<=1.2',
  '>=0.1.0 <2',
  '>=1 <1.3',
  // exact versions and plain comparators
  '0.1.0',
  '1.2.3',
  '=0.1.0',
  '=1.2.3',
  '1.0.0-rc.1',
  '>=0.1.0',
  '>0.1.0',
  '<0.2.0',
  '<=0.1.0',
  '<1.0.0',
  '>=0.1.0 <0.1.5',
  '>= 0.1.0 < 2.0.0',
  '>=1.2.3 <1.0.0',
  '<0.0.0-0',
  // hyphen ranges, also with partial ends
  '1.2.3 - 2.3.4',
  '0.0.1 - 0.1.0',
  '1.2 - 2',
  '1 - 2',
  '1.2.3 - 2.3',
  '1.2.3 - 2.x',
  '0.1 - 1.2.3',
  '1.0.0-alpha - 1.0.0',
  '1.0.0-alpha.1 - 1.0.0-rc.1',
  '1.2.3  -  2',
  // unions
  '>=1.0.0 || ^0.1.0',
  '1.x || 2.x',
  '<1.0.0 || >=2.0.0',
  '1.2.3 || 1.2.9',
  '^0.1.0||^1.0.0',
  '1.2.3 - 1.2.9 || >2.3',
  '|| 1.0.0',
  '1.2.3 ||',
  // prerelease bounds
  '^1.0.0-alpha',
  '^1.0.0-alpha.1',
  '^1.2.3-beta.1',
  '~1.0.0-beta',
  '>=1.0.0-rc.1 <2',
  '>1.0.0-alpha',
  '<1.0.0-rc.1',
  '<=1.0.0-rc.1',
  '>=1.0.0-0',
  '<2.0.0-0',
  '>=2.0.0-beta.1',
  // whitespace
  '',
  ' ',
  ' ^1.0.0 ',
  '\t^1.0.0',
  '^1.0.0\n',
  '^ 1.0.0',
  '>=  1.0.0',
  '>= 1.0.0   <2',
  '>=1.0.0\t<2',
  '1.x  ||  2.x',
  // v prefixes
  'v1.2.3',
  '=v1.2.3',
  '^v1.0.0',
  '~v1.2',
  'v1.x',
  '>=v1.0.0 <v2',
  'v1.2.3 - v2.3.4',
  // build metadata
  '1.2.3+build.5',
  '^1.0.0+build',
  '>=1.0.0+b <2.0.0+c',
  '1.0.0-rc.1+build - 2',
  // invalid
  'latest',
  'newest please',
  '^0.1.0 foo',
  '1.2.3.4',
  '^1.2.3.4',
  '^01.0.0',
  '1.02.3',
  '1.2.3-01',
  '1.2.3-',
  '1.2.3+',
  '1.x.3',
  'a.b.c',
  '0.1.0 -',
  '1 - 2 - 3',
  '^',
  '~>',
  '>=',
  '>=1.0.0 <',
  '>>1.0.0',
  '=>1.0.0',
  '1.0.0 && 2.0.0',
  `>=0.1.0 ${' '.repeat(MAX_RANGE_LENGTH)}`,
];

const versions = [
  '0.0.0',
  '0.0.1',
  '0.1.0',
  '0.1.4',
  '0.1.5-rc.1',
  '0.2.0-beta.1',
  '0.2.0',
  '1.0.0-0',
  '1.0.0-alpha',
  '1.0.0-alpha.1',
  '1.0.0-beta',
  '1.0.0-rc.1',
  '1.0.0-rc.2',
  '1.0.0',
  '1.0.1',
  '1.2.0',
  '1.2.3-beta.1',
  '1.2.3',
  '1.2.3+build.5',
  '1.2.9',
  '1.3.0-0',
  '1.3.0',
  '1.9.0',
  '2.0.0-0',
  '2.0.0-beta.1',
  '2.0.0',
  '2.3.4',
  '2.3.5-rc.1',
  '3.0.0',
  '3.1.0',
  'v1.2.3',
  // not versions
  '1.2',
  'latest',
];

test('checkSdkRange agrees with npm semver on a grid of ranges and versions', (t) => {
  const disagreements: string[] = [];
  const seen: Record<Outcome, number> = {satisfied: 0, unsatisfied: 0, invalid: 0};
  for (const range of ranges) {
    for (const version of versions) {
      const expected = semverOutcome(range, version);
      const actual = checkSdkRange(range, version);
      seen[expected]++;
      if (actual !== expected)
        disagreements.push(`${JSON.stringify(range)} ${version}: ${actual}, semver: ${expected}`);
    }
  }
  const pairs = ranges.length * versions.length;
  t.diagnostic(
    `${pairs} pairs (${ranges.length} ranges × ${versions.length} versions): ` +
      `${seen.satisfied} satisfied, ${seen.unsatisfied} unsatisfied, ${seen.invalid} invalid`,
  );
  assert.ok(pairs >= 720, `${pairs} pairs`);
  // The grid must exercise every outcome, or agreement would prove little.
  assert.ok(seen.satisfied > 100 && seen.unsatisfied > 100 && seen.invalid > 100, String(seen));
  assert.equal(
    disagreements.length,
    0,
    `${disagreements.length} of ${pairs} pairs differ from semver:\n${disagreements.join('\n')}`,
  );
});

// Generated ranges from npm's grammar, with the spellings people use, and now and then a token npm
// does not accept (`01`, `=>`, `1.2.3-`), so that about half the generated ranges are valid.
const mostly = <T>(usual: fc.Arbitrary<T>, rare: fc.Arbitrary<T>) =>
  fc.oneof({weight: 30, arbitrary: usual}, {weight: 1, arbitrary: rare});
const num = mostly(
  fc.integer({min: 0, max: 3}).map(String),
  fc.constantFrom('10', '01', '999999999999999999'),
);
const prerelease = mostly(
  fc.constantFrom('0', '1', 'alpha', 'alpha.1', 'beta', 'beta.2', 'rc.1', 'x'),
  fc.constantFrom('01', '', 'a..b'),
);
const build = fc.constantFrom('build', 'b.1', '001', 'sha.5114f85');
const fullVersion = fc
  .tuple(num, num, num, fc.option(prerelease), fc.option(build, {freq: 8}))
  .map(([a, b, c, pre, meta]) => `${a}.${b}.${c}${pre ? `-${pre}` : ''}${meta ? `+${meta}` : ''}`);
const part = fc.oneof({weight: 3, arbitrary: num}, fc.constantFrom('x', 'X', '*'));
const partial = fc.oneof(
  {weight: 3, arbitrary: fullVersion},
  part,
  fc.tuple(num, part).map(([a, b]) => `${a}.${b}`),
  fc.tuple(num, part, part).map(([a, b, c]) => `${a}.${b}.${c}`),
  fc.tuple(num, part, part, prerelease).map(([a, b, c, pre]) => `${a}.${b}.${c}-${pre}`),
);
const prefixed = fc
  .tuple(mostly(fc.constantFrom('', '', '', 'v', '='), fc.constantFrom('V', 'vv')), partial)
  .map(([prefix, p]) => prefix + p);
const operator = mostly(
  fc.constantFrom('', '', '=', '<', '<=', '>', '>=', '~', '~>', '^'),
  fc.constantFrom('=>', '!', '^^', '~^'),
);
const comparator = fc
  .tuple(operator, fc.constantFrom('', '', '', ' ', '  '), prefixed)
  .map(([op, gap, p]) => op + gap + p);
const comparatorSet = fc.oneof(
  {
    weight: 3,
    arbitrary: fc
      .tuple(
        fc.array(comparator, {minLength: 1, maxLength: 3}),
        fc.constantFrom(' ', ' ', '  ', '\t'),
      )
      .map(([cs, gap]) => cs.join(gap)),
  },
  fc
    .tuple(
      prefixed,
      mostly(fc.constantFrom(' - ', ' - ', '  -  '), fc.constantFrom('-', ' -')),
      prefixed,
    )
    .map(([low, dash, high]) => low + dash + high),
);
const generatedRange = fc
  .tuple(
    fc.array(comparatorSet, {minLength: 1, maxLength: 3}),
    mostly(fc.constantFrom(' || ', '||', '  ||  '), fc.constantFrom(' | ', ' or ')),
    fc.constantFrom('', '', '', ' ', '\t'),
  )
  .map(([sets, or, pad]) => pad + sets.join(or) + pad);
const anyRange = fc.oneof(
  {weight: 8, arbitrary: generatedRange},
  fc.string({maxLength: 20}),
  fc.string({unit: fc.constantFrom(...'0123456789.xX*vV^~<>=-+|  ab'), maxLength: 30}),
);
const anyVersion = fc.oneof(
  {weight: 8, arbitrary: fullVersion},
  prefixed,
  fc.string({maxLength: 12}),
);

test('checkSdkRange agrees with npm semver on generated ranges and versions', () => {
  fc.assert(
    fc.property(anyRange, anyVersion, (range, version) => {
      assert.equal(
        checkSdkRange(range, version),
        semverOutcome(range, version),
        `${JSON.stringify(range)} ${JSON.stringify(version)}`,
      );
    }),
    {numRuns: 2000},
  );
});

test('the ranges the hand-written check got wrong', () => {
  const cases: [range: string, version: string, expected: Outcome][] = [
    // A prerelease lower bound admits its release.
    ['^1.0.0-alpha', '1.0.0', 'satisfied'],
    ['^1.0.0-alpha', '1.0.0-beta', 'satisfied'],
    ['^1.0.0-alpha', '1.9.0', 'satisfied'],
    ['^1.0.0-alpha', '2.0.0-0', 'unsatisfied'],
    // `>1` means above every 1.x.x.
    ['>1', '1.2.3', 'unsatisfied'],
    ['>1', '1.9.9', 'unsatisfied'],
    ['>1', '2.0.0-0', 'satisfied'],
    ['>1', '2.0.0', 'satisfied'],
    ['>1.2', '1.2.9', 'unsatisfied'],
    ['>1.2', '1.3.0', 'satisfied'],
    // `<=1.2` includes every 1.2.x; `<1.2` excludes the 1.2.0 prereleases.
    ['<=1.2', '1.2.9', 'satisfied'],
    ['<=1.2', '1.3.0-0', 'unsatisfied'],
    ['<1.2', '1.2.0-beta', 'unsatisfied'],
    ['<1.2', '1.1.9', 'satisfied'],
    // Prerelease bounds.
    ['>=1.0.0-rc.1 <2', '1.0.0-rc.2', 'satisfied'],
    ['>=1.0.0-rc.1 <2', '1.0.0-beta', 'unsatisfied'],
    ['>=1.0.0-rc.1 <2', '2.0.0-beta.1', 'unsatisfied'],
    ['>=1.0.0-rc.1 <2', '1.5.0', 'satisfied'],
    // Hyphen ranges with a partial upper end exclude the next version.
    ['1.2 - 2', '2.9.9', 'satisfied'],
    ['1.2 - 2', '3.0.0-0', 'unsatisfied'],
    ['1.2 - 2', '1.2.0', 'satisfied'],
    // Prereleases count like releases, but not past an upper bound.
    ['>=0.1.0 <2', '1.5.0-beta.1', 'satisfied'],
    ['^0.1.0', '0.1.1-rc.1', 'satisfied'],
    ['^0.2.0', '0.1.9-rc.1', 'unsatisfied'],
    ['^1.2.0', '2.0.0-beta.1', 'unsatisfied'],
  ];
  const wrong = cases
    .map(([range, version, expected]) => [range, version, expected, checkSdkRange(range, version)])
    .filter(([, , expected, actual]) => actual !== expected)
    .map(([range, version, expected, actual]) => `${range} ${version}: ${actual}, not ${expected}`);
  assert.deepEqual(wrong, []);
});

test('malformed ranges and versions are invalid, and nothing throws', () => {
  for (const range of [
    'newest please',
    'latest',
    '^0.1.0 foo',
    '1.2.3.4',
    '^01.0.0',
    '0.1.0 -',
    '^',
    '>=',
    '\u0000',
    '1.2.3\u0000',
    '{"sdk": "^0.1.0"}',
    `${'1.2.3 '.repeat(60)}x`,
    `>=0.1.0 ${' '.repeat(300)}`,
    '^0.1.0'.padEnd(MAX_RANGE_LENGTH + 1, ' '),
    '||'.repeat(10_000),
    `${'1'.repeat(10_000)}.0.0`,
    `${'^1.0.0 '.repeat(10_000)}`,
  ]) {
    assert.equal(checkSdkRange(range, '0.1.0'), 'invalid', JSON.stringify(range.slice(0, 40)));
  }
  for (const version of ['', '1.2', '1', 'latest', '1.2.3.4', '01.2.3', '=1.2.3', '1.2.3-']) {
    assert.equal(checkSdkRange('*', version), 'invalid', JSON.stringify(version));
  }
  // A manifest is untrusted JSON; a wrong type is invalid too.
  assert.equal(checkSdkRange(1 as unknown as string, '0.1.0'), 'invalid');
  assert.equal(checkSdkRange('^0.1.0', null as unknown as string), 'invalid');
  fc.assert(
    fc.property(fc.string({maxLength: 400}), fc.string({maxLength: 40}), (range, version) => {
      assert.ok(['satisfied', 'unsatisfied', 'invalid'].includes(checkSdkRange(range, version)));
    }),
    {numRuns: 500},
  );
});

test('MAX_RANGE_LENGTH is the longest range accepted', () => {
  const longest = '^0.1.0'.padEnd(MAX_RANGE_LENGTH, ' ');
  assert.equal(checkSdkRange(longest, '0.1.0'), 'satisfied');
  assert.equal(checkSdkRange(`${longest} `, '0.1.0'), 'invalid');
});

test('as in npm, an empty range or alternative stands for any version', () => {
  assert.equal(checkSdkRange('', '0.1.0'), 'satisfied');
  assert.equal(checkSdkRange('|| 9.0.0', '0.1.0-beta'), 'satisfied');
});
