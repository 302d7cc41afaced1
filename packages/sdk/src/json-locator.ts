import {parseTree, printParseErrorCode, type Node, type ParseError} from 'jsonc-parser';

/** A 1-based position in a text. */
export interface TextPosition {
  line: number;
  column: number;
}

/** Where a JSON syntax error is. */
export interface JsonSyntaxError extends TextPosition {
  /** jsonc-parser's name of the error, e.g. `CommaExpected`. */
  kind: string;
}

/** A parsed JSON text that can tell where the value at a JSON pointer is. */
export interface JsonLocator {
  /** The parsed value (undefined when the text has syntax errors). */
  value: unknown;
  syntaxErrors: JsonSyntaxError[];
  /**
   * The position of the value at `pointer` (RFC 6901), or of its property name when `key` is set.
   * A pointer to something missing gives the position of its nearest existing ancestor.
   */
  positionOf(pointer: string, options?: {key?: boolean}): TextPosition;
}

/** Splits an RFC 6901 JSON pointer into its unescaped segments. */
export function parsePointer(pointer: string): string[] {
  if (pointer === '') return [];
  return pointer
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

/** Joins segments into an RFC 6901 JSON pointer. */
export function formatPointer(segments: ReadonlyArray<string | number>): string {
  return segments.map((s) => '/' + String(s).replace(/~/g, '~0').replace(/\//g, '~1')).join('');
}

/**
 * Parses strict JSON (no comments, no trailing commas) and keeps the offsets of every value. A leading
 * byte-order mark is skipped and not counted, as editors do.
 */
export function createJsonLocator(text: string): JsonLocator {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const lineStarts = [0];
  for (let i = 0; i < body.length; i++) {
    if (body[i] === '\n') lineStarts.push(i + 1);
  }
  const toPosition = (offset: number): TextPosition => {
    let lo = 0;
    let hi = lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((lineStarts[mid] ?? 0) <= offset) lo = mid;
      else hi = mid - 1;
    }
    return {line: lo + 1, column: offset - (lineStarts[lo] ?? 0) + 1};
  };
  const errors: ParseError[] = [];
  const root = parseTree(body, errors, {disallowComments: true, allowTrailingComma: false});
  const syntaxErrors = errors.map((e) => ({
    kind: printParseErrorCode(e.error),
    ...toPosition(e.offset),
  }));
  if (!root && syntaxErrors.length === 0) {
    syntaxErrors.push({kind: 'ValueExpected', ...toPosition(0)});
  }
  const value = syntaxErrors.length === 0 ? JSON.parse(body) : undefined;

  const positionOf = (pointer: string, options: {key?: boolean} = {}): TextPosition => {
    if (!root) return {line: 1, column: 1};
    let node: Node = root;
    let keyNode: Node | undefined;
    for (const segment of parsePointer(pointer)) {
      let next: Node | undefined;
      let nextKey: Node | undefined;
      if (node.type === 'object') {
        const property = node.children?.find((p) => p.children?.[0]?.value === segment);
        nextKey = property?.children?.[0];
        next = property?.children?.[1];
      } else if (node.type === 'array' && /^\d+$/.test(segment)) {
        next = node.children?.[Number(segment)];
      }
      if (!next) return toPosition(node.offset);
      node = next;
      keyNode = nextKey;
    }
    return toPosition(options.key && keyNode ? keyNode.offset : node.offset);
  };
  return {value, syntaxErrors, positionOf};
}
