import {test} from 'node:test';
import assert from 'node:assert/strict';
import {readFileSync, readdirSync} from 'node:fs';
import {join} from 'node:path';
import {fileURLToPath} from 'node:url';
import {LEAD_STATUSES} from '@crmkit/sdk';
import {LEAD_STATUS_DE} from '../contract/problem-details.js';
import {takesParams} from './bilingual.js';
import type {Language} from './bilingual.js';
import {HOST_TEXTS, hostText} from './host-texts.js';
import type {HostTextKey, HostTextParams} from './host-texts.js';

/**
 * Sample params of every text (typed: a new text with params does not compile until it has a sample
 * here). Values are distinctive, so that a text that prints a wrong one is easy to spot.
 */
const SAMPLES: {[K in HostTextKey]: HostTextParams<K>} = {
  'request.no-route': [{pathname: '/api/nope'}],
  'request.method-not-allowed': [{method: 'PATCH', path: '/api/leads/{id}', allow: 'GET'}],
  'request.token-unknown': [],
  'request.token-missing': [],
  'request.missing-privilege': [
    {
      userName: 'Sofia Brandt',
      role: {en: 'Sales Rep', de: 'Vertriebsmitarbeiter'},
      privilege: 'plugins.manage',
      method: 'GET',
      path: '/api/admin/audit',
    },
  ],
  'request.plugin-token-expired': [],
  'request.session-expired': [],
  'request.csrf': [],
  'request.outside-plugin-scope': [
    {
      pluginId: 'dev.example.scoped',
      privilege: 'leads.reject',
      method: 'POST',
      path: '/api/leads/{id}/reject',
      scopes: 'leads.read',
    },
  ],
  'sessions.plugin-not-enabled': [{pluginId: 'dev.example.off'}],
  'request.path-not-encoded': [{pathname: '/api/leads/%E0%A4%A'}],
  'request.path-nul': [{pathname: '/api/leads/L-1%00/reject'}],
  'request.body-missing': [],
  'request.body-missing.field': [],
  'request.body-invalid': [{count: 3}],
  'request.payload-too-large': [{limit: 1048576}],
  'request.unsupported-media-type': [{type: 'text/plain'}],
  'request.invalid-json': [{line: 7, column: 13, reason: 'Unexpected token }'}],
  'request.invalid-json.field': [{line: 7, column: 13}],
  'request.json-too-deep': [{limit: 1000, line: 1, column: 1001}],
  'request.json-too-deep.field': [{limit: 1000}],
  'request.invalid-utf8': [{offset: 17}],
  'request.invalid-utf8.field': [{offset: 17}],
  'request.lone-surrogate': [{field: '/rejectReason'}],
  'request.lone-surrogate.field': [],
  'server.answer-broke-contract': [{errors: '/lead must have required property id'}],
  'server.failed': [],
  'server.store-unavailable': [],
  'server.nothing-served': [{pathname: '/favicon.ico'}],
  'leads.status-invalid': [{status: 'Lost'}],
  'leads.status-invalid.field': [],
  'leads.page-invalid': [],
  'leads.limit-invalid.field': [{limit: '0', max: 1000}],
  'leads.after-invalid.field': [{max: 255}],
  'leads.not-found': [{leadId: 'L-4040'}],
  'reject.if-match-invalid': [{raw: 'W/"3"'}],
  'reject.if-match-invalid.field': [],
  'reject.idempotency-key-invalid': [],
  'reject.idempotency-key-invalid.field': [],
  'reject.idempotency-key-reused': [{key: 'key-7f3a'}],
  'reject.lead-not-qualified': [{leadId: 'L-1002', status: 'Qualifying'}],
  'reject.lead-not-qualified.field': [{status: 'Qualifying'}],
  'reject.version-conflict': [{leadId: 'L-1001', currentVersion: 5, seenVersion: 4}],
  'reject.version-conflict.field': [{currentVersion: 5}],
  'reject.unknown-reject-code': [{rejectCode: 'NOPE'}],
  'reject.unknown-reject-code.field': [],
  'reject.inactive-reject-code': [
    {key: 'LEGACY', labels: {en: 'Legacy source', de: 'Alte Quelle'}},
  ],
  'reject.inactive-reject-code.field': [],
  'reject.reason-required': [{labels: {en: 'Other', de: 'Sonstiges'}}],
  'reject.reason-required.field': [],
  'reject.reason-too-long': [{length: 2001, max: 2000}],
  'reject.reason-too-long.field': [{max: 2000}],
  'reject.reassign-in-book-mode': [],
  'reject.reassign-in-book-mode.field': [],
  'reject.assignment-failed': [{leadId: 'L-1003', why: 'the ruleset named the unknown user "x"'}],
  'reject-codes.duplicate-key.field': [{key: 'DUPLICATE', first: 2}],
  'reject-codes.code-removed.field': [
    {key: 'NO_BUDGET', labels: {en: 'No budget', de: 'Kein Budget'}},
  ],
  'reject-codes.not-saved': [{count: 2}],
  'audit.limit-invalid.field': [{limit: '501'}],
  'audit.filter-empty.field': [{field: 'pluginId'}],
  'audit.query-invalid': [],
  'assignment-rules.none-active': [],
  'assignment-rules.not-activated': [{count: 2}],
  'plugins.manifest-invalid': [{count: 2}],
  'plugins.config-invalid': [{pluginId: 'acme.reject-lead'}],
  'plugins.not-found': [{pluginId: 'acme.gone'}],
  'plugins.package-refused': [],
  'assignment-rules.version-not-found': [{version: '404'}],
  'assignment-rules.preview-query': [],
  'assignment-rules.preview-code.field': [{rejectCode: 'NOPE_CODE', known: 'OTHER'}],
  'assignment-rules.preview-replay.field': [{replay: '-3', max: 10000}],
  'plugins.package-type': [{type: 'application/zip'}],
  'plugins.file-not-found': [{pathname: '/plugins/x/1.0.0/gone.js'}],
  'package.too-large.field': [{limit: 5242880}],
  'package.not-gzip.field': [],
  'package.not-tar.field': [],
  'package.link.field': [{path: 'dist/linked.js'}],
  'package.special-file.field': [{path: 'dist/fifo'}],
  'package.path-outside.field': [{path: '../outside.js'}],
  'package.duplicate-file.field': [{path: 'dist/twice.js'}],
  'package.manifest-missing.field': [],
  'package.entry-missing.field': [{path: 'dist/gone.js'}],
  'package.integrity-missing.field': [],
  'package.integrity-mismatch.field': [{path: 'dist/changed.js'}],
  'plugins.version-exists': [{pluginId: 'dev.example.exists', version: '4.5.6'}],
  'plugins.version-unknown': [{pluginId: 'dev.example.unknown', version: '9.9.9', stored: '0.1.0'}],
  'plugins.version-unknown.field': [{version: '9.9.8'}],
  'plugins.permissions-not-accepted': [
    {
      pluginId: 'dev.example.more',
      version: '0.2.0',
      added: 'leads.qualify',
      all: 'leads.read, leads.qualify',
    },
  ],
  'roles.not-found': [{roleId: 'no-such-role', known: 'administrator, sales-rep'}],
  'roles.unknown-privilege': [{count: 2}],
  'roles.unknown-privilege.field': [{privilege: 'leads.fly', known: 'leads.read'}],
  'roles.last-admin': [],
  'users.not-found': [{userId: 'nobody-here'}],
  'users.unknown-role': [{roleId: 'astronaut', known: 'administrator'}],
  'users.unknown-role.field': [{roleId: 'astronaut-2', known: 'administrator'}],
};

/**
 * Texts whose German is deliberately the same as their English (codes, names, header values). None so
 * far; a text listed here must really be equal in both languages.
 */
const INTENTIONALLY_EQUAL: ReadonlySet<HostTextKey> = new Set<HostTextKey>([]);

/** Texts the host's own sources do not use, because an adapter package answers with them. */
const USED_BY_ADAPTERS: ReadonlySet<HostTextKey> = new Set<HostTextKey>(['server.nothing-served']);

const KEYS = Object.keys(HOST_TEXTS) as HostTextKey[];
const LANGUAGE_LIST: readonly Language[] = ['en', 'de'];

/** Text `key` in `language` with its sample params, and the names of the params it read. */
function render(key: HostTextKey, language: Language): {text: string; read: Set<string>} {
  const entry = HOST_TEXTS[key];
  const read = new Set<string>();
  if (!takesParams(entry)) return {text: entry[language], read};
  const sample = (SAMPLES[key] as unknown[])[0] as object;
  const watched = new Proxy(sample, {
    get(target, name, receiver) {
      if (typeof name === 'string') read.add(name);
      return Reflect.get(target, name, receiver) as unknown;
    },
  });
  const fill = entry[language] as (params: object) => string;
  return {text: fill(watched), read};
}

test('every text has both languages, non-empty, with every param filled in', () => {
  for (const key of KEYS) {
    for (const language of LANGUAGE_LIST) {
      const {text} = render(key, language);
      assert.equal(typeof text, 'string', `${key} [${language}]`);
      assert.ok(text.trim().length > 0, `${key} [${language}] is empty`);
      assert.equal(text, text.trim(), `${key} [${language}] has surrounding whitespace`);
      for (const broken of ['undefined', 'null', 'NaN', '[object Object]', '${']) {
        assert.ok(!text.includes(broken), `${key} [${language}] contains ${broken}: ${text}`);
      }
    }
  }
});

test('both languages of a text read the same params, and every sample param is read', () => {
  for (const key of KEYS) {
    const entry = HOST_TEXTS[key];
    const samples = SAMPLES[key] as unknown[];
    assert.equal(samples.length, takesParams(entry) ? 1 : 0, `${key}: sample params`);
    if (!takesParams(entry)) continue;
    const en = render(key, 'en').read;
    const de = render(key, 'de').read;
    assert.deepEqual([...de].sort(), [...en].sort(), `${key}: en and de read different params`);
    assert.deepEqual(
      [...en].sort(),
      Object.keys(samples[0] as object).sort(),
      `${key}: a declared param is not used`,
    );
  }
});

test('German texts differ from the English ones, except those listed as equal on purpose', () => {
  for (const key of KEYS) {
    const en = render(key, 'en').text;
    const de = render(key, 'de').text;
    if (INTENTIONALLY_EQUAL.has(key)) assert.equal(de, en, `${key} is listed as equal but is not`);
    else assert.notEqual(de, en, `${key}: the German text is the English one`);
  }
});

test('hostText fills the table entry in both languages', () => {
  assert.deepEqual(hostText('leads.not-found', {leadId: 'L-9'}), {
    en: 'There is no lead with the id "L-9".',
    de: 'Es gibt keinen Lead mit der ID "L-9".',
  });
  assert.deepEqual(hostText('server.failed'), HOST_TEXTS['server.failed']);
  assert.deepEqual(hostText('request.unsupported-media-type', {type: ''}), {
    en: 'Send the body as JSON with Content-Type: application/json (got "none").',
    de: 'Senden Sie den Inhalt als JSON mit Content-Type: application/json (erhalten: "keiner").',
  });
});

test('German lead statuses are the glossary terms of the one table (LEAD_STATUS_DE)', () => {
  for (const status of LEAD_STATUSES) {
    assert.ok(LEAD_STATUS_DE[status], `no German term for ${status}`);
    const {de} = hostText('reject.lead-not-qualified.field', {status});
    assert.equal(de, `Status ist ${LEAD_STATUS_DE[status]}, nicht Qualifiziert.`);
  }
  assert.equal(
    hostText('reject.lead-not-qualified', {leadId: 'L-1', status: 'Qualifying'}).de,
    'Lead L-1 hat den Status In Qualifizierung; nur ein qualifizierter Lead kann zurückgewiesen werden.',
  );
});

const SOURCE_ROOT = fileURLToPath(new URL('..', import.meta.url));

/** The host's sources (not tests, not the texts themselves), by path relative to src/. */
function sources(folders: readonly string[]): Map<string, string> {
  const files = new Map<string, string>();
  for (const folder of folders) {
    for (const name of readdirSync(join(SOURCE_ROOT, folder), {recursive: true}) as string[]) {
      if (!name.endsWith('.ts') || name.endsWith('.test.ts')) continue;
      const path = join(folder, name);
      files.set(path, readFileSync(join(SOURCE_ROOT, path), 'utf8'));
    }
  }
  return files;
}

test('routes and the pipeline write no text inline: every bilingual text comes from the table', () => {
  for (const [path, text] of sources(['routes', 'http'])) {
    const inline = /\b(en|de):\s*[`'"]/.exec(text);
    assert.equal(inline, null, `${path} writes a text inline: ${inline?.[0]}`);
  }
});

test('every text of the table is used', () => {
  const all = [...sources(['routes', 'http', 'contract', 'store']).values()].join('\n');
  for (const key of KEYS) {
    if (USED_BY_ADAPTERS.has(key)) continue;
    assert.ok(all.includes(`'${key}'`), `${key} is in the table but nothing answers with it`);
  }
});

// Compile-time checks (tsc): a wrong key or a missing or wrong param is an error. Never called.
function _typeChecks(): void {
  // @ts-expect-error: no such text
  hostText('leads.gone');
  // @ts-expect-error: the text needs {leadId}
  hostText('leads.not-found');
  // @ts-expect-error: leadId is missing
  hostText('leads.not-found', {id: 'L-1'});
  // @ts-expect-error: a status is a LeadStatus
  hostText('reject.lead-not-qualified.field', {status: 'Lost'});
  // @ts-expect-error: a text without params takes none
  hostText('server.failed', {leadId: 'L-1'});
}
void _typeChecks;
