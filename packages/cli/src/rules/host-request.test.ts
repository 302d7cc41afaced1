import {test} from 'node:test';
import assert from 'node:assert/strict';
import './capture-io.js';
import {INSTALL_TEXT} from '../install-command.js';
import {
  connectHost,
  hostEndpoint,
  hostToken,
  isLoopbackHost,
  parseHostUrl,
  type HostRequestText,
} from './host-request.js';
import {RULES_TEXT} from './rules-text.js';

// crmkit install's texts fit these helpers as they are (a compile-time check: tsc fails otherwise).
const installFits: HostRequestText = INSTALL_TEXT.en;
const t: HostRequestText = RULES_TEXT.en;

test('the base URL keeps its base path; endpoints go below it', () => {
  assert.equal(installFits.noHost, INSTALL_TEXT.en.noHost);
  assert.equal(
    hostEndpoint(parseHostUrl('http://127.0.0.1:3000', t), 'api/admin/assignment-rules'),
    'http://127.0.0.1:3000/api/admin/assignment-rules',
  );
  assert.equal(
    hostEndpoint(parseHostUrl('https://crm.example.com/crm', t), 'api/admin/assignment-rules'),
    'https://crm.example.com/crm/api/admin/assignment-rules',
  );
  assert.equal(
    hostEndpoint(parseHostUrl('https://crm.example.com/crm/', t), 'api/x'),
    'https://crm.example.com/crm/api/x',
  );
  assert.throws(() => parseHostUrl(undefined, t), /give the host CRM with --host <url>/);
  assert.throws(() => parseHostUrl('file:///etc', t), /--host must be an http or https URL/);
});

test('the token: --token, else CRMKIT_TOKEN; an empty --token is refused', () => {
  const saved = process.env.CRMKIT_TOKEN;
  try {
    process.env.CRMKIT_TOKEN = 'from-env';
    assert.equal(hostToken(undefined, t), 'from-env');
    assert.equal(hostToken('given', t), 'given');
    assert.throws(() => hostToken('', t), /--token is empty/);
    delete process.env.CRMKIT_TOKEN;
    assert.throws(() => hostToken(undefined, t), /no API token/);
  } finally {
    if (saved === undefined) delete process.env.CRMKIT_TOKEN;
    else process.env.CRMKIT_TOKEN = saved;
  }
});

test('a token sent over plain http to another machine is warned about; loopback and https are not', () => {
  const warnings: string[] = [];
  const warn = (line: string) => void warnings.push(line);
  const c = connectHost({host: 'http://127.0.0.1:3000', token: 'anna'}, 'de', t, warn);
  assert.deepEqual(c.headers, {
    authorization: 'Bearer anna',
    accept: 'application/json, application/problem+json',
    'accept-language': 'de',
  });
  assert.equal(c.shown, 'http://127.0.0.1:3000');
  connectHost({host: 'https://crm.example.com', token: 'anna'}, 'en', t, warn);
  assert.deepEqual(warnings, []);
  connectHost({host: 'http://crm.example.com', token: 'anna'}, 'en', t, warn);
  assert.match(warnings[0]!, /^warning: the token goes to crm\.example\.com over plain http/);
  assert.ok(isLoopbackHost('localhost') && isLoopbackHost('[::1]') && !isLoopbackHost('10.0.0.1'));
});
