import {test} from 'node:test';
import assert from 'node:assert/strict';
import {MAX_JSON_DEPTH as JSON_KIT_DEPTH} from '@crmkit/json-kit';
import {HostProblem} from './host-problem.js';
import {
  MAX_JSON_DEPTH,
  decodeBody,
  excessNestingOffset,
  findLoneSurrogate,
  firstInvalidUtf8,
  parseJsonBody,
} from './parse-json-body.js';

const JSON_TYPE = 'application/json';

/** The problem `work` throws, as the dev host would answer it in English. */
function refusal(work: () => unknown) {
  try {
    work();
  } catch (error) {
    assert.ok(error instanceof HostProblem, `a HostProblem, not ${String(error)}`);
    return {...error.toProblem('en'), de: error.toProblem('de')};
  }
  assert.fail('expected a refusal');
}

test('the depth limit is the one the CLI and the linter use (@crmkit/json-kit)', () => {
  assert.equal(MAX_JSON_DEPTH, JSON_KIT_DEPTH);
});

test('a body nested deeper than the limit is 400 invalid-json naming the limit, before any parser', () => {
  for (const text of [
    '['.repeat(500_000), // unterminated: JSON.parse fails, and jsonc-parser used to overflow
    '['.repeat(100_000) + ']'.repeat(100_000), // valid JSON, too deep for ajv and stringify
    `{"rejectCode": ${'{"a":'.repeat(MAX_JSON_DEPTH)}1${'}'.repeat(MAX_JSON_DEPTH)}}`,
  ]) {
    const started = performance.now();
    const problem = refusal(() => parseJsonBody(text, JSON_TYPE));
    assert.ok(performance.now() - started < 500, 'a linear scan');
    assert.equal(problem.status, 400);
    assert.equal(problem.code, 'invalid-json');
    assert.match(problem.detail!, /deeper than 1000 levels/);
    assert.match(problem.de.detail!, /tiefer als 1000 Ebenen/);
    assert.deepEqual(
      problem.errors?.map((e) => [e.field, e.code]),
      [['', 'max-depth']],
    );
    assert.equal(problem.errors?.[0]?.column, text.startsWith('{') ? 16 + 5 * 999 : 1001);
  }
});

test('exactly the limit parses; brackets inside strings do not count', () => {
  const deep = '['.repeat(MAX_JSON_DEPTH) + ']'.repeat(MAX_JSON_DEPTH);
  assert.ok(parseJsonBody(deep, JSON_TYPE));
  const text = JSON.stringify({rejectReason: '['.repeat(5000), quote: '\\"[[['});
  assert.deepEqual(parseJsonBody(text, JSON_TYPE)?.value, JSON.parse(text));
  assert.equal(excessNestingOffset('[[["]]]]]]"]]]', 3), -1);
  // After an escaped backslash the quote ends the string: the brackets after it count.
  assert.equal(excessNestingOffset('[["\\\\"[[', 2), 6);
});

test('a lone surrogate is 400 invalid-body on its field; a surrogate pair is text', () => {
  const problem = refusal(() =>
    parseJsonBody('{"rejectCode":"OTHER","rejectReason":"x\\ud800y"}', JSON_TYPE),
  );
  assert.equal(problem.status, 400);
  assert.equal(problem.code, 'invalid-body');
  assert.deepEqual(
    problem.errors?.map((e) => [e.field, e.code]),
    [['/rejectReason', 'lone-surrogate']],
  );
  assert.match(problem.detail!, /\/rejectReason/);
  // A low surrogate alone, and one in a property name (the field is its object).
  assert.equal(findLoneSurrogate(JSON.parse('["ok", {"a/b": ["\\udc00"]}]')), '/1/a~1b/0');
  assert.equal(findLoneSurrogate(JSON.parse('{"x": {"k\\ud800": 1}}')), '/x');
  const pair = parseJsonBody('{"rejectReason":"x\\ud83d\\ude00y"}', JSON_TYPE);
  assert.deepEqual(pair?.value, {rejectReason: 'x😀y'});
});

test('decodeBody refuses bytes that are not UTF-8 with 400 invalid-json at the first bad byte', () => {
  const bytes = (...b: number[]) => Uint8Array.from(b);
  const prefix = [...new TextEncoder().encode('{"a":"')];
  for (const [bad, offset] of [
    [[0xff], 6], // never in UTF-8
    [[0xc0, 0x80], 6], // overlong NUL
    [[0xed, 0xa0, 0x80], 6], // a surrogate encoded (CESU-8)
    [[0xf4, 0x90, 0x80, 0x80], 6], // above U+10FFFF
    [[0x61, 0xe2, 0x82], 7], // cut off at the end
  ] as const) {
    const problem = refusal(() => decodeBody(bytes(...prefix, ...bad)));
    assert.equal(problem.code, 'invalid-json');
    assert.deepEqual(
      problem.errors?.map((e) => [e.field, e.code]),
      [['', 'invalid-utf8']],
    );
    assert.match(problem.detail!, new RegExp(`byte ${offset} `));
  }
  // Valid text passes unchanged, a byte-order mark kept (JSON.parse then refuses it as a character).
  assert.equal(
    decodeBody(new TextEncoder().encode('{"a":"Zurückweisen 😀"}')),
    '{"a":"Zurückweisen 😀"}',
  );
  assert.equal(decodeBody(bytes(0xef, 0xbb, 0xbf, 0x7b, 0x7d)), '\ufeff{}');
});

test('firstInvalidUtf8 agrees with the fatal TextDecoder on random bytes', () => {
  const decoder = new TextDecoder('utf-8', {fatal: true});
  let seed = 42;
  const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31) * 256;
  for (let run = 0; run < 5000; run++) {
    const length = 1 + (run % 12);
    // Bytes biased to the lead and continuation ranges, where the edge cases are.
    const sample = Uint8Array.from({length}, () => {
      const r = Math.floor(random());
      return r < 64 ? r : 0x80 + (r % 0x78);
    });
    let valid = true;
    try {
      decoder.decode(sample);
    } catch {
      valid = false;
    }
    assert.equal(firstInvalidUtf8(sample) === -1, valid, `bytes ${[...sample].join(',')}`);
  }
});
