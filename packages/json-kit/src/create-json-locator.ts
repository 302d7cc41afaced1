import {parseTree, printParseErrorCode, type Node, type ParseError} from 'jsonc-parser';
import {createLineIndex} from './create-line-index.js';
import {findExcessNesting, MAX_JSON_DEPTH} from './find-excess-nesting.js';
import {parsePointer} from './parse-pointer.js';
import type {TextPosition} from './text-position.js';

/** Where a JSON syntax error is. */
export interface JsonSyntaxError extends TextPosition {
  /**
   * jsonc-parser's name of the error, e.g. `CommaExpected`; `NestingTooDeep` for a text nested deeper
   * than `MAX_JSON_DEPTH` levels (found before any parser runs; nothing else is checked then).
   */
  kind: string;
  /** The character offset in the text as given (a byte-order mark counts here, not in `column`). */
  offset: number;
}

/** How to point at a value: at the value itself, or with `key`, at its property name. */
export interface LocateOptions {
  key?: boolean;
}

/** A parsed JSON text that can tell where the value at a JSON pointer is. */
export interface JsonLocator {
  /** The parsed value (undefined when the text has syntax errors). */
  value: unknown;
  syntaxErrors: JsonSyntaxError[];
  /**
   * Whether the parser found a JSON value at the start of the text at all: false for an empty or
   * blank text and for one that starts with something else (`}`, a bare word), true for `[1,` too.
   */
  foundValue: boolean;
  /**
   * The position of the value at `pointer` (RFC 6901), or of its property name when `key` is set.
   * A pointer to something missing gives the position of its nearest existing ancestor (the root, at
   * worst), so that every finding has a place an editor can jump to.
   */
  positionOf(pointer: string, options?: LocateOptions): TextPosition;
  /** Like {@link positionOf}, as a character offset in the text as given. */
  offsetOf(pointer: string, options?: LocateOptions): number;
  /** The position of a character offset in the text as given. */
  positionAt(offset: number): TextPosition;
}

/** The node at each segment, stopping at the deepest one that exists; with the last property's key. */
function find(root: Node, pointer: string): {node: Node; key?: Node} {
  let node = root;
  let key: Node | undefined;
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
    if (!next) return {node};
    node = next;
    key = nextKey;
  }
  return key ? {node, key} : {node};
}

/**
 * Parses strict JSON (no comments, no trailing commas) and keeps the offsets of every value. A leading
 * byte-order mark is skipped: it is no syntax error and takes no column, as in editors. A text nested
 * deeper than `MAX_JSON_DEPTH` levels is not parsed at all (jsonc-parser recurses per level): its one
 * syntax error is `NestingTooDeep` at the bracket past the limit.
 */
export function createJsonLocator(text: string): JsonLocator {
  const bom = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const body = bom ? text.slice(1) : text;
  const lines = createLineIndex(body);
  const positionAt = (offset: number) => lines.positionAt(offset - bom);
  const tooDeep = findExcessNesting(body, MAX_JSON_DEPTH);
  if (tooDeep) {
    return {
      value: undefined,
      syntaxErrors: [
        {kind: 'NestingTooDeep', offset: tooDeep.offset + bom, ...lines.positionAt(tooDeep.offset)},
      ],
      foundValue: true,
      positionOf: () => positionAt(bom),
      offsetOf: () => bom,
      positionAt,
    };
  }
  const errors: ParseError[] = [];
  const root = parseTree(body, errors, {disallowComments: true, allowTrailingComma: false});
  const syntaxErrors: JsonSyntaxError[] = errors.map((e) => ({
    kind: printParseErrorCode(e.error),
    offset: e.offset + bom,
    ...lines.positionAt(e.offset),
  }));
  if (!root && syntaxErrors.length === 0) {
    syntaxErrors.push({kind: 'ValueExpected', offset: bom, ...lines.positionAt(0)});
  }
  const value = syntaxErrors.length === 0 ? JSON.parse(body) : undefined;
  const offsetOf = (pointer: string, options: LocateOptions = {}): number => {
    if (!root) return bom;
    const {node, key} = find(root, pointer);
    return (options.key && key ? key.offset : node.offset) + bom;
  };
  return {
    value,
    syntaxErrors,
    foundValue: root !== undefined,
    positionOf: (pointer, options) => positionAt(offsetOf(pointer, options)),
    offsetOf,
    positionAt,
  };
}
