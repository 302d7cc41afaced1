import {compileRuleset, lintRuleset, type CompiledRuleset} from '@crmkit/assignment';
import type {CliIo} from '../cli-io.js';
import {formatFinding, readText, shown} from './rules-files.js';

/** Reads, lints and compiles a ruleset; prints its errors and returns undefined when it has any. */
export async function loadRuleset(io: CliIo, file: string): Promise<CompiledRuleset | undefined> {
  const name = shown(io.cwd, file);
  const {findings, ruleset} = lintRuleset(await readText(file, 'ruleset'), {file: name});
  if (!ruleset) {
    for (const f of findings) if (f.severity === 'error') io.stderr(formatFinding(f, name) + '\n');
    io.stderr(`${name} has errors; fix them first (crmkit rules lint ${name}).\n`);
    return undefined;
  }
  return compileRuleset(ruleset);
}
