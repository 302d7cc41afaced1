import {test} from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import {diffCounts, foldUnchanged, lineDiff, MAX_DIFF_CELLS, type DiffLine} from './line-diff.js';

/** A diff as compact lines: "  same", "- removed", "+ added". */
const show = (diff: readonly DiffLine[]) =>
  diff.map((l) => `${l.kind === 'same' ? ' ' : l.kind === 'removed' ? '-' : '+'} ${l.text}`);

/** What a diff says the old and the new text were. */
const sides = (diff: readonly DiffLine[]) => ({
  old: diff.filter((l) => l.kind !== 'added').map((l) => l.text),
  new: diff.filter((l) => l.kind !== 'removed').map((l) => l.text),
});

test('equal texts are all kept, with both line numbers', () => {
  const diff = lineDiff('a\nb\n', 'a\nb');
  assert.deepEqual(diff, [
    {kind: 'same', text: 'a', oldLine: 1, newLine: 1},
    {kind: 'same', text: 'b', oldLine: 2, newLine: 2},
  ]);
  assert.deepEqual(lineDiff('', ''), []);
});

test('a changed line reads as removed then added, between kept lines', () => {
  const diff = lineDiff('{\n  "to": "jonas"\n}\n', '{\n  "to": "sofia"\n}\n');
  assert.deepEqual(show(diff), ['  {', '-   "to": "jonas"', '+   "to": "sofia"', '  }']);
  assert.equal(diff[1]?.oldLine, 2);
  assert.equal(diff[2]?.newLine, 2);
  assert.deepEqual(diffCounts(diff), {added: 1, removed: 1});
});

test('inserted and deleted blocks in the middle keep the common lines aligned', () => {
  const diff = lineDiff('a\nb\nc\nd\ne', 'a\nx\nb\nd\ne\nf');
  assert.deepEqual(show(diff), ['  a', '+ x', '  b', '- c', '  d', '  e', '+ f']);
  const kept = diff.filter((l) => l.kind === 'same');
  assert.deepEqual(
    kept.map((l) => [l.oldLine, l.newLine]),
    [
      [1, 1],
      [2, 3],
      [4, 4],
      [5, 5],
    ],
  );
});

test('for any two texts the diff gives back both, and keeps as many lines as an LCS', () => {
  const lines = fc.array(fc.constantFrom('a', 'b', 'c', '{', '}', ''), {maxLength: 12});
  fc.assert(
    fc.property(lines, lines, (x, y) => {
      const diff = lineDiff(x.join('\n'), y.join('\n'));
      const both = sides(diff);
      // A trailing empty line is a final newline, which the diff does not show as a line.
      const trim = (l: string[]) => (l.at(-1) === '' ? l.slice(0, -1) : l);
      assert.deepEqual(both.old, x.join('\n') === '' ? [] : trim(x));
      assert.deepEqual(both.new, y.join('\n') === '' ? [] : trim(y));
      const kept = diff.filter((l) => l.kind === 'same').length;
      assert.equal(kept, lcsLength(both.old, both.new));
    }),
  );
});

test('texts too large to align are shown as the middle removed, then added', () => {
  const size = Math.ceil(Math.sqrt(MAX_DIFF_CELLS)) + 1;
  const a = Array.from({length: size}, (_, i) => `a${i}`);
  const b = Array.from({length: size}, (_, i) => `b${i}`);
  const diff = lineDiff(['top', ...a, 'end'].join('\n'), ['top', ...b, 'end'].join('\n'));
  assert.equal(diff.length, size * 2 + 2);
  assert.deepEqual(show([diff[0]!, diff[1]!, diff[size + 1]!, diff.at(-1)!]), [
    '  top',
    '- a0',
    '+ b0',
    '  end',
  ]);
});

/** A plain LCS length, to check the diff against. */
function lcsLength(x: string[], y: string[]): number {
  const t = Array.from({length: x.length + 1}, () => new Array<number>(y.length + 1).fill(0));
  for (let i = 1; i <= x.length; i++)
    for (let j = 1; j <= y.length; j++)
      t[i]![j] =
        x[i - 1] === y[j - 1] ? t[i - 1]![j - 1]! + 1 : Math.max(t[i - 1]![j]!, t[i]![j - 1]!);
  return t[x.length]![y.length]!;
}

test('unchanged runs far from a change fold into one count; changes keep their context', () => {
  const old = Array.from({length: 20}, (_, i) => `l${i}`);
  const next = [...old];
  next[10] = 'changed';
  const folded = foldUnchanged(lineDiff(old.join('\n'), next.join('\n')), 2);
  assert.deepEqual(
    folded.map((l) => ('folded' in l ? `(${l.folded})` : `${l.kind} ${l.text}`)),
    ['(8)', 'same l8', 'same l9', 'removed l10', 'added changed', 'same l11', 'same l12', '(7)'],
  );
  assert.deepEqual(foldUnchanged(lineDiff('a\nb', 'a\nb'), 2), [{folded: 2}]);
});
