#!/usr/bin/env node
// `npm test`: type-check, lint, node tests (node:test via tsx) and browser tests (@web/test-runner in
// headless Chromium), then one line `N passed, N failed` that adds up all of them.
//
//   npm test                      everything
//   npm test -- --only node       one stage: static | node | browser (repeatable)
//   npm test -- packages/sdk      only test files whose path contains one of the given strings
import {spawnSync} from 'node:child_process';
import {mkdirSync, readdirSync, readFileSync, rmSync, existsSync} from 'node:fs';
import {join, relative} from 'node:path';
import {fileURLToPath} from 'node:url';
import {parseArgs} from 'node:util';
import {findChromium} from './find-chromium.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const {values, positionals} = parseArgs({
  options: {only: {type: 'string', multiple: true}},
  allowPositionals: true,
});
const stages = new Set(values.only ?? ['static', 'node', 'browser']);
const filters = positionals;
const totals = {passed: 0, failed: 0};
const failures = [];

function run(command, args, options = {}) {
  const result = spawnSync(command, args, {
    cwd: root,
    encoding: 'utf8',
    stdio: options.capture ? 'pipe' : 'inherit',
    env: {...process.env, ...options.env},
  });
  if (options.capture) {
    process.stdout.write(result.stdout ?? '');
    process.stderr.write(result.stderr ?? '');
  }
  return result;
}

function check(name, command, args) {
  console.log(`\n▶ ${name}`);
  const ok = run(command, args).status === 0;
  totals[ok ? 'passed' : 'failed']++;
  if (!ok) failures.push(name);
}

function findFiles(dir, predicate, out = []) {
  for (const entry of readdirSync(dir, {withFileTypes: true})) {
    if (entry.name === 'node_modules' || entry.name === 'dist' || entry.name.startsWith('.'))
      continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) findFiles(path, predicate, out);
    else if (predicate(entry.name)) out.push(relative(root, path));
  }
  return out;
}

const selected = (files) =>
  filters.length ? files.filter((f) => filters.some((x) => f.includes(x))) : files;
const bin = (pkg, path) => join(root, 'node_modules', pkg, path);

if (stages.has('static')) {
  check('type-check (tsc)', process.execPath, [
    bin('typescript', 'bin/tsc'),
    '-p',
    'tsconfig.json',
    '--noEmit',
  ]);
  check('lint (eslint)', process.execPath, [bin('eslint', 'bin/eslint.js'), '.']);
  check('format (prettier --check)', process.execPath, [
    bin('prettier', 'bin/prettier.cjs'),
    '--check',
    '.',
    '--log-level',
    'warn',
  ]);
}

if (stages.has('node')) {
  const files = selected(
    ['packages', 'plugins', 'test', 'rules'].flatMap((d) =>
      existsSync(join(root, d))
        ? findFiles(join(root, d), (n) => n.endsWith('.test.ts') && !n.endsWith('.browser.test.ts'))
        : [],
    ),
  );
  console.log(`\n▶ node tests (${files.length} files)`);
  if (files.length) {
    const result = run(
      process.execPath,
      ['--conditions=@crmkit/source', '--import', 'tsx', '--test', '--test-reporter=spec', ...files],
      {capture: true},
    );
    const count = (label) =>
      Number(new RegExp(`^ℹ ${label} (\\d+)$`, 'm').exec(result.stdout ?? '')?.[1] ?? 0);
    const passed = count('pass');
    let failed = count('fail') + count('cancelled');
    if (result.status !== 0 && failed === 0) failed = 1; // the runner itself failed
    totals.passed += passed;
    totals.failed += failed;
    if (failed) failures.push('node tests');
  }
}

if (stages.has('browser')) {
  const files = selected(
    ['packages', 'plugins', 'test'].flatMap((d) =>
      findFiles(join(root, d), (n) => n.endsWith('.browser.test.ts')),
    ),
  );
  console.log(`\n▶ browser tests (${files.length} files, @web/test-runner in Chromium)`);
  if (files.length) {
    findChromium({install: true});
    const generated = join(root, 'test', '.generated');
    mkdirSync(generated, {recursive: true});
    run(process.execPath, [bin('msw', 'cli/index.js'), 'init', generated, '--no-save'], {
      capture: true,
    });
    const countsFile = join(generated, 'wtr-counts.json');
    rmSync(countsFile, {force: true});
    const result = run(
      process.execPath,
      [
        bin('@web/test-runner', 'dist/bin.js'),
        '--config',
        'web-test-runner.config.mjs',
        ...(filters.length ? ['--files', ...files] : []),
      ],
      {env: {CRMKIT_WTR_COUNTS: countsFile}},
    );
    const counts = existsSync(countsFile)
      ? JSON.parse(readFileSync(countsFile, 'utf8'))
      : {passed: 0, failed: 1};
    if (result.status !== 0 && counts.failed === 0) counts.failed = 1;
    totals.passed += counts.passed;
    totals.failed += counts.failed;
    if (counts.failed) failures.push('browser tests');
  }
}

console.log('');
if (failures.length) console.log(`Failed: ${failures.join(', ')}`);
console.log(`${totals.passed} passed, ${totals.failed} failed`);
process.exit(totals.failed > 0 ? 1 : 0);
