// The real Assignment Manager, wired the way the dev host uses it, so that the mock host (and the
// cases' own expectations) decide reassignments exactly as the server does.
import {readFileSync} from 'node:fs';
import {assignOwnerSync, compileRuleset, parseRuleset, toLeadFacts} from '@crmkit/assignment';
import type {CompiledRuleset, UserRecord} from '@crmkit/assignment';
import type {AssignmentOutcome, Lead, OwnershipMode} from '@crmkit/sdk';
import {readBundledPlugin} from '@crmkit/dev-host';
import {DEMO_ROLES, DEMO_USERS} from '@crmkit/host-core';
import type {DemoUser} from '@crmkit/host-core';
import type {MockHostOptions} from '@crmkit/rest-client/msw';

/** The shipped ruleset the dev host seeds as the active one. */
export const SHIPPED_RULESET_TEXT = readFileSync(
  new URL('../../rules/lead-assignment.json', import.meta.url),
  'utf8',
);

const userRecords = (users: readonly DemoUser[]): Map<string, UserRecord> =>
  new Map(
    users.map((u) => [
      u.id,
      {
        id: u.id,
        name: u.name,
        role: DEMO_ROLES.find((r) => r.id === u.roleId)?.name.en ?? u.roleId,
        managerId: u.managerId,
        active: u.active,
      },
    ]),
  );

const compiledByText = new Map<string, CompiledRuleset>();
/** The ruleset compiled once per distinct content (as the dev host compiles it once per activation). */
function compiled(ruleset: unknown): CompiledRuleset {
  const key = JSON.stringify(ruleset);
  let result = compiledByText.get(key);
  if (!result) {
    result = compileRuleset(parseRuleset(ruleset));
    compiledByText.set(key, result);
  }
  return result;
}

/** What the Assignment Manager decides for `lead` (already in its rejected form). */
export function expectedAssignment(
  lead: Lead,
  ruleset: unknown = JSON.parse(SHIPPED_RULESET_TEXT),
  ownershipMode: OwnershipMode = 'mixed',
  users: readonly DemoUser[] = DEMO_USERS,
): AssignmentOutcome {
  const {outcome, ownerId, rule} = assignOwnerSync(toLeadFacts(lead), {
    compiled: compiled(ruleset),
    users: userRecords(users),
    ownershipMode,
  });
  return {outcome, ownerId, rule};
}

/** createMockHost options that seed the mock like the dev host: the shipped ruleset and plugin. */
export function contractMockHostOptions(): MockHostOptions {
  const bundled = readBundledPlugin();
  if (!bundled) throw new Error('the contract tests need the built reject-lead: run npm run build');
  return {
    ruleset: JSON.parse(SHIPPED_RULESET_TEXT),
    plugins: [bundled.plugin],
    pluginPackages: [{record: bundled.record, files: bundled.files}],
  };
}
