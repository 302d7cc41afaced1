/** One line of a diff: kept in both, only in the old text (removed) or only in the new one (added). */
export interface DiffLine {
  kind: 'same' | 'removed' | 'added';
  text: string;
  /** 1-based line number in the old text (removed, same) and in the new text (added, same). */
  oldLine?: number;
  newLine?: number;
}

/**
 * Above this many cells (changed old lines × changed new lines) the middle of the texts is shown as
 * removed then added instead of aligned: the table grows with the product, and a ruleset version is a
 * few hundred lines, so only an unusual pair of texts gets there.
 */
export const MAX_DIFF_CELLS = 4_000_000;

/**
 * A line diff of two texts by longest common subsequence: common lines at the start and the end are
 * taken off first (two versions of a ruleset mostly differ in a few places), the middle is aligned by
 * an LCS table. No library: the installed ones are only transitive dependencies of the test tools.
 */
export function lineDiff(oldText: string, newText: string): DiffLine[] {
  const a = splitLines(oldText);
  const b = splitLines(newText);
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA--;
    endB--;
  }
  const out: DiffLine[] = [];
  const same = (i: number, j: number) =>
    out.push({kind: 'same', text: a[i] as string, oldLine: i + 1, newLine: j + 1});
  const removed = (i: number) => out.push({kind: 'removed', text: a[i] as string, oldLine: i + 1});
  const added = (j: number) => out.push({kind: 'added', text: b[j] as string, newLine: j + 1});

  for (let i = 0; i < start; i++) same(i, i);
  const n = endA - start;
  const m = endB - start;
  if (n * m > MAX_DIFF_CELLS) {
    for (let i = start; i < endA; i++) removed(i);
    for (let j = start; j < endB; j++) added(j);
  } else {
    // lcs[i * (m + 1) + j]: the LCS length of a[start + i…endA) and b[start + j…endB).
    const width = m + 1;
    const lcs = new Uint32Array((n + 1) * width);
    for (let i = n - 1; i >= 0; i--) {
      for (let j = m - 1; j >= 0; j--) {
        lcs[i * width + j] =
          a[start + i] === b[start + j]
            ? (lcs[(i + 1) * width + j + 1] as number) + 1
            : Math.max(lcs[(i + 1) * width + j] as number, lcs[i * width + j + 1] as number);
      }
    }
    let i = 0;
    let j = 0;
    while (i < n && j < m) {
      if (a[start + i] === b[start + j]) {
        same(start + i++, start + j++);
      } else if ((lcs[(i + 1) * width + j] as number) >= (lcs[i * width + j + 1] as number)) {
        // Removed before added, so a changed line reads "− old, + new".
        removed(start + i++);
      } else {
        added(start + j++);
      }
    }
    while (i < n) removed(start + i++);
    while (j < m) added(start + j++);
  }
  for (let k = 0; k < a.length - endA; k++) same(endA + k, endB + k);
  return out;
}

/** The lines of a text; a final newline does not make an extra empty line. */
function splitLines(text: string): string[] {
  if (text === '') return [];
  const lines = text.split(/\r?\n/);
  if (lines.at(-1) === '') lines.pop();
  return lines;
}

/** How many lines a diff adds and removes. */
export function diffCounts(diff: readonly DiffLine[]): {added: number; removed: number} {
  let added = 0;
  let removed = 0;
  for (const line of diff) {
    if (line.kind === 'added') added++;
    else if (line.kind === 'removed') removed++;
  }
  return {added, removed};
}

/** Unchanged lines shown around each change; longer runs of them are folded into one line. */
export const DIFF_CONTEXT = 3;

/** A diff's lines with the unchanged runs far from any change folded: `{folded: n}` stands for n. */
export function foldUnchanged(
  lines: readonly DiffLine[],
  context = DIFF_CONTEXT,
): Array<DiffLine | {folded: number}> {
  const near = new Array<boolean>(lines.length).fill(false);
  lines.forEach((line, i) => {
    if (line.kind === 'same') return;
    for (let k = Math.max(0, i - context); k <= Math.min(lines.length - 1, i + context); k++) {
      near[k] = true;
    }
  });
  const out: Array<DiffLine | {folded: number}> = [];
  for (const [i, line] of lines.entries()) {
    if (near[i]) out.push(line);
    else {
      const last = out.at(-1);
      if (last && 'folded' in last) last.folded++;
      else out.push({folded: 1});
    }
  }
  return out;
}
