import {after, before, test} from 'node:test';
import assert from 'node:assert/strict';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {transform} from 'esbuild';
import {validateManifest} from '@crmkit/sdk';
import {captureIo, REPO_ROOT} from './rules/capture-io.js';
import {createCommand, pluginNames, renderTemplate, TEMPLATES} from './create-command.js';
import {main} from './main.js';

let scratch: string;
before(() => {
  scratch = mkdtempSync(join(tmpdir(), 'crmkit-create-test-'));
});
after(() => rmSync(scratch, {recursive: true, force: true}));

/** Every file below `dir`, as relative paths, sorted. */
function filesBelow(dir: string, prefix = ''): string[] {
  return readdirSync(join(dir, prefix), {withFileTypes: true})
    .flatMap((e) =>
      e.isDirectory() ? filesBelow(dir, join(prefix, e.name)) : [join(prefix, e.name)],
    )
    .sort();
}

const rootPackage = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as {
  devDependencies: Record<string, string>;
};
const cliPackage = JSON.parse(
  readFileSync(new URL('../package.json', import.meta.url), 'utf8'),
) as {version: string; files: string[]};

for (const template of TEMPLATES) {
  test(`create --template ${template}: every file, filled in, a valid manifest, a README`, async () => {
    const io = captureIo({cwd: scratch});
    const code = await main(
      ['create', `${template}-notes`, '--template', template, '--id', 'com.acme.lead-notes'],
      io,
    );
    assert.equal(code, 0, io.err);
    const dir = join(scratch, `${template}-notes`);
    const tag = `crm-${template}-notes`;
    assert.deepEqual(filesBelow(dir), [
      '.gitignore',
      'README.md',
      'package.json',
      'plugin.json',
      'rollup.config.mjs',
      `src/${tag}.browser.test.ts`,
      `src/${tag}.ts`,
      'src/index.ts',
      'src/strings.ts',
      'tsconfig.json',
      'web-test-runner.config.mjs',
    ]);
    for (const file of filesBelow(dir)) {
      const text = readFileSync(join(dir, file), 'utf8');
      assert.doesNotMatch(text, /__[A-Z_]+__/, `${file}`);
      // Filled in, every source still compiles (a placeholder where a name needs quotes would not).
      if (file.endsWith('.ts')) await transform(text, {loader: 'ts', format: 'esm'});
      if (file.endsWith('.json')) JSON.parse(text);
    }
    const manifestText = readFileSync(join(dir, 'plugin.json'), 'utf8');
    const result = validateManifest(manifestText, {file: 'plugin.json'});
    assert.deepEqual(result.issues, []);
    assert.equal(result.manifest!.id, 'com.acme.lead-notes');
    assert.deepEqual(result.manifest!.elements, [{tag, extensionPoint: 'lead.detail.panel'}]);
    assert.deepEqual(result.manifest!.permissions, ['leads.read']);
    // Outside any project: where `npm install` in the folder puts the sdk.
    assert.equal(
      JSON.parse(manifestText).$schema,
      'node_modules/@crmkit/sdk/schema/plugin-manifest.schema.json',
    );
    const index = readFileSync(join(dir, 'src/index.ts'), 'utf8');
    const className = template === 'lit' ? 'CrmLitNotes' : 'CrmVanillaNotes';
    assert.match(index, new RegExp(`customElements\\.define\\('${tag}', ${className}\\)`));
    const element = readFileSync(join(dir, `src/${tag}.ts`), 'utf8');
    assert.match(element, template === 'lit' ? /extends LitElement/ : /extends HTMLElement/);
    const readme = readFileSync(join(dir, 'README.md'), 'utf8');
    assert.match(readme, new RegExp(`^# ${template === 'lit' ? 'Lit' : 'Vanilla'} Notes\\n`));
    assert.match(readme, /npm test/);
    assert.match(io.out, new RegExp(`Created com\\.acme\\.lead-notes \\(${template}\\)`));
    assert.match(io.out, new RegExp(`cd ${template}-notes && npm install`));
  });
}

test("the created package.json uses the repository's own tool versions and this CLI's version", () => {
  for (const template of TEMPLATES) {
    const files = renderTemplate(template, {CRMKIT_RANGE: `^${cliPackage.version}`});
    const pkg = JSON.parse(files.get('package.json')!) as {
      dependencies?: Record<string, string>;
      devDependencies: Record<string, string>;
      scripts: Record<string, string>;
    };
    for (const [name, range] of Object.entries(pkg.devDependencies)) {
      if (name.startsWith('@crmkit/')) assert.equal(range, `^${cliPackage.version}`, name);
      else assert.equal(range, rootPackage.devDependencies[name], `${name} as in the root`);
    }
    assert.deepEqual(Object.keys(pkg.dependencies ?? {}), template === 'lit' ? ['lit'] : []);
    assert.equal(pkg.scripts.build, 'rollup -c');
    assert.equal(pkg.scripts.test, 'npm run build && wtr');
  }
});

test('the templates ship with the package', () => {
  assert.ok(cliPackage.files.includes('templates'));
  assert.ok(cliPackage.files.includes('build'));
});

test('a folder inside an npm workspace: the plugin gets the installed sdk schema and the hint to link it', async () => {
  const root = mkdtempSync(join(scratch, 'workspace-'));
  writeFileSync(join(root, 'package.json'), JSON.stringify({workspaces: ['plugins/*']}));
  const schema = join(root, 'node_modules/@crmkit/sdk/schema');
  mkdirSync(schema, {recursive: true});
  writeFileSync(join(schema, 'plugin-manifest.schema.json'), '{}');
  const io = captureIo({cwd: root});
  assert.equal(await createCommand(['plugins/deal-notes'], io), 0, io.err);
  const manifest = JSON.parse(readFileSync(join(root, 'plugins/deal-notes/plugin.json'), 'utf8'));
  assert.equal(
    manifest.$schema,
    '../../node_modules/@crmkit/sdk/schema/plugin-manifest.schema.json',
  );
  assert.equal(manifest.id, 'com.example.deal-notes');
  assert.match(io.out, /npm install {3}\(links the new workspace\)/);
});

test('refusals are usage errors and write nothing', async () => {
  const taken = join(scratch, 'taken');
  mkdirSync(taken);
  writeFileSync(join(taken, 'notes.txt'), 'mine');
  const cases: Array<[string[], RegExp]> = [
    [['taken'], /taken already exists and is not an empty folder; nothing was written/],
    [
      ['Bad_Name'],
      /the folder name "Bad_Name" becomes the plugin's name, which must be lowercase kebab-case/,
    ],
    [['good-name', '--id', 'Hello'], /--id Hello: id "Hello" is not a reverse-DNS id/],
    [['good-name', '--template', 'react'], /--template must be lit or vanilla \(got "react"\)/],
    [[], /give the folder to create the plugin in/],
    [['a', 'b'], /give one folder, not 2/],
    [
      ['good-name', '--templat', 'vanilla'],
      /unknown option --templat \(did you mean --template\?\)/,
    ],
  ];
  for (const [argv, message] of cases) {
    const io = captureIo({cwd: scratch});
    assert.equal(await createCommand(argv, io), 2, argv.join(' '));
    assert.match(io.err, message);
  }
  assert.equal(existsSync(join(scratch, 'good-name')), false);
  assert.deepEqual(readdirSync(taken), ['notes.txt']);
});

test('the names a folder gives: kebab-case name, crm- tag, class and title', () => {
  assert.deepEqual(pluginNames('/x/lead-notes'), {
    name: 'lead-notes',
    tag: 'crm-lead-notes',
    className: 'CrmLeadNotes',
    title: 'Lead Notes',
  });
  assert.deepEqual(pluginNames('crm-deal-score'), {
    name: 'crm-deal-score',
    tag: 'crm-deal-score',
    className: 'CrmDealScore',
    title: 'Deal Score',
  });
});

test('crmkit create --help prints the usage, --lang de in German', async () => {
  const io = captureIo();
  assert.equal(await main(['create', '--help'], io), 0);
  assert.match(
    io.out,
    /^Usage: crmkit create <dir> \[--template lit\|vanilla\] \[--id <reverse-dns id>\] \[--lang en\|de\]/,
  );
  const de = captureIo();
  assert.equal(await main(['create', '--help', '--lang', 'de'], de), 0);
  assert.match(de.out, /^Aufruf: crmkit create <Ordner> /);
  assert.match(de.out, /^Exit-Codes: 0 angelegt, 2 Aufruffehler/m);
});

test('an unknown option names the nearest, in English and German, exit 2, nothing written', async () => {
  const en = captureIo({cwd: scratch});
  assert.equal(await createCommand(['typo-notes', '--templat', 'vanilla'], en), 2);
  assert.equal(
    en.err.split('\n')[0],
    'crmkit create: unknown option --templat (did you mean --template?); the options are --template/-t lit|vanilla, --id <reverse-dns id>, --help/-h, --lang en|de',
  );
  assert.match(en.err, /\n\nUsage: crmkit create <dir>/);
  const de = captureIo({cwd: scratch});
  assert.equal(await createCommand(['typo-notes', '--templat', 'vanilla', '--lang', 'de'], de), 2);
  assert.equal(
    de.err.split('\n')[0],
    'crmkit create: unbekannte Option --templat (meinten Sie --template?); die Optionen sind --template/-t lit|vanilla, --id <reverse-dns id>, --help/-h, --lang en|de',
  );
  assert.match(de.err, /\n\nAufruf: crmkit create <Ordner>/);
  assert.equal(existsSync(join(scratch, 'typo-notes')), false);
});

test('in German (--lang de, or LANG=de_DE.UTF-8): usage errors, what was created, the next steps', async () => {
  const refusals: Array<[string[], RegExp]> = [
    [
      ['--lang', 'de'],
      /^crmkit create: geben Sie den Ordner an, in dem das Plugin angelegt werden soll/,
    ],
    [
      ['Bad_Name', '--lang', 'de'],
      /^crmkit create: der Ordnername „Bad_Name“ wird der Name des Plugins/,
    ],
    [
      ['good-name', '-t', 'react', '--lang', 'de'],
      /^crmkit create: --template muss lit oder vanilla sein \(angegeben: „react“\), z\. B\. --template vanilla\n/,
    ],
  ];
  for (const [argv, message] of refusals) {
    const io = captureIo({cwd: scratch});
    assert.equal(await createCommand(argv, io), 2, argv.join(' '));
    assert.match(io.err, message);
    assert.match(io.err, /\n\nAufruf: crmkit create/);
  }
  process.env.LANG = 'de_DE.UTF-8';
  try {
    const io = captureIo({cwd: scratch});
    assert.equal(await createCommand(['german-notes', '-t', 'vanilla'], io), 0, io.err);
    assert.match(
      io.out,
      /^com\.example\.german-notes \(vanilla\) in german-notes angelegt: <crm-german-notes> an lead\.detail\.panel\n/,
    );
    assert.match(io.out, /^Weiter:\n {2}cd german-notes && npm install\n/m);
    assert.match(
      io.out,
      /^ {2}npx crmkit pack german-notes +das Paket, das ein CRM-Administrator installiert$/m,
    );
    assert.match(io.out, /^Siehe german-notes\/README\.md\.\n$/m);
    assert.doesNotMatch(io.out, /Created|Next:/);
    // --lang en wins over LANG.
    const en = captureIo({cwd: scratch});
    assert.equal(await createCommand(['english-notes', '--lang', 'en'], en), 0, en.err);
    assert.match(en.out, /^Created com\.example\.english-notes \(lit\)/);
  } finally {
    process.env.LANG = 'C';
  }
});
