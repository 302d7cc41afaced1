import {test} from 'node:test';
import assert from 'node:assert/strict';
import {lineBatches, type LongLine} from './line-batches.js';

async function lines(chunks: (string | Buffer)[]): Promise<Array<string | LongLine>> {
  const out: Array<string | LongLine> = [];
  for await (const batch of lineBatches(chunks)) out.push(...batch);
  return out;
}

test('splits on \\n and \\r\\n across chunk borders, keeping a last line without newline', async () => {
  assert.deepEqual(await lines(['a\nb', 'c\r', '\nd\n\ne']), ['a', 'bc', 'd', '', 'e']);
  assert.deepEqual(await lines(['x\r\n']), ['x']);
  assert.deepEqual(await lines([]), []);
});

test('decodes UTF-8 characters split between chunks', async () => {
  const bytes = Buffer.from('Krüger\nÄ\n');
  const cut = bytes.indexOf(0xbc); // the second byte of ü
  assert.deepEqual(await lines([bytes.subarray(0, cut), bytes.subarray(cut)]), ['Krüger', 'Ä']);
});

test('a line over the limit comes as a LongLine in its place and is never held whole', async () => {
  const out: Array<string | LongLine> = [];
  const chunks = ['a\n', 'b'.repeat(6), 'b'.repeat(6), 'bb\r\nc\n', 'd'.repeat(11)];
  for await (const batch of lineBatches(chunks, {maxLength: 10})) out.push(...batch);
  assert.deepEqual(out, ['a', {tooLong: true, length: 14}, 'c', {tooLong: true, length: 11}]);
  // Exactly the limit is a line; within one chunk too.
  out.length = 0;
  for await (const batch of lineBatches(['x'.repeat(10) + '\n' + 'y'.repeat(11) + '\nz'], {
    maxLength: 10,
  }))
    out.push(...batch);
  assert.deepEqual(out, ['x'.repeat(10), {tooLong: true, length: 11}, 'z']);
});

test('a 100 MB line is skipped in flat memory and linear time', async () => {
  const chunk = Buffer.alloc(1 << 16, 0x61);
  function* stream() {
    yield Buffer.from('{"id":"L-1"}\n');
    for (let i = 0; i < 1600; i++) yield chunk; // 100 MiB without a newline
    yield Buffer.from('\n{"id":"L-2"}\n');
  }
  const started = performance.now();
  const out: unknown[] = [];
  for await (const batch of lineBatches(stream())) out.push(...batch);
  assert.deepEqual(out, ['{"id":"L-1"}', {tooLong: true, length: 1600 << 16}, '{"id":"L-2"}']);
  // Before the limit this took about 35 s (the growing line was searched again per chunk).
  assert.ok(performance.now() - started < 5000, `${performance.now() - started} ms`);
});
