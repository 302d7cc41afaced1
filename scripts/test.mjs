#!/usr/bin/env node
// `npm test`: type-check, lint, the build (`npm run build`: what ships), node tests (node:test via
// tsx), browser tests (@web/test-runner in headless Chromium, loading the built plugin bundle) and the
// consumer stage (the packed tarballs installed into a fresh project outside the workspace), then one
// line `N passed, N failed` that adds up all of them.
//
//   npm test                      everything
//   npm test -- --only node       one stage: static | build | node | browser | consumer (repeatable;
//                                 node, browser and consumer build first unless --no-build)
//   npm test -- packages/sdk      only test files whose path contains one of the given strings
import {spawnSync} from 'node:child_process';
import {mkdirSync, readdirSync, readFileSync, rmSync, existsSync} from 'node:fs';
import {join, relative} from 'node:path';
import {fileURLToPath} from 'node:url';
import {parseArgs} from 'node:util';
import {findChromium} from './find-chromium.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const {values, positionals} = parseArgs({
  options: {only: {type: 'string', multiple: true}, 'no-build': {type: 'boolean'}},
  allowPositionals: true,
});
const stages = new Set(values.only ?? ['static', 'node', 'browser', 'consumer']);
// The tests load what the build writes, so a run of them builds first.
if (!values['no-build'] && ['node', 'browser', 'consumer'].some((s) => stages.has(s)))
  stages.add('build');
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

/** Adds a node:test run's `ℹ pass N` / `ℹ fail N` lines to the totals. */
function addNodeTestCounts(name, result) {
  const count = (label) =>
    Number(new RegExp(`^ℹ ${label} (\\d+)$`, 'm').exec(result.stdout ?? '')?.[1] ?? 0);
  let failed = count('fail') + count('cancelled');
  if (result.status !== 0 && failed === 0) failed = 1; // the runner itself failed
  totals.passed += count('pass');
  totals.failed += failed;
  if (failed) failures.push(name);
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

if (stages.has('build')) {
  check('build (npm run build)', process.execPath, [
    bin('rollup', 'dist/bin/rollup'),
    '-c',
    'rollup.config.mjs',
  ]);
  check('build types', process.execPath, [join(root, 'scripts', 'build-types.mjs')]);
}

if (stages.has('node')) {
  const files = selected(
    ['packages', 'plugins', 'test', 'rules'].flatMap((d) =>
      existsSync(join(root, d))
        ? findFiles(
            join(root, d),
            // Browser and consumer tests have stages of their own (the consumer file ran twice).
            (n) =>
              n.endsWith('.test.ts') &&
              !n.endsWith('.browser.test.ts') &&
              !n.endsWith('.consumer.test.ts'),
          )
        : [],
    ),
  );
  console.log(`\n▶ node tests (${files.length} files)`);
  if (files.length) {
    const result = run(
      process.execPath,
      [
        '--conditions=@crmkit/source',
        '--import',
        'tsx',
        '--test',
        '--test-reporter=spec',
        ...files,
      ],
      {capture: true},
    );
    addNodeTestCounts('node tests', result);
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

if (stages.has('consumer')) {
  // Its own node:test run: it packs, installs and drives Chromium, so it must not share the node
  // stage's concurrency with the unit tests.
  const files = selected(findFiles(join(root, 'test'), (n) => n.endsWith('.consumer.test.ts')));
  console.log(`\n▶ consumer stage (${files.length} files: packed tarballs in a fresh project)`);
  if (files.length) {
    findChromium({install: true});
    const result = run(
      process.execPath,
      ['--import', 'tsx', '--test', '--test-concurrency=1', '--test-reporter=spec', ...files],
      {capture: true},
    );
    addNodeTestCounts('consumer stage', result);
  }
}

console.log('');
if (failures.length) console.log(`Failed: ${failures.join(', ')}`);
console.log(`${totals.passed} passed, ${totals.failed} failed`);
process.exit(totals.failed > 0 ? 1 : 0);
