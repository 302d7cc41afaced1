import {parse as parseJsonc} from 'jsonc-parser';
import type {ParseError} from 'jsonc-parser';
import {HostProblem} from './host-problem.js';
import {hostText} from '../texts/host-texts.js';

/** Largest request body a host reads, in bytes (a big ruleset fits many times over). */
export const MAX_BODY_BYTES = 1024 * 1024;

/** 413 for a body over `limit` bytes (adapters throw it while reading). */
export function payloadTooLarge(limit: number = MAX_BODY_BYTES): HostProblem {
  return new HostProblem('payload-too-large', hostText('request.payload-too-large', {limit}), {
    headers: {connection: 'close'},
  });
}

/**
 * Parses a JSON request body as sent. Refuses a non-JSON content type (415) and malformed JSON (400
 * `invalid-json`, with the position). Returns the value and the text; `undefined` when empty.
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
  try {
    return {value: JSON.parse(text) as unknown, text};
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
}

/** 1-based line and column of a character offset in `text`. */
export function lineAndColumn(text: string, offset: number): {line: number; column: number} {
  const before = text.slice(0, Math.max(0, Math.min(offset, text.length)));
  const lines = before.split('\n');
  return {line: lines.length, column: lines[lines.length - 1]!.length + 1};
}
