import {compileRuleset, lintRuleset, type CompiledRuleset} from '@crmkit/assignment';
import type {CliIo} from '../cli-io.js';
import {formatFinding, readText, shown} from './rules-files.js';
import {RULES_TEXT, type Lang} from './rules-text.js';

/**
 * Reads, lints and compiles a ruleset; prints its errors (in `lang`) and returns undefined when it
 * has any.
 */
export async function loadRuleset(
  io: CliIo,
  file: string,
  lang: Lang = 'en',
): Promise<CompiledRuleset | undefined> {
  const t = RULES_TEXT[lang];
  const name = shown(io.cwd, file);
  const {findings, ruleset} = lintRuleset(await readText(file, 'ruleset', t), {
    file: name,
    language: lang,
  });
  if (!ruleset) {
    for (const f of findings)
      if (f.severity === 'error') io.stderr(formatFinding(f, name, lang) + '\n');
    io.stderr(`${t.hasErrors(name)}\n`);
    return undefined;
  }
  return compileRuleset(ruleset);
}
