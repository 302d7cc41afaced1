import {formatPointer} from '@crmkit/json-kit';
import {lintDraft, type LintDraft} from '../lint-finding.js';

/** `unused-shared-condition` (warning): a shared condition no rule or other condition references. */
export function checkUnusedConditions(
  shared: Record<string, unknown>,
  referenced: ReadonlySet<string>,
): LintDraft[] {
  return Object.keys(shared)
    .filter((name) => !referenced.has(name))
    .map((name) =>
      lintDraft('unused-shared-condition', {name}, formatPointer(['sharedConditions', name]), {
        key: true,
      }),
    );
}
