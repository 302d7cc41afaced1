// npm run bench:rules — the shipped ruleset over 100k generated leads: leads/s of assignOwnerSync (the
// compiled rules), of the simulate path (generation + evaluation), and of a plain reused
// json-rules-engine Engine loop (first resolving success stops it), with identical decisions asserted.
import assert from 'node:assert/strict';
import {readFileSync} from 'node:fs';
import {
  assignOwnerSync,
  compileRuleset,
  generateLeads,
  parseRuleset,
  resolveTarget,
  type UserRecord,
} from '@crmkit/assignment';

const N = 100_000;
const read = (p: string) => readFileSync(new URL(p, import.meta.url), 'utf8');
const compiled = compileRuleset(parseRuleset(read('../../../rules/lead-assignment.json')));
const userList: UserRecord[] = JSON.parse(read('../../../rules/users.json'));
const users = new Map(userList.map((u) => [u.id, u]));
const leads = [...generateLeads({count: N, seed: 7})];
const context = {compiled, users, ownershipMode: 'mixed' as const, now: new Date(0)};

let t = performance.now();
const fast = leads.map((lead) => assignOwnerSync(lead, context).ownerId);
const compiledRate = N / ((performance.now() - t) / 1000);

t = performance.now();
let n = 0;
for (const lead of generateLeads({count: N, seed: 7})) if (assignOwnerSync(lead, context)) n++;
const simulateRate = n / ((performance.now() - t) / 1000);

const now = {iso: '', epochMs: 0, hourUtc: 0, weekdayUtc: 4};
t = performance.now();
const slow: string[] = [];
for (const lead of leads) {
  const winner = await compiled.reference.decide(
    {
      lead,
      owner: users.get(lead.ownerId ?? '') ?? null,
      originalOwner: users.get(lead.originalOwnerId ?? '') ?? null,
      now,
    },
    (i) => resolveTarget(compiled.rules[i]!.target, lead, (id) => users.get(id)).ownerId,
  );
  slow.push(winner ? winner.ownerId : compiled.ruleset.unassignedOwner);
}
const engineRate = N / ((performance.now() - t) / 1000);
assert.deepEqual(fast, slow, 'compiled and json-rules-engine decisions differ');

const row = (name: string, rate: number) =>
  console.log(
    `${name.padEnd(34)} ${Math.round(rate).toLocaleString('en').padStart(12)} leads/s  ${(rate / engineRate).toFixed(1).padStart(7)}× the engine loop`,
  );
console.log(`shipped ruleset, ${N.toLocaleString('en')} generated leads, identical decisions: yes`);
row('assignOwnerSync (compiled)', compiledRate);
row('simulate path (generate + assign)', simulateRate);
row('json-rules-engine Engine loop', engineRate);
console.log(`peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`);
