import {test} from 'node:test';
import assert from 'node:assert/strict';
import {readFileSync, readdirSync} from 'node:fs';
import {join} from 'node:path';
import {fileURLToPath} from 'node:url';
import {AUDIT_ACTIONS} from './audit-actions.js';

const ACTIONS = Object.values(AUDIT_ACTIONS);

test('audit action names are unique, dotted lower-case names', () => {
  assert.equal(new Set(ACTIONS).size, ACTIONS.length);
  for (const action of ACTIONS) assert.match(action, /^[a-z]+(-[a-z]+)*(\.[a-z]+(-[a-z]+)*)+$/);
});

test('the names stored in audit rows stay as they are', () => {
  assert.deepEqual([...ACTIONS].sort(), [
    'assignment-rules.activated',
    'assignment-rules.rolled-back',
    'lead.rejected',
    'plugin.config-updated',
    'plugin.disabled',
    'plugin.enabled',
    'plugin.installed',
    'plugin.trust-changed',
    'plugin.uninstalled',
    'plugin.uploaded',
    'plugin.version-changed',
    'reject-codes.updated',
    'role.updated',
    'settings.lead.updated',
    'user.role-changed',
  ]);
});

test('every store.audit call names its action from AUDIT_ACTIONS, and every action is recorded', () => {
  const root = fileURLToPath(new URL('..', import.meta.url));
  let all = '';
  for (const name of readdirSync(root, {recursive: true}) as string[]) {
    // The table itself (whose comments show a call) is not a call site.
    if (!name.endsWith('.ts') || name.endsWith('.test.ts') || name.startsWith('texts')) continue;
    const text = readFileSync(join(root, name), 'utf8');
    all += text;
    for (const call of text.matchAll(/\.audit\(\s*[^,]+,\s*([^,]+),/g)) {
      assert.match(call[1]!, /^AUDIT_ACTIONS\.\w+$/, `${name}: store.audit(…, ${call[1]}, …)`);
    }
  }
  for (const key of Object.keys(AUDIT_ACTIONS)) {
    assert.ok(all.includes(`AUDIT_ACTIONS.${key}`), `nothing records ${key}`);
  }
});
