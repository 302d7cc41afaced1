// Items 1 and 7 on the command line: `crmkit validate` and `rules lint` crashed with a stack trace on
// JSON 10,000 levels deep; `validate` hung on a FIFO as plugin.json; `rules simulate` spent 35 s and
// 1.1 GB on one 100 MB line; `crmkit pack … | head` ended in an EPIPE stack trace. Each must be a
// finding (exit 1) or a quiet end, in bounded time.
import assert from 'node:assert/strict';
import {execFileSync, spawn} from 'node:child_process';
import {existsSync, mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {fileURLToPath} from 'node:url';
import {DEEP_BODIES} from './deep-json.js';
import {attack, type Category} from '../lib/attack.js';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const BIN = join(ROOT, 'packages/cli/bin/crmkit-dev.mjs');
const STACK = /\n\s+at .+[:(]\d+/;

interface Run {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  ms: number;
}

/** `crmkit …` from the sources, killed after `timeoutMs` (a hang is a broken attack, not a stuck suite). */
function crmkit(
  args: string[],
  options: {cwd?: string; closeStdout?: boolean; timeoutMs?: number} = {},
): Promise<Run> {
  const started = performance.now();
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      cwd: options.cwd ?? ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: {...process.env, LANG: 'C', LC_ALL: ''},
    });
    let stdout = '';
    let stderr = '';
    if (options.closeStdout) child.stdout.destroy();
    else child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 30_000);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({code, signal, stdout, stderr, ms: performance.now() - started});
    });
  });
}

const finding = (run: Run, pattern: RegExp) => {
  assert.equal(run.signal, null, `killed by ${run.signal} after ${Math.round(run.ms)} ms (hung)`);
  assert.equal(run.code, 1, run.stdout + run.stderr);
  assert.doesNotMatch(run.stderr, STACK, 'no stack trace');
  assert.match(run.stdout + run.stderr, pattern);
};

export function cliCategory(): Category {
  const dir = mkdtempSync(join(tmpdir(), 'crmkit-hostile-cli-'));
  const file = (name: string, text: string) => {
    writeFileSync(join(dir, name), text);
    return join(dir, name);
  };
  return {
    name: 'cli',
    concurrency: 4,
    attacks: () => [
      // Three of the hostile bodies (a process each is what costs here): unterminated, arrays, rules.
      ...Object.entries(DEEP_BODIES)
        .filter(([what]) => /unterminated|100,000 nested arrays|all groups/.test(what))
        .flatMap(([what, text]) => [
          attack(`crmkit validate on a plugin.json of ${what}: a finding, exit 1`, async () => {
            const name = file(`${what.replace(/\W+/g, '-')}.plugin.json`, text);
            finding(await crmkit(['validate', name]), /nests deeper than 1000 levels/);
          }),
          attack(`crmkit rules lint on ${what}: a finding, exit 1`, async () => {
            const name = file(`${what.replace(/\W+/g, '-')}.ruleset.json`, text);
            finding(await crmkit(['rules', 'lint', name]), /nests deeper than 1000 levels/);
          }),
        ]),
      attack('crmkit validate on a FIFO as plugin.json: a finding at once, no hang', async () => {
        const fifo = join(mkdtempSync(join(dir, 'fifo-')), 'plugin.json');
        execFileSync('mkfifo', [fifo]);
        const run = await crmkit(['validate', fifo], {timeoutMs: 15_000});
        finding(run, /error file-not-regular: .*a FIFO \(named pipe\), not a regular file/);
        assert.ok(run.ms < 15_000);
      }),
      attack('crmkit validate on a folder whose plugin.json is a FIFO: the same', async () => {
        const folder = mkdtempSync(join(dir, 'fifo-dir-'));
        execFileSync('mkfifo', [join(folder, 'plugin.json')]);
        finding(await crmkit(['validate', folder], {timeoutMs: 15_000}), /file-not-regular/);
      }),
      attack(
        'crmkit rules simulate with a 20 MB line: refused naming the line, others counted',
        async () => {
          const lead = JSON.stringify({
            id: 'L-1',
            status: 'Rejected',
            ownerId: 'max',
            originalOwnerId: 'max',
          });
          const leads = file(
            'long.ndjson',
            `${lead}\n{"id":"L-2","x":"${'x'.repeat(20 << 20)}"}\n${lead}\n`,
          );
          const run = await crmkit([
            'rules',
            'simulate',
            'rules/lead-assignment.json',
            '--leads',
            leads,
            '--users',
            'rules/users.json',
          ]);
          finding(
            run,
            /long\.ndjson:2: not a lead \(the line is [\d,]+ characters long, over the limit of 1,048,576 \(1 MiB\)\); skipped/,
          );
          assert.match(run.stdout, /Simulated 2 leads/);
          assert.ok(run.ms < 15_000, `${Math.round(run.ms)} ms`);
        },
      ),
      ...(
        [
          ['crmkit --help', ['--help']],
          [
            'crmkit rules simulate --json',
            [
              'rules',
              'simulate',
              'rules/lead-assignment.json',
              '--generate',
              '100',
              '--users',
              'rules/users.json',
              '--json',
            ],
          ],
          ['crmkit validate --json', ['validate', 'plugins/reject-lead', '--json']],
          ['crmkit pack', ['pack', 'plugins/reject-lead', '--out', dir]],
        ] as const
      ).map(([what, args]) =>
        attack(`${what} into a closed pipe (… | head): ends quietly`, async () => {
          if (
            what === 'crmkit pack' &&
            !existsSync(join(ROOT, 'plugins/reject-lead/dist/plugin.json'))
          )
            throw new Error(
              'build the plugin first (npm run build): pack needs plugins/reject-lead/dist',
            );
          const run = await crmkit([...args], {closeStdout: true});
          assert.equal(run.signal, null);
          assert.doesNotMatch(run.stderr, /EPIPE|Unhandled 'error' event/);
          assert.doesNotMatch(run.stderr, STACK);
          assert.equal(run.code, 0, run.stderr);
        }),
      ),
    ],
    cleanup: () => rmSync(dir, {recursive: true, force: true}),
  };
}
