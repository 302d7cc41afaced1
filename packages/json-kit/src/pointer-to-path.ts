import {parsePointer} from './parse-pointer.js';

/**
 * A JSON pointer as people read a field's path in messages: `/rules/2/conditions/all/0` →
 * `rules[2].conditions.all[0]`. Array indexes (segments of digits) go in brackets. The root (`''`)
 * gives `''`; callers name it themselves ("the manifest", "The ruleset").
 */
export function pointerToPath(pointer: string): string {
  return parsePointer(pointer)
    .map((s, i) => (/^\d+$/.test(s) ? `[${s}]` : i === 0 ? s : `.${s}`))
    .join('');
}
