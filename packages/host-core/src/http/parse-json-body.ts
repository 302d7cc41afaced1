import {parse as parseJsonc} from 'jsonc-parser';
import type {ParseError} from 'jsonc-parser';
import {HostProblem} from './host-problem.js';
import {hostText} from '../texts/host-texts.js';

/** Largest request body a host reads, in bytes (a big ruleset fits many times over). */
export const MAX_BODY_BYTES = 1024 * 1024;

/**
 * The deepest nesting of arrays and objects a request body may have. Everything after JSON.parse
 * (jsonc-parser's positions, ajv, the linter, JSON.stringify, structuredClone) recurses once per level,
 * so 100,000 `[` would overflow the stack and answer 500; no document of the contract needs more than
 * a few dozen levels. The same limit as @crmkit/json-kit's MAX_JSON_DEPTH, which the CLI and the
 * linter use (host-core does not depend on json-kit; a test keeps the two equal).
 */
export const MAX_JSON_DEPTH = 1000;

const [QUOTE, BACKSLASH, OPEN_ARRAY, CLOSE_ARRAY, OPEN_OBJECT, CLOSE_OBJECT] = [...'"\\[]{}'].map(
  (c) => c.charCodeAt(0),
);

/**
 * The offset of the bracket where `text` opens more than `limit` arrays or objects at once, or -1.
 * A linear scan of the brackets outside strings, without recursion: it runs before any parser does.
 */
export function excessNestingOffset(text: string, limit: number = MAX_JSON_DEPTH): number {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      // An escaped character, whatever it is, cannot end the string.
      if (c === BACKSLASH) i++;
      else if (c === QUOTE) inString = false;
    } else if (c === QUOTE) {
      inString = true;
    } else if (c === OPEN_ARRAY || c === OPEN_OBJECT) {
      if (++depth > limit) return i;
    } else if ((c === CLOSE_ARRAY || c === CLOSE_OBJECT) && depth > 0) {
      depth--;
    }
  }
  return -1;
}

/** Fatal: a body that is not UTF-8 is refused, never decoded with U+FFFD in place of its bytes. */
const utf8 = new TextDecoder('utf-8', {fatal: true, ignoreBOM: true});

/**
 * A request body's bytes as text, as every adapter reads it (the node:http one, the msw one): strict
 * UTF-8 (RFC 8259 8.1), a byte-order mark kept (JSON.parse then refuses it as it would any stray
 * character). Bytes that are not UTF-8 are refused with 400 `invalid-json` naming the first bad byte:
 * replacing them would store text the client never sent.
 */
export function decodeBody(bytes: Uint8Array): string {
  try {
    return utf8.decode(bytes);
  } catch {
    const offset = firstInvalidUtf8(bytes);
    throw new HostProblem('invalid-json', hostText('request.invalid-utf8', {offset}), {
      errors: [
        {
          field: '',
          code: 'invalid-utf8',
          message: hostText('request.invalid-utf8.field', {offset}),
        },
      ],
    });
  }
}

/** The offset of the first byte that does not belong to a well-formed UTF-8 sequence (RFC 3629). */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i]!;
    if (b < 0x80) {
      i++;
      continue;
    }
    // The sequence length and the range its second byte must fall in (no overlongs, no surrogates,
    // nothing above U+10FFFF).
    let length: number;
    let low = 0x80;
    let high = 0xbf;
    if (b >= 0xc2 && b <= 0xdf) length = 2;
    else if (b >= 0xe0 && b <= 0xef) {
      length = 3;
      if (b === 0xe0) low = 0xa0;
      if (b === 0xed) high = 0x9f;
    } else if (b >= 0xf0 && b <= 0xf4) {
      length = 4;
      if (b === 0xf0) low = 0x90;
      if (b === 0xf4) high = 0x8f;
    } else return i;
    for (let k = 1; k < length; k++) {
      const next = bytes[i + k];
      if (next === undefined) return i;
      if (k === 1 ? next < low || next > high : next < 0x80 || next > 0xbf) return i;
    }
    i += length;
  }
  return -1;
}

/** A lone UTF-16 surrogate (with `u`, a well-formed pair is one code point and does not match). */
const LONE_SURROGATE = /[\uD800-\uDFFF]/u;

/**
 * The JSON pointer of the first string (a value, or a property name: then the object's pointer) that
 * holds a lone surrogate, e.g. from the escape `\ud800` without its pair; undefined when none does.
 * Such a string is no Unicode text: a database stores it as U+FFFD, altered. Recursive, so only for a
 * value whose depth is already bounded (`MAX_JSON_DEPTH`).
 */
export function findLoneSurrogate(value: unknown, pointer = ''): string | undefined {
  if (typeof value === 'string') return LONE_SURROGATE.test(value) ? pointer : undefined;
  if (value === null || typeof value !== 'object') return undefined;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = findLoneSurrogate(value[i], `${pointer}/${i}`);
      if (found !== undefined) return found;
    }
    return undefined;
  }
  for (const [key, item] of Object.entries(value)) {
    if (LONE_SURROGATE.test(key)) return pointer;
    const found = findLoneSurrogate(
      item,
      `${pointer}/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`,
    );
    if (found !== undefined) return found;
  }
  return undefined;
}

/** 413 for a body over `limit` bytes (adapters throw it while reading). */
export function payloadTooLarge(limit: number = MAX_BODY_BYTES): HostProblem {
  return new HostProblem('payload-too-large', hostText('request.payload-too-large', {limit}), {
    headers: {connection: 'close'},
  });
}

/**
 * Parses a JSON request body as sent. Refuses a non-JSON content type (415), a text nested deeper
 * than `MAX_JSON_DEPTH` (400 `invalid-json`, checked before any parser runs), malformed JSON (400
 * `invalid-json`, with the position) and a string with a lone surrogate (400 `invalid-body`, naming
 * the field). Returns the value and the text; `undefined` when empty.
 */
export function parseJsonBody(
  text: string,
  contentType: string | undefined,
): {value: unknown; text: string} | undefined {
  if (text.length === 0) return undefined;
  const type = (contentType ?? '').split(';')[0]!.trim().toLowerCase();
  if (type !== 'application/json' && !type.endsWith('+json')) {
    throw new HostProblem(
      'unsupported-media-type',
      hostText('request.unsupported-media-type', {type}),
    );
  }
  const tooDeep = excessNestingOffset(text, MAX_JSON_DEPTH);
  if (tooDeep !== -1) {
    const {line, column} = lineAndColumn(text, tooDeep);
    throw new HostProblem(
      'invalid-json',
      hostText('request.json-too-deep', {limit: MAX_JSON_DEPTH, line, column}),
      {
        errors: [
          {
            field: '',
            code: 'max-depth',
            line,
            column,
            message: hostText('request.json-too-deep.field', {limit: MAX_JSON_DEPTH}),
          },
        ],
      },
    );
  }
  let value: unknown;
  try {
    value = JSON.parse(text) as unknown;
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    // V8's message does not always say where; jsonc-parser (strict options) does.
    const errors: ParseError[] = [];
    parseJsonc(text, errors, {disallowComments: true, allowTrailingComma: false});
    const position =
      errors[0]?.offset ?? Number(/at position (\d+)/.exec(reason)?.[1] ?? text.length);
    const {line, column} = lineAndColumn(text, position);
    throw new HostProblem(
      'invalid-json',
      hostText('request.invalid-json', {line, column, reason}),
      {
        errors: [
          {
            field: '',
            code: 'invalid-json',
            line,
            column,
            message: hostText('request.invalid-json.field', {line, column}),
          },
        ],
      },
    );
  }
  const field = findLoneSurrogate(value);
  if (field !== undefined) {
    throw new HostProblem('invalid-body', hostText('request.lone-surrogate', {field}), {
      errors: [{field, code: 'lone-surrogate', message: hostText('request.lone-surrogate.field')}],
    });
  }
  return {value, text};
}

/** 1-based line and column of a character offset in `text`. */
export function lineAndColumn(text: string, offset: number): {line: number; column: number} {
  const before = text.slice(0, Math.max(0, Math.min(offset, text.length)));
  const lines = before.split('\n');
  return {line: lines.length, column: lines[lines.length - 1]!.length + 1};
}
