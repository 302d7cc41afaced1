import {AssignmentError} from '@crmkit/assignment';
import {EXIT, type Command} from '../cli-io.js';
import {explainUsage} from './rules-explain.js';
import {UsageError} from './rules-files.js';
import {lintUsage} from './rules-lint.js';
import {simulateUsage} from './rules-simulate.js';
import {testUsage} from './rules-test.js';

const usage = `Usage: crmkit rules <lint|test|explain|simulate> …

${lintUsage}${testUsage}${explainUsage}${simulateUsage}
Exit codes: 0 success, 1 findings (lint errors, failed cases), 2 usage error.
`;

const subcommands: Record<string, () => Promise<Command>> = {
  lint: async () => (await import('./rules-lint.js')).rulesLint,
  test: async () => (await import('./rules-test.js')).rulesTest,
  explain: async () => (await import('./rules-explain.js')).rulesExplain,
  simulate: async () => (await import('./rules-simulate.js')).rulesSimulate,
};

/** `crmkit rules …`: the rule author's tools. */
export const rulesCommand: Command = async (argv, io) => {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    io.stdout(usage);
    return name === undefined ? EXIT.usage : EXIT.ok;
  }
  const load = subcommands[name];
  if (!load) {
    io.stderr(`crmkit rules: unknown subcommand "${name}"\n\n${usage}`);
    return EXIT.usage;
  }
  try {
    return await (
      await load()
    )(rest, io);
  } catch (error) {
    const e = error as {code?: string; message?: string};
    if (error instanceof UsageError || e.code?.startsWith('ERR_PARSE_ARGS')) {
      io.stderr(`crmkit rules ${name}: ${e.message}\n`);
      return EXIT.usage;
    }
    if (error instanceof AssignmentError) {
      io.stderr(`crmkit rules ${name}: ${error.code}: ${error.message}\n`);
      return EXIT.findings;
    }
    throw error;
  }
};
