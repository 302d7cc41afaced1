import type {JsonLocator} from './create-json-locator.js';
import type {Finding, FindingDraft} from './finding.js';

/**
 * Gives each draft its position (through `locator`, or 1:1 without one: a parsed value has no text),
 * its severity (default `error`) and `file`, and sorts them into text order. The sort is stable, so
 * findings at one place keep the order the checks produced them in.
 */
export function locateFindings<Code extends string>(
  drafts: readonly FindingDraft<Code>[],
  locator: JsonLocator | undefined,
  file?: string,
): Finding<Code>[] {
  return drafts
    .map((d): Finding<Code> => {
      const {line, column} = locator
        ? locator.positionOf(d.pointer, {key: d.key ?? false})
        : {line: 1, column: 1};
      return {
        severity: d.severity ?? 'error',
        code: d.code,
        message: d.message,
        hint: d.hint,
        pointer: d.pointer,
        line,
        column,
        ...(file === undefined ? {} : {file}),
      };
    })
    .sort((a, b) => a.line - b.line || a.column - b.column);
}
