import {test} from 'node:test';
import assert from 'node:assert/strict';
import {readFileSync} from 'node:fs';
import {validateManifest} from './validate-manifest.js';

const manifestFile = new URL('../../../../plugins/reject-lead/plugin.json', import.meta.url);
const rejectLeadText = readFileSync(manifestFile, 'utf8');
type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
const base = (): Json => JSON.parse(rejectLeadText);

test('the reject-lead manifest is valid, without warnings, and comes back as a copy', () => {
  const result = validateManifest(rejectLeadText, {file: 'plugins/reject-lead/plugin.json'});
  assert.deepEqual(result.issues, []);
  assert.equal(result.valid, true);
  assert.equal(result.manifest?.id, 'dev.crmkit.reject-lead');
  assert.deepEqual(result.manifest?.permissions, ['leads.read', 'leads.reject']);
  const input = base();
  const fromObject = validateManifest(input);
  assert.equal(fromObject.valid, true);
  input['id'] = 'changed.after.validation';
  assert.equal(fromObject.manifest?.id, 'dev.crmkit.reject-lead');
});

/** [what is wrong, expected code, expected pointer, change to the valid manifest]. */
const invalid: Array<[string, string, string, (m: Json) => void]> = [
  ['id missing', 'missing-field', '/id', (m) => delete m['id']],
  [
    'English display name missing',
    'missing-field',
    '/displayName/en',
    (m) => (m['displayName'] = {de: 'Lead zurückweisen'}),
  ],
  [
    'action without requires',
    'missing-field',
    '/actions/0/requires',
    (m) => delete m['actions'][0]['requires'],
  ],
  [
    'misspelt top-level field',
    'unknown-field',
    '/permisions',
    (m) => {
      m['permisions'] = m['permissions'];
      delete m['permissions'];
    },
  ],
  [
    'unknown field in an element',
    'unknown-field',
    '/elements/0/slot',
    (m) => (m['elements'][0]['slot'] = 'main'),
  ],
  [
    'elements not an array',
    'invalid-type',
    '/elements',
    (m) => (m['elements'] = {tag: 'crm-reject-lead'}),
  ],
  ['version a number', 'invalid-type', '/version', (m) => (m['version'] = 1)],
  [
    'label a plain string',
    'invalid-type',
    '/actions/0/label',
    (m) => (m['actions'][0]['label'] = 'Reject'),
  ],
  ['id not reverse-DNS', 'invalid-id', '/id', (m) => (m['id'] = 'reject-lead')],
  ['id with uppercase', 'invalid-id', '/id', (m) => (m['id'] = 'Dev.Crmkit.RejectLead')],
  ['name with a space', 'invalid-name', '/name', (m) => (m['name'] = 'Reject Lead')],
  ['name too long', 'too-long', '/name', (m) => (m['name'] = 'a'.repeat(65))],
  ['version with a leading v', 'invalid-version', '/version', (m) => (m['version'] = 'v1.0.0')],
  ['version with two parts', 'invalid-version', '/version', (m) => (m['version'] = '1.0')],
  ['sdk not a range', 'invalid-sdk-range', '/sdk', (m) => (m['sdk'] = 'newest please')],
  ['sdk range this SDK does not satisfy', 'sdk-unsatisfied', '/sdk', (m) => (m['sdk'] = '^2.0.0')],
  [
    'empty German display name',
    'empty-value',
    '/displayName/de',
    (m) => (m['displayName']['de'] = ''),
  ],
  [
    'language key not a tag',
    'invalid-locale',
    '/description/English',
    (m) => (m['description'] = {en: 'x', English: 'x'}),
  ],
  ['absolute entry', 'entry-absolute', '/entry', (m) => (m['entry'] = '/srv/plugins/index.js')],
  [
    'Windows absolute entry',
    'entry-absolute',
    '/entry',
    (m) => (m['entry'] = 'C:\\plugins\\index.js'),
  ],
  [
    'remote entry',
    'entry-remote',
    '/entry',
    (m) => (m['entry'] = 'https://cdn.example.com/index.js'),
  ],
  [
    'protocol-relative entry',
    'entry-remote',
    '/entry',
    (m) => (m['entry'] = '//cdn.example.com/index.js'),
  ],
  [
    'entry leaving the folder',
    'entry-escapes-plugin-folder',
    '/entry',
    (m) => (m['entry'] = 'dist/../../other/index.js'),
  ],
  [
    'entry leaving the folder through a percent-escape a server decodes',
    'invalid-entry',
    '/entry',
    (m) => (m['entry'] = '..%2foutside.js'),
  ],
  ['entry with a query', 'invalid-entry', '/entry', (m) => (m['entry'] = 'dist/index.js?v=2')],
  ['entry is TypeScript', 'entry-not-module', '/entry', (m) => (m['entry'] = 'src/index.ts')],
  [
    'integrity too short',
    'invalid-integrity',
    '/integrity',
    (m) => (m['integrity'] = 'sha384-abc'),
  ],
  [
    'integrity with sha256',
    'unsupported-integrity-algorithm',
    '/integrity',
    (m) => (m['integrity'] = `sha256-${'A'.repeat(43)}=`),
  ],
  [
    'tag without hyphen',
    'tag-without-hyphen',
    '/elements/0/tag',
    (m) => (m['elements'][0]['tag'] = 'rejectlead'),
  ],
  [
    'tag without the crm- prefix',
    'tag-prefix',
    '/elements/0/tag',
    (m) => (m['elements'][0]['tag'] = 'acme-reject-lead'),
  ],
  [
    'tag with uppercase',
    'invalid-tag',
    '/elements/0/tag',
    (m) => (m['elements'][0]['tag'] = 'crm-Reject-Lead'),
  ],
  [
    'tag with a double hyphen',
    'invalid-tag',
    '/elements/0/tag',
    (m) => (m['elements'][0]['tag'] = 'crm--reject'),
  ],
  [
    'host element tag',
    'reserved-tag',
    '/elements/1/tag',
    (m) => m['elements'].push({tag: 'crm-extension-point', extensionPoint: 'lead.detail.panel'}),
  ],
  [
    'duplicate tag',
    'duplicate-tag',
    '/elements/1/tag',
    (m) => m['elements'].push({tag: 'crm-reject-lead', extensionPoint: 'lead.detail.panel'}),
  ],
  [
    'unknown extension point',
    'unknown-extension-point',
    '/elements/0/extensionPoint',
    (m) => (m['elements'][0]['extensionPoint'] = 'lead.details.actions'),
  ],
  [
    'unknown extension point of an action',
    'unknown-extension-point',
    '/actions/0/extensionPoint',
    (m) => (m['actions'][0]['extensionPoint'] = 'lead.list'),
  ],
  [
    'unknown privilege in permissions',
    'unknown-privilege',
    '/permissions/1',
    (m) => (m['permissions'] = ['leads.read', 'leads.delete']),
  ],
  [
    'unknown privilege in requires',
    'unknown-privilege',
    '/actions/0/requires/0',
    (m) => (m['actions'][0]['requires'] = ['Leads.Reject']),
  ],
  [
    'permission listed twice',
    'duplicate-permission',
    '/permissions/2',
    (m) => m['permissions'].push('leads.read'),
  ],
  [
    'privilege required twice',
    'duplicate-privilege',
    '/actions/0/requires/1',
    (m) => m['actions'][0]['requires'].push('leads.reject'),
  ],
  [
    'action opens an undeclared tag',
    'opens-undeclared-tag',
    '/actions/0/opens',
    (m) => (m['actions'][0]['opens'] = 'crm-reject-leads'),
  ],
  [
    'action requires an undeclared permission',
    'requires-undeclared-permission',
    '/actions/0/requires/0',
    (m) => (m['permissions'] = ['leads.read']),
  ],
  [
    'duplicate action id',
    'duplicate-action-id',
    '/actions/1/id',
    (m) => m['actions'].push({...m['actions'][0]}),
  ],
  [
    'action id in camelCase',
    'invalid-action-id',
    '/actions/0/id',
    (m) => (m['actions'][0]['id'] = 'rejectLead'),
  ],
  [
    'unknown Lead Status in an action condition',
    'unknown-lead-status',
    '/actions/0/when/status/0',
    (m) => (m['actions'][0]['when'] = {status: ['Qualifed']}),
  ],
  [
    'empty Lead Status list in an action condition',
    'invalid-value',
    '/actions/0/when/status',
    (m) => (m['actions'][0]['when'] = {status: []}),
  ],
  [
    'Lead Status listed twice in an action condition',
    'duplicate-lead-status',
    '/actions/0/when/status/1',
    (m) => (m['actions'][0]['when'] = {status: ['Qualified', 'Qualified']}),
  ],
  [
    'action condition without status',
    'missing-field',
    '/actions/0/when/status',
    (m) => (m['actions'][0]['when'] = {}),
  ],
  [
    'unknown field in an action condition',
    'unknown-field',
    '/actions/0/when/statuses',
    (m) => (m['actions'][0]['when'] = {status: ['Qualified'], statuses: ['Qualified']}),
  ],
  [
    'action condition a list',
    'invalid-type',
    '/actions/0/when',
    (m) => (m['actions'][0]['when'] = ['Qualified']),
  ],
  [
    'Lead Status list a plain string',
    'invalid-type',
    '/actions/0/when/status',
    (m) => (m['actions'][0]['when'] = {status: 'Qualified'}),
  ],
  [
    'config of type array',
    'invalid-config-schema',
    '/config/type',
    (m) => (m['config']['type'] = 'array'),
  ],
  [
    'config setting of an unknown type',
    'invalid-config-schema',
    '/config/properties/x/type',
    (m) => (m['config']['properties']['x'] = {type: 'colour', default: 1}),
  ],
  [
    'config setting without a default',
    'missing-field',
    '/config/properties/pageSize/default',
    (m) => (m['config']['properties']['pageSize'] = {type: 'integer'}),
  ],
  [
    'config setting nested as an object',
    'invalid-config-schema',
    '/config/properties/nested/type',
    (m) => (m['config']['properties']['nested'] = {type: 'object', default: {}}),
  ],
  [
    'config setting name in kebab-case',
    'invalid-setting-name',
    '/config/properties/page-size',
    (m) => (m['config']['properties']['page-size'] = {type: 'integer', default: 1}),
  ],
  [
    'config allowing other settings',
    'invalid-config-schema',
    '/config/additionalProperties',
    (m) => (m['config']['additionalProperties'] = true),
  ],
  [
    'config enum value of the wrong type',
    'invalid-config-schema',
    '/config/properties/mode/enum/1',
    (m) => (m['config']['properties']['mode'] = {type: 'string', enum: ['a', 2], default: 'a'}),
  ],
  [
    'config default outside its enum',
    'config-default-invalid',
    '/config/properties/mode/default',
    (m) => (m['config']['properties']['mode'] = {type: 'string', enum: ['a', 'b'], default: 'c'}),
  ],
  [
    'config enum without values',
    'invalid-config-schema',
    '/config/properties/mode/enum',
    (m) => (m['config']['properties']['mode'] = {type: 'string', enum: [], default: 'a'}),
  ],
  [
    'config negative maxLength',
    'invalid-config-schema',
    '/config/properties/note/maxLength',
    (m) => (m['config']['properties']['note'] = {type: 'string', maxLength: -1, default: ''}),
  ],
  [
    'config default below its minimum',
    'config-default-invalid',
    '/config/properties/size/default',
    (m) => (m['config']['properties']['size'] = {type: 'integer', minimum: 1, default: 0}),
  ],
  [
    'config default of the wrong type',
    'config-default-invalid',
    '/config/properties/reassignOwnerDefault/default',
    (m) => (m['config']['properties']['reassignOwnerDefault']['default'] = 'no'),
  ],
  [
    'manifest is an array',
    'invalid-type',
    '',
    (m) => {
      for (const key of Object.keys(m)) delete m[key];
      m['0'] = 'x';
    },
  ],
];

for (const [what, code, pointer, change] of invalid) {
  test(`invalid manifest: ${what} → ${code} at ${pointer || '/'}`, () => {
    const manifest = base();
    change(manifest);
    const text =
      what === 'manifest is an array' ? '[\n  "x"\n]\n' : JSON.stringify(manifest, null, 2);
    const result = validateManifest(text, {file: 'plugin.json'});
    assert.equal(result.valid, false);
    assert.equal(result.manifest, undefined);
    const issue = result.issues.find((i) => i.code === code && i.pointer === pointer);
    assert.ok(issue, `no ${code} at ${pointer} in ${JSON.stringify(result.issues, null, 1)}`);
    assert.equal(issue.severity, 'error');
    assert.equal(issue.file, 'plugin.json');
    assert.ok(issue.line >= 1 && issue.column >= 1, 'has a position');
    assert.ok(issue.message.length > 10 && issue.hint.length > 10, 'has a message and a hint');
    assert.doesNotMatch(issue.message, /must NOT|must match pattern/, 'not raw ajv text');
  });
}

test('at least 25 distinct invalid manifests and 20 distinct codes are covered', () => {
  assert.ok(invalid.length >= 25);
  assert.ok(new Set(invalid.map(([, code]) => code)).size >= 20);
});

test('positions: line and column of the value, of the property name, of the nearest parent', () => {
  const text = [
    '{',
    '  "id": "Not-DNS",',
    '  "name": "reject-lead",',
    '  "version": "0.1.0",',
    '  "sdk": "^0.1.0",',
    '  "displayName": {"de": "Lead zurückweisen"},',
    '  "entry": "dist/index.js",',
    '  "elements": [',
    '    {"tag": "crm-x", "extensionPoint": "lead.detail.panel", "colour": "red"}',
    '  ],',
    '  "actions": [],',
    '  "permissions": ["leads.read"]',
    '}',
  ].join('\n');
  const {issues} = validateManifest(text, {file: 'p.json'});
  const at = (code: string) => {
    const issue = issues.find((i) => i.code === code);
    return issue && `${issue.line}:${issue.column} ${issue.pointer}`;
  };
  assert.equal(at('invalid-id'), '2:9 /id');
  assert.equal(at('missing-field'), '6:18 /displayName/en');
  assert.equal(at('unknown-field'), '9:61 /elements/0/colour');
  assert.deepEqual(
    issues.map((i) => i.line),
    [...issues.map((i) => i.line)].sort((a, b) => a - b),
    'issues come in text order',
  );
});

test('invalid JSON is reported with its position', () => {
  const cases: Array<[string, string]> = [
    ['{\n  "id": "a.b.c",\n}', '3:1'],
    ['{\n  // a comment\n  "id": "a.b.c"\n}', '2:3'],
    ['{"id": \'a.b.c\'}', '1:8'],
    ['', '1:1'],
  ];
  for (const [text, position] of cases) {
    const {valid, issues} = validateManifest(text, {file: 'plugin.json'});
    assert.equal(valid, false, text);
    assert.equal(issues[0]?.code, 'invalid-json', text);
    assert.equal(`${issues[0]?.line}:${issues[0]?.column}`, position, text);
    assert.match(issues[0]?.hint ?? '', /strict JSON/);
  }
});

test('a byte-order mark does not shift positions', () => {
  const {issues} = validateManifest('\ufeff{"id": 1}');
  const issue = issues.find((i) => i.pointer === '/id');
  assert.equal(`${issue?.line}:${issue?.column}`, '1:8');
});

test('warnings do not make a manifest invalid', () => {
  const manifest = base();
  manifest['elements'].push({tag: 'crm-unused-dialog', extensionPoint: 'lead.detail.actions'});
  const result = validateManifest(JSON.stringify(manifest, null, 2));
  assert.equal(result.valid, true);
  assert.deepEqual(
    result.issues.map((i) => [i.code, i.pointer, i.severity]),
    [['element-never-opened', '/elements/1', 'warning']],
  );
});

test('a localized text without German is a warning at that text', () => {
  const manifest = base();
  manifest['actions'][0]['label'] = {en: 'Reject'};
  delete manifest['config']['properties']['reassignOwnerDefault']['x-label']['de'];
  const result = validateManifest(JSON.stringify(manifest, null, 2));
  assert.equal(result.valid, true);
  assert.deepEqual(
    result.issues.map((i) => [i.code, i.pointer, i.severity]),
    [
      ['missing-translation', '/actions/0/label', 'warning'],
      ['missing-translation', '/config/properties/reassignOwnerDefault/x-label', 'warning'],
    ],
  );
});

test('a config with settings of every type, enums and bounds is valid', () => {
  const manifest = base();
  manifest['config']['properties'] = {
    enabled: {type: 'boolean', default: true, 'x-label': {en: 'Enabled', de: 'Aktiv'}},
    mode: {type: 'string', enum: ['user', 'mixed'], default: 'mixed', maxLength: 5},
    ratio: {type: 'number', minimum: 0, maximum: 1, default: 0.5},
    pageSize: {type: 'integer', minimum: 1, default: 25},
  };
  assert.deepEqual(validateManifest(manifest).issues, []);
});

test('hints name the likely fix', () => {
  const manifest = base();
  manifest['permisions'] = manifest['permissions'];
  delete manifest['permissions'];
  manifest['elements'][0]['extensionPoint'] = 'lead.detail.action';
  const {issues} = validateManifest(manifest);
  const hint = (code: string) => issues.find((i) => i.code === code)?.hint;
  assert.equal(hint('unknown-field'), 'did you mean "permissions"?');
  assert.equal(hint('unknown-extension-point'), 'did you mean "lead.detail.actions"?');
  assert.match(hint('missing-field') ?? '', /privileges the plugin uses/);
});

test('an object input puts every issue at 1:1 and the sdkVersion option replaces this SDK version', () => {
  const result = validateManifest(base(), {sdkVersion: '1.4.0'});
  assert.equal(result.valid, false);
  assert.deepEqual(
    result.issues.map((i) => [i.code, i.line, i.column]),
    [['sdk-unsatisfied', 1, 1]],
  );
  const manifest = base();
  manifest['sdk'] = '>=0.1.0 <2';
  assert.equal(validateManifest(manifest, {sdkVersion: '1.4.0'}).valid, true);
  assert.equal(validateManifest(manifest, {sdkVersion: '1.5.0-beta.1'}).valid, true);
});

test('non-object inputs are refused with invalid-type, not a crash', () => {
  for (const input of [null, 42, 'null', '"text"', [1, 2]]) {
    const {valid, issues} = validateManifest(input);
    assert.equal(valid, false);
    assert.deepEqual(
      issues.map((i) => [i.code, i.pointer]),
      [['invalid-type', '']],
      JSON.stringify(input),
    );
  }
});

test('the reject-lead manifest offers Reject on Qualified leads only', () => {
  const {manifest} = validateManifest(rejectLeadText);
  assert.deepEqual(manifest?.actions[0]?.when, {status: ['Qualified']});
});

test('an action condition may list several Lead Statuses, and an action may have none', () => {
  const manifest = base();
  manifest['actions'][0]['when'] = {status: ['Qualifying', 'Qualified', 'Archived']};
  manifest['elements'].push({tag: 'crm-lead-note', extensionPoint: 'lead.detail.actions'});
  manifest['actions'].push({
    id: 'note',
    extensionPoint: 'lead.detail.actions',
    label: {en: 'Note', de: 'Notiz'},
    opens: 'crm-lead-note',
    requires: [],
  });
  assert.deepEqual(validateManifest(manifest).issues, []);
});

test('a Lead Status that does not exist is named in the error, with a did-you-mean hint', () => {
  const manifest = base();
  manifest['actions'][0]['when'] = {status: ['Qualified', 'Qualifed', 'rejected', 'Lost']};
  const {valid, issues} = validateManifest(JSON.stringify(manifest, null, 2), {file: 'p.json'});
  assert.equal(valid, false);
  assert.deepEqual(
    issues.map((i) => [i.code, i.pointer, i.message, i.hint]),
    [
      [
        'unknown-lead-status',
        '/actions/0/when/status/1',
        '"Qualifed" is not a Lead Status (actions[0].when.status[1])',
        'did you mean "Qualified"?',
      ],
      [
        'unknown-lead-status',
        '/actions/0/when/status/2',
        '"rejected" is not a Lead Status (actions[0].when.status[2])',
        'did you mean "Rejected"?',
      ],
      [
        'unknown-lead-status',
        '/actions/0/when/status/3',
        '"Lost" is not a Lead Status (actions[0].when.status[3])',
        'use one of: Qualifying, Qualified, Converted, Rejected, Archived',
      ],
    ],
  );
  assert.ok(issues.every((i) => i.severity === 'error' && i.line > 1));
});

test('an empty when.status is refused: it would hide the action on every lead', () => {
  const manifest = base();
  manifest['actions'][0]['when'] = {status: []};
  const {valid, issues} = validateManifest(manifest);
  assert.equal(valid, false);
  assert.deepEqual(
    issues.map((i) => [i.code, i.pointer, i.message]),
    [
      [
        'invalid-value',
        '/actions/0/when/status',
        'actions[0].when.status must have at least 1 item',
      ],
    ],
  );
  assert.match(issues[0]?.hint ?? '', /e\.g\. \["Qualified"\], or leave "when" out/);
});
