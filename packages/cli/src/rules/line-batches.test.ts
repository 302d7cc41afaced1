import {test} from 'node:test';
import assert from 'node:assert/strict';
import {lineBatches} from './line-batches.js';

async function lines(chunks: (string | Buffer)[]): Promise<string[]> {
  const out: string[] = [];
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
