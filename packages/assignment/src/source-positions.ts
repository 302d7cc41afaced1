import {findNodeAtLocation, type Node} from 'jsonc-parser';

/** Turns JSON pointers into 1-based line:column positions in the source text they came from. */
export class SourcePositions {
  private readonly lineStarts: number[] = [0];

  constructor(
    private readonly text: string,
    private readonly root: Node | undefined,
  ) {
    for (let i = 0; i < text.length; i++)
      if (text.charCodeAt(i) === 10) this.lineStarts.push(i + 1);
  }

  /** Line and column (1-based) of an offset. */
  at(offset: number): {line: number; column: number} {
    let lo = 0;
    let hi = this.lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((this.lineStarts[mid] as number) <= offset) lo = mid;
      else hi = mid - 1;
    }
    return {line: lo + 1, column: offset - (this.lineStarts[lo] as number) + 1};
  }

  /**
   * Where the value at a JSON pointer starts; with `key`, where its property name starts. Falls back to
   * the nearest existing parent.
   */
  of(pointer: string, key = false): {line: number; column: number} {
    if (!this.root) return {line: 1, column: 1};
    const segments = pointerSegments(pointer).map((s) => (/^\d+$/.test(s) ? Number(s) : s));
    for (let n = segments.length; n >= 0; n--) {
      const node = findNodeAtLocation(this.root, segments.slice(0, n));
      if (!node) continue;
      const keyNode = key && n === segments.length ? node.parent?.children?.[0] : undefined;
      if (keyNode && node.parent?.type === 'property') return this.at(keyNode.offset);
      return this.at(node.offset);
    }
    return this.at(this.root.offset);
  }
}

/** The unescaped segments of a JSON pointer (`/a~1b/0` → `['a/b', '0']`). */
export function pointerSegments(pointer: string): string[] {
  if (pointer === '') return [];
  return pointer
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

/** A JSON pointer from segments. */
export function toPointer(segments: readonly (string | number)[]): string {
  return segments.map((s) => '/' + String(s).replace(/~/g, '~0').replace(/\//g, '~1')).join('');
}
