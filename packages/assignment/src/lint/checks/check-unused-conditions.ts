import {formatPointer} from '@crmkit/json-kit';
import type {LintDraft} from '../lint-finding.js';

/** `unused-shared-condition` (warning): a shared condition no rule or other condition references. */
export function checkUnusedConditions(
  shared: Record<string, unknown>,
  referenced: ReadonlySet<string>,
): LintDraft[] {
  return Object.keys(shared)
    .filter((name) => !referenced.has(name))
    .map((name) => ({
      severity: 'warning',
      code: 'unused-shared-condition',
      message: `Shared condition "${name}" is not referenced by any rule.`,
      hint: `Reference it with {"condition": "${name}"} or remove it.`,
      pointer: formatPointer(['sharedConditions', name]),
      key: true,
    }));
}
