// npm run bench:rules — the shipped ruleset over 100k generated leads, in one run: leads/s of
// assignOwnerSync (the compiled rules), of the simulate path (generating each lead on the fly and
// deciding it, as `crmkit rules simulate --generate` does), and of a plain reused json-rules-engine
// Engine loop (rules at unique priorities in ruleset order; the first success whose target resolves
// stops the run). Every contestant gets the same leads, a warm-up (one pass, and at least a second)
// and several timed rounds; the median round counts, by CPU time (the ratios) and by the wall clock. Decisions of the compiled rules and of the engine are asserted identical.
// Options: --rounds <n> (default 5), --engine-rounds <n> (default 3), --leads <n> (default 100000),
// --warm-up-ms <ms> (default 1000: each contestant is warmed up for at least this long).
import assert from 'node:assert/strict';
import {readFileSync} from 'node:fs';
import {parseArgs} from 'node:util';
import {Engine} from 'json-rules-engine';
import {
  assignOwnerSync,
  compileRuleset,
  generateLeads,
  nowFacts,
  parseRuleset,
  type AssignmentContext,
  type LeadFacts,
  type UserRecord,
} from '@crmkit/assignment';

const {values} = parseArgs({
  options: {
    rounds: {type: 'string', default: '5'},
    'engine-rounds': {type: 'string', default: '3'},
    leads: {type: 'string', default: '100000'},
    'warm-up-ms': {type: 'string', default: '1000'},
  },
});
const N = Number(values.leads);
const WARM_UP_MS = Number(values['warm-up-ms']);
const ROUNDS = Number(values.rounds);
const ENGINE_ROUNDS = Number(values['engine-rounds']);
const SEED = 7;

const read = (p: string) => readFileSync(new URL(p, import.meta.url), 'utf8');
const ruleset = parseRuleset(read('../../../rules/lead-assignment.json'));
const compiled = compileRuleset(ruleset);
assert.ok(compiled.synchronous, 'the shipped ruleset compiles');
const userList: UserRecord[] = JSON.parse(read('../../../rules/users.json'));
const users = new Map(userList.map((u) => [u.id, u]));
const leads: LeadFacts[] = [...generateLeads({count: N, seed: SEED})];
const now = new Date(Date.UTC(2026, 10, 28, 12));
const context: AssignmentContext = {compiled, users, ownershipMode: 'mixed', now};

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;

/** Leads per second of one contestant: by the wall clock, and per second of this process's CPU time. */
interface Rate {
  wall: number;
  cpu: number;
}

/** CPU time of this process so far (user + system, all its threads), in seconds. */
const cpuSeconds = () => {
  const {user, system} = process.cpuUsage();
  return (user + system) / 1e6;
};

/**
 * Warms `round` up, then runs it `rounds` times; returns leads/s of the median round, by the wall
 * clock and by CPU time. The warm-up is one round and at least WARM_UP_MS: a round of the compiled
 * rules takes about 10 ms, and one round is not enough for V8 to finish optimising them (the rounds
 * after it ran 2–4× slower than the steady state). The ratios are taken from CPU time: on a shared
 * machine a 10 ms round is either run through or preempted, while the engine loop's rounds of
 * seconds get the average share, so wall-clock ratios swung between ~110× and ~280× from run to run
 * with the same code.
 */
async function measure(rounds: number, round: () => unknown): Promise<Rate> {
  const warmUpStart = performance.now();
  do await round();
  while (performance.now() - warmUpStart < WARM_UP_MS);
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < rounds; i++) {
    const t = performance.now();
    const c = cpuSeconds();
    await round();
    cpu.push(cpuSeconds() - c);
    wall.push((performance.now() - t) / 1000);
  }
  return {wall: N / median(wall), cpu: N / median(cpu)};
}

// 1. assignOwnerSync over the leads, one reused context (as the dev host's transaction calls it).
const fast: string[] = new Array(N);
const compiledRate = await measure(ROUNDS, () => {
  for (let i = 0; i < N; i++) fast[i] = assignOwnerSync(leads[i] as LeadFacts, context).ownerId;
});

// 2. The simulate path: the same leads generated on the fly (same seed) and decided, counted per rule.
const perRule = new Map<string | null, number>();
const simulateRate = await measure(ROUNDS, () => {
  perRule.clear();
  for (const lead of generateLeads({count: N, seed: SEED})) {
    const {rule} = assignOwnerSync(lead, context);
    perRule.set(rule, (perRule.get(rule) ?? 0) + 1);
  }
});

// 3. A plain reused json-rules-engine Engine: rules at unique priorities in ruleset order, the first
// success whose target resolves wins and stops the run.
const engine = new Engine([], {allowUndefinedFacts: true});
for (const [name, condition] of Object.entries(ruleset.sharedConditions ?? {}))
  engine.setCondition(name, structuredClone(condition) as never);
ruleset.rules.forEach((rule, index) =>
  engine.addRule({
    name: rule.name,
    priority: ruleset.rules.length - index,
    conditions: structuredClone(rule.conditions) as never,
    event: {type: 'assign', params: {index}},
  }),
);
const find = (id: string) => users.get(id);
let current: LeadFacts;
let winner: string | null = null;
engine.on('success', (event) => {
  if (winner !== null) return;
  const index = (event.params as {index: number}).index;
  const owner = compiled.rules[index]!.resolve(current, find);
  if (owner !== null) {
    winner = owner;
    engine.stop();
  }
});
const nowFact = nowFacts(now);
const slow: string[] = new Array(N);
const engineRate = await measure(ENGINE_ROUNDS, async () => {
  for (let i = 0; i < N; i++) {
    current = leads[i] as LeadFacts;
    winner = null;
    await engine.run({
      lead: current,
      owner: (current.ownerId && users.get(current.ownerId)) ?? null,
      originalOwner: (current.originalOwnerId && users.get(current.originalOwnerId)) ?? null,
      now: nowFact,
    });
    slow[i] = winner ?? ruleset.unassignedOwner;
  }
});
assert.deepEqual(fast, slow, 'compiled and json-rules-engine decisions differ');

const figure = (n: number) => Math.round(n).toLocaleString('en').padStart(12);
const row = (name: string, rate: Rate) =>
  console.log(
    `${name.padEnd(36)} ${figure(rate.cpu)} leads/CPU-s ${(rate.cpu / engineRate.cpu).toFixed(1).padStart(7)}× the engine loop   (wall clock: ${figure(rate.wall)} leads/s, ${(rate.wall / engineRate.wall).toFixed(1)}×)`,
  );
console.log(
  `shipped ruleset, ${N.toLocaleString('en')} generated leads; median of ${ROUNDS} rounds (engine: ${ENGINE_ROUNDS}) after a warm-up of at least one round and ${WARM_UP_MS} ms each; ratios by CPU time; identical decisions: yes`,
);
row('assignOwnerSync (compiled)', compiledRate);
row('simulate path (generate + assign)', simulateRate);
row('json-rules-engine Engine loop', engineRate);
console.log(
  `per rule: ${[...perRule].map(([rule, n]) => `${rule ?? '(unassigned owner)'} ${n}`).join(', ')}`,
);
console.log(`peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`);
