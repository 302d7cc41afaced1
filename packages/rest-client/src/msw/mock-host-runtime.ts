import type {AssignmentOutcome, Lead, OwnershipMode} from '@crmkit/sdk';
import type {RequestChecker} from '@crmkit/host-core';
import type {DemoUser} from '@crmkit/host-core';
import type {LocatedFieldError} from '../rest-admin-api.js';
import type {MockHostState} from './mock-host-state.js';

/** What the mock's reassignment decision sees. */
export interface MockAssignContext {
  /** The active ruleset (as stored through `PUT /api/admin/assignment-rules`). */
  ruleset: Record<string, unknown>;
  ownershipMode: OwnershipMode;
  users: readonly DemoUser[];
  /** The ruleset's `unassignedOwner`, when it names one (else the demo's `lead-desk`). */
  unassignedOwner: string;
}

/**
 * Decides the new owner of a rejected lead (the lead as it is after rejection: status Rejected, with
 * its rejection). Throwing makes the reject answer 500 `assignment-failed` and change nothing.
 */
export type MockAssign = (
  lead: Lead,
  context: MockAssignContext,
) => AssignmentOutcome | Promise<AssignmentOutcome>;

/** One finding of a ruleset linter (the shape of @crmkit/assignment's `LintFinding`). */
export interface MockLintFinding {
  severity: 'error' | 'warning';
  code: string;
  message: string;
  hint?: string;
  /** JSON pointer into the ruleset. */
  pointer: string;
  line?: number;
  column?: number;
}

/** Lints a ruleset given as the JSON text the admin sent (so positions are that text's). */
export type MockLintRuleset = (source: string) => readonly MockLintFinding[];

/** The mock host's moving parts, shared by its routes. */
export interface MockHostRuntime {
  state: MockHostState;
  /** The contract's request side: operations, body and parameter schemas. */
  requests: RequestChecker;
  assign: MockAssign;
  lintRuleset: MockLintRuleset | undefined;
  now: () => Date;
}

/** A field error as a finding becomes one (the finding's hint appended to its message). */
export function findingToFieldError(finding: MockLintFinding): LocatedFieldError {
  const error: LocatedFieldError = {
    field: finding.pointer,
    code: finding.code,
    message: finding.hint ? `${finding.message} ${finding.hint}` : finding.message,
  };
  if (finding.line) error.line = finding.line;
  if (finding.column) error.column = finding.column;
  return error;
}
