// The linter speaks English and German: every entry of the message table in both languages, every
// finding carrying both, `language: 'de'` giving German throughout (message and hint), and no
// English left in a German text except what the author types (codes, JSON names and values).
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {readFileSync} from 'node:fs';
import type {UserRecord} from '../lead-facts.js';
import {parseRuleset} from '../parse-ruleset.js';
import {RulesetInvalidError} from '../ruleset-invalid-error.js';
import {LINT_CODES} from './lint-codes.js';
import {lintRuleset} from './lint-ruleset.js';
import {
  LINT_TEXTS,
  lintLanguage,
  type LintText,
  type LintTextKey,
  type LintTextParams,
} from './lint-texts.js';

const users: UserRecord[] = JSON.parse(
  readFileSync(new URL('../../../../rules/users.json', import.meta.url), 'utf8'),
);

/** Params for every entry: the type makes this list complete (a new entry without one fails tsc). */
const SAMPLES: {[K in LintTextKey]: LintTextParams<K>} = {
  'invalid-json': {kind: 'CommaExpected'},
  'invalid-json.empty': {},
  'nesting-too-deep.text': {limit: 1000},
  'nesting-too-deep.value': {limit: 1000, path: 'rules[0].conditions.all[0].value'},
  'nesting-too-deep.conditions': {limit: 100, path: 'rules[1].conditions', via: ['a', 'b']},
  'schema-type.root': {},
  'schema-required': {path: 'rules[0]', missing: 'event'},
  'schema-unknown-property': {
    path: 'rules[0]',
    name: 'conditons',
    allowed: ['name', 'conditions'],
    suggestion: 'conditions',
    rulePriority: false,
  },
  'schema-condition-root': {path: 'rules[0].conditions'},
  'schema-enum': {path: 'recordType', data: 'account', allowed: ['lead'], suggestion: 'lead'},
  'schema-type': {path: 'rules[0].name', type: 'string'},
  'schema-min-length': {path: 'unassignedOwner', limit: 1},
  'schema-pattern': {path: 'rules[0].conditions.all[0].path', pattern: '^\\$', isPath: true},
  'schema-minimum': {path: 'rules[0].conditions.all[0].priority', limit: 1},
  'schema-other': {path: 'rules', text: 'must NOT have more than 3 items'},
  'duplicate-rule-name': {name: 'first', first: 0, index: 2},
  'unknown-condition': {name: 'isRejectd', known: ['isRejected'], suggestion: 'isRejected'},
  'circular-condition': {start: 'a', cycle: ['a', 'b', 'a']},
  'unused-shared-condition': {name: 'isRejected'},
  'unknown-fact': {fact: 'leed', facts: ['lead', 'owner'], suggestion: 'lead'},
  'unknown-field': {
    fact: 'lead',
    field: 'regoin',
    path: '$.regoin',
    fields: ['region'],
    suggestion: 'region',
  },
  'path-not-compiled': {path: '$..region'},
  'invalid-json-path': {path: '$[?(@.x==)]', reason: 'Expected expression', every: true},
  'invalid-reference-path': {path: 'ownerId'},
  'reserved-value-key': {key: 'toString', path: 'rules[1].conditions.all[0].value'},
  'priority-too-large': {priority: 1e21, read: 1},
  'unknown-operator': {
    operator: 'equals',
    operators: ['equal'],
    decorators: ['not'],
    suggestion: 'equal',
  },
  'in-needs-array': {operator: 'in', value: 'EMEA'},
  'element-needs-array': {
    operator: 'someValue:in',
    element: 1,
    path: 'value[0]',
    inner: 'in',
    suggestIn: true,
  },
  'operator-may-fail': {operator: 'swap:in', reference: false},
  'contains-needs-array': {
    operator: 'contains',
    fact: 'lead',
    path: '$.rejectReason',
    result: false,
  },
  'unresolvable-target.no-user-id': {rule: 'r'},
  'unresolvable-target.unknown': {rule: 'r', id: 'ghost'},
  'unresolvable-target.inactive': {rule: 'r', id: 'petra'},
  'ignored-user-id': {rule: 'r', to: 'originalOwner'},
  'unknown-unassigned-owner': {id: 'nobody'},
  'inactive-unassigned-owner': {id: 'petra'},
  'first-rule-misses-rejected.empty': {},
  'first-rule-misses-rejected.never': {rule: 'qualified'},
  'first-rule-misses-rejected.some': {rule: 'emea'},
  'unreachable-rule': {rule: 'never', catchAll: 'catch-all', userId: 'sofia'},
};

/**
 * English words a German text must not contain once what the author types is taken out: quoted
 * names and values ("…", „…“), JSON snippets ({…}, […]), paths ($.…, rules[1]…), code words
 * (camelCase, kebab-case codes, name:operator) and the product's own English names.
 */
const ENGLISH =
  /\b(?:the|is|are|was|must|should|with|which|when|that|this|there|every|only|never|always|rule|rules|field|fields|value|values|condition|conditions|missing|unknown|invalid|use|add|write|remove|set|make|give|fix|see|did you mean|allowed|start|keep|move)\b/i;

function untyped(text: string): string {
  return text
    .replace(/\brules\/[\w./-]+|packages\/[\w./-]+/g, ' ')
    .replace(/\b(?:rules|sharedConditions|unassignedOwner|recordType|value)\b[\w.[\]]*/g, ' ')
    .replace(
      /(?:Erlaubt sind hier|Felder von \w+|Gemeinsame Bedingungen|Operatoren|Dekoratoren[^:]*):[^.;]*/g,
      ' ',
    )
    .replace(/"(?:[^"\\]|\\.)*"/g, ' ')
    .replace(/„[^“]*“/g, ' ')
    .replace(/\{[^{}]*(?:\{[^{}]*(?:\{[^{}]*\}[^{}]*)*\}[^{}]*)*\}/g, ' ')
    .replace(/\[[^\]]*\]/g, ' ')
    .replace(/\$[^\s,;)]*/g, ' ')
    .replace(/\b[a-z]+(?:[A-Z][a-z]*)+\b/g, ' ') // camelCase: unassignedOwner, swap:in's parts
    .replace(/\b[a-z]+(?:-[a-z]+)+\b/g, ' ') // codes: rule-evaluation-failed
    .replace(/\b\w+:\w+(?::\w+)*\b/g, ' ') // decorated operators
    .replace(
      /\b(?:json-rules-engine|JSONPath|JSON|Oracle|Lead|Leads|jsonpath-plus|parseInt)\b/g,
      ' ',
    )
    .replace(/\b(?:all|any|not|in|notIn|someValue|everyValue|contains|doesNotContain)\b/g, ' ');
}

function assertBilingual(what: string, en: LintText, de: LintText) {
  for (const part of ['message', 'hint'] as const) {
    // The fallback for a schema keyword without an entry quotes ajv's English text by design.
    if (what === 'schema-other') continue;
    assert.ok(en[part].length > 5 && de[part].length > 5, `${what} ${part} is empty`);
    assert.notEqual(de[part], en[part], `${what} ${part} is the same in both languages`);
    const leftover = ENGLISH.exec(untyped(de[part]));
    assert.equal(
      leftover,
      null,
      `${what} ${part} (de) has English "${leftover?.[0]}": ${de[part]}`,
    );
  }
}

test('every entry of the message table has its message and hint in English and German', () => {
  assert.deepEqual(Object.keys(SAMPLES).sort(), Object.keys(LINT_TEXTS).sort());
  for (const key of Object.keys(LINT_TEXTS) as LintTextKey[]) {
    const entry = LINT_TEXTS[key] as unknown as {
      code: string;
      en: (p: unknown) => LintText;
      de: (p: unknown) => LintText;
    };
    assert.ok(entry.code in LINT_CODES, `${key}: code ${entry.code} is not in LINT_CODES`);
    assertBilingual(key, entry.en(SAMPLES[key]), entry.de(SAMPLES[key]));
  }
});

test('every lint code but the generated schema ones has an entry', () => {
  const withText = new Set(Object.values(LINT_TEXTS).map((e) => e.code));
  for (const code of Object.keys(LINT_CODES)) assert.ok(withText.has(code as never), code);
});

/** Bad rulesets that, together, make the linter report every code but invalid JSON and nesting. */
const rejected = {fact: 'lead', path: '$.status', operator: 'equal', value: 'Rejected'};
const rule = (name: string, conditions: unknown, params: object = {to: 'originalOwner'}) => ({
  name,
  conditions,
  event: {type: 'assign', params},
});
const CORPUS: unknown[] = [
  '',
  '{"recordType": "lead",}',
  {recordType: 'account', unassignedOwner: '', rules: [{name: 1, conditions: {fact: 'lead'}}]},
  {
    recordType: 'lead',
    unassignedOwner: 'nobody',
    sharedConditions: {
      a: {all: [{condition: 'b'}]},
      b: {any: [{condition: 'a'}]},
      unused: {all: []},
    },
    rules: [
      rule('qualified', {all: [{...rejected, value: 'Qualified'}]}),
      {...rule('qualified', {all: [{condition: 'nope'}]}), priority: 2},
      rule(
        'r',
        {
          all: [
            {...rejected, fact: 'leed'},
            {...rejected, path: '$.regoin'},
          ],
        },
        {to: 'user'},
      ),
      rule('s', {
        all: [
          {...rejected, operator: 'equals'},
          {...rejected, path: '$..status'},
        ],
      }),
      rule(
        't',
        {all: [{fact: 'lead', path: '$.region', operator: 'in', value: 'EMEA'}]},
        {
          to: 'user',
          userId: 'ghost',
        },
      ),
      rule(
        'u',
        {all: [{fact: 'lead', path: '$.region', operator: 'swap:in', value: 'EMEA'}]},
        {
          to: 'user',
          userId: 'petra',
        },
      ),
      rule(
        'v',
        {all: [{fact: 'lead', path: 'region', operator: 'equal', value: 1, priority: 0}]},
        {
          to: 'originalOwner',
          userId: 'max',
        },
      ),
      rule('w', {
        all: [
          {fact: 'lead', path: '$[?(@.x==)]', operator: 'equal', value: 1},
          {fact: 'lead', path: '$.id', operator: 'equal', value: {fact: 'lead', path: 'ownerId'}},
          {fact: 'lead', path: '$.version', operator: 'someValue:in', value: [1, 2]},
          {fact: 'lead', path: '$.rejectReason', operator: 'contains', value: 'budget'},
          {fact: 'lead', path: '$.version', operator: 'lessThan', value: {toString: 'x'}},
          {...rejected, priority: 1e21},
        ],
      }),
      rule('catch-all', {all: [rejected]}, {to: 'user', userId: 'sofia'}),
      rule('never', {all: []}),
    ],
  },
  {recordType: 'lead', unassignedOwner: 'petra', rules: []},
  [],
  {
    recordType: 'lead',
    unassignedOwner: 'lead-desk',
    rules: [rule('emea', {all: [rejected, {...rejected, path: '$.region', value: 'EMEA'}]})],
  },
  (() => {
    let c: unknown = rejected;
    for (let i = 0; i < 150; i++) c = {not: c};
    return {recordType: 'lead', unassignedOwner: 'lead-desk', rules: [rule('deep', {all: [c]})]};
  })(),
  `[${'['.repeat(1200)}${']'.repeat(1200)}]`,
];

test('every finding carries both languages; language "de" gives German message and hint', () => {
  const codes = new Set<string>();
  for (const input of CORPUS) {
    const text = typeof input === 'string' ? input : JSON.stringify(input, null, 2);
    const en = lintRuleset(text, {users});
    const de = lintRuleset(text, {users, language: 'de'});
    assert.equal(de.findings.length, en.findings.length);
    en.findings.forEach((f, i) => {
      const g = de.findings[i]!;
      codes.add(f.code);
      assert.ok(f.messages && f.hints, `${f.code} has both languages`);
      assert.deepEqual({...g, message: f.message, hint: f.hint}, f, 'only the language differs');
      assert.equal(f.message, f.messages.en);
      assert.equal(f.hint, f.hints.en);
      assert.equal(g.message, f.messages.de);
      assert.equal(g.hint, f.hints.de);
      assertBilingual(f.code, f, {message: g.message, hint: g.hint});
    });
  }
  for (const code of Object.keys(LINT_CODES))
    assert.ok(codes.has(code), `the corpus never reports ${code}`);
});

test('language tags: de, de-AT and de_CH are German; anything else (or nothing) English', () => {
  assert.equal(lintLanguage('de'), 'de');
  assert.equal(lintLanguage('de-AT'), 'de');
  assert.equal(lintLanguage('DE_ch'), 'de');
  assert.equal(lintLanguage('dev'), 'en');
  assert.equal(lintLanguage('fr'), 'en');
  assert.equal(lintLanguage(undefined), 'en');
  const f = lintRuleset('{', {language: 'de-AT'}).findings[0]!;
  assert.match(f.message, /^Ungültiges JSON/);
});

test('parseRuleset passes the language on: RulesetInvalidError lists German findings', () => {
  assert.throws(
    () =>
      parseRuleset('{"recordType": "lead", "unassignedOwner": "x", "rules": {}}', {language: 'de'}),
    (e: unknown) =>
      e instanceof RulesetInvalidError &&
      /rules muss ein Array sein/.test(e.message) &&
      e.findings[0]!.messages!.en === 'rules must be array.',
  );
});
