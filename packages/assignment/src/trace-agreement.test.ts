// explain/trace never fails where the decision succeeds, and agrees with it: 20,000 fuzzed
// comparisons of assignOwnerSync against assignOwner(…, {trace: true}) over random rulesets (every
// operator, values that make json-rules-engine throw, references, priorities) and leads. The same
// check over a million comparisons: `npm run fuzz:trace -w @crmkit/assignment` (scripts/fuzz-trace.ts).
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {assignOwner, assignOwnerSync, type AssignmentContext} from './assign-owner.js';
import {compileRuleset} from './compile-ruleset.js';
import type {LeadFacts} from './lead-facts.js';
import {parseRuleset} from './parse-ruleset.js';
import {randomRulesets, USERS} from '../test/random-rulesets.js';
import {compareTrace, emptyTally} from '../test/trace-agreement.js';

test('20,000 fuzzed comparisons: the trace decides as the decision, and never fails where it succeeds', async () => {
  const gen = randomRulesets(20261214);
  const tally = emptyTally();
  while (tally.comparisons < 20_000) {
    const compiled = compileRuleset(gen.generateRuleset());
    for (let l = 0; l < 20; l++) await compareTrace(compiled, gen.generateLead(), USERS, tally);
  }
  const share = (n: number) => n / tally.comparisons;
  // The generator must reach every kind of decision, and the case that used to fail the trace: a
  // rule after the winner that fails on the lead.
  assert.ok(share(tally.assigned) > 0.2, `assigned ${tally.assigned}`);
  assert.ok(share(tally.unassigned) > 0.05, `unassigned ${tally.unassigned}`);
  assert.ok(share(tally.failed) > 0.02, `failed ${tally.failed}`);
  assert.ok(
    share(tally.decidedDespiteLaterFailure) > 0.01,
    `decided despite a failing later rule ${tally.decidedDespiteLaterFailure}`,
  );
});

test('the issue’s case: swap:in on a missing field after the winner is reported, not thrown', async () => {
  const ruleset = parseRuleset({
    recordType: 'lead',
    unassignedOwner: 'u1',
    rules: [
      {
        name: 'rejected-to-u2',
        conditions: {all: [{fact: 'lead', path: '$.status', operator: 'equal', value: 'Rejected'}]},
        event: {type: 'assign', params: {to: 'user', userId: 'u2'}},
      },
      {
        name: 'reason-in-budget',
        conditions: {
          all: [{fact: 'lead', path: '$.rejectReason', operator: 'swap:in', value: 'budget'}],
        },
        event: {type: 'assign', params: {to: 'user', userId: 'u4'}},
      },
      {
        name: 'emea',
        conditions: {all: [{fact: 'lead', path: '$.region', operator: 'equal', value: 'EMEA'}]},
        event: {type: 'assign', params: {to: 'user', userId: 'u5'}},
      },
    ],
  });
  const context: AssignmentContext = {ruleset, users: USERS, ownershipMode: 'mixed'};
  const lead = {id: 'L', status: 'Rejected', region: 'EMEA', ownerId: null, originalOwnerId: null};
  const decision = assignOwnerSync(lead as LeadFacts, context);
  const {trace, ...traced} = await assignOwner(lead as LeadFacts, context, {trace: true});
  assert.deepEqual(traced, decision);
  assert.deepEqual(decision, {outcome: 'assigned', ownerId: 'u2', rule: 'rejected-to-u2'});
  const [first, second, third] = trace!.rules;
  assert.deepEqual([first!.applied, first!.evaluated, first!.afterWinner], [true, true, false]);
  assert.equal(second!.evaluated, false);
  assert.equal(second!.afterWinner, true);
  assert.equal(second!.error?.code, 'rule-evaluation-failed');
  assert.match(second!.error!.message, /^Rule "reason-in-budget" cannot be evaluated/);
  assert.equal(second!.conditions.result, null);
  // A later rule that can be evaluated still shows what it would have done.
  assert.deepEqual(
    [third!.evaluated, third!.matched, third!.afterWinner, third!.applied],
    [true, true, true, false],
  );
  // The same rule before the winner fails the decision, and the trace with it.
  const failing = parseRuleset({...ruleset, rules: [ruleset.rules[1]!, ruleset.rules[0]!]});
  const ctx = {...context, ruleset: failing};
  assert.throws(() => assignOwnerSync(lead as LeadFacts, ctx), {code: 'rule-evaluation-failed'});
  await assert.rejects(assignOwner(lead as LeadFacts, ctx, {trace: true}), {
    code: 'rule-evaluation-failed',
  });
});
