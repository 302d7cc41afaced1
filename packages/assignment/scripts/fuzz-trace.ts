// Fuzzes explain/trace against the decision: N comparisons (default 1,000,000) of assignOwnerSync
// against assignOwner(…, {trace: true}) over random rulesets and leads, each checked as
// src/trace-agreement.test.ts checks its 20,000 (test/trace-agreement.ts). Prints the tally and
// exits 1 at the first difference, with the ruleset and the lead.
// Run: npm run fuzz:trace -w @crmkit/assignment [-- --count 1000000 --seed 1 --adversarial]
import {parseArgs} from 'node:util';
import {compileRuleset} from '../src/compile-ruleset.js';
import {randomRulesets, USERS} from '../test/random-rulesets.js';
import {compareTrace, emptyTally} from '../test/trace-agreement.js';

const {values} = parseArgs({
  options: {
    count: {type: 'string', default: '1000000'},
    seed: {type: 'string', default: '1'},
    'leads-per-ruleset': {type: 'string', default: '20'},
    adversarial: {type: 'boolean', default: false},
  },
});
const count = Number(values.count);
const perRuleset = Number(values['leads-per-ruleset']);
const gen = randomRulesets(Number(values.seed), {adversarial: values.adversarial});
const tally = emptyTally();
const started = performance.now();
let nextReport = 100_000;
try {
  while (tally.comparisons < count) {
    const compiled = compileRuleset(gen.generateRuleset());
    for (let l = 0; l < perRuleset && tally.comparisons < count; l++)
      await compareTrace(compiled, gen.generateLead(), USERS, tally);
    if (tally.comparisons >= nextReport) {
      const s = (performance.now() - started) / 1000;
      process.stderr.write(
        `${tally.comparisons.toLocaleString('en')} comparisons, ${s.toFixed(0)} s\n`,
      );
      nextReport += 100_000;
    }
  }
} catch (error) {
  console.error(`difference after ${tally.comparisons.toLocaleString('en')} comparisons:`);
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
}
const seconds = (performance.now() - started) / 1000;
const pct = (n: number) => `${((100 * n) / tally.comparisons).toFixed(2)} %`;
console.log(
  `${tally.comparisons.toLocaleString('en')} traced comparisons (seed ${values.seed}${values.adversarial ? ', adversarial values' : ''}) in ${seconds.toFixed(1)} s: 0 differences`,
);
console.log(
  `decisions: assigned ${pct(tally.assigned)}, unassigned owner ${pct(tally.unassigned)}, rule-evaluation-failed ${pct(tally.failed)} (the trace failed exactly there too)`,
);
console.log(
  `decided while a rule after the winner fails on the lead: ${pct(tally.decidedDespiteLaterFailure)} (${tally.laterRulesNotEvaluated.toLocaleString('en')} such rules reported as not evaluated; before, each of these traces failed)`,
);
