import {test} from 'node:test';
import assert from 'node:assert/strict';
import {memoryHost} from '../../test/memory-host.js';

test('a bearer token is compared exactly: no Unicode space around it signs anyone in', async () => {
  const {call} = memoryHost();
  for (const [authorization, status] of [
    ['Bearer max', 200],
    ['bearer max', 200],
    ['BEARER   max', 200], // the scheme and the ASCII spaces after it are flexible
    ['Bearer max\u00a0', 401], // trim() used to strip the no-break space: signed in as max
    ['Bearer \u00a0max', 401],
    ['Bearer max\u2003', 401], // an em space
    ['Bearer max\ufeff', 401],
    ['Bearer\u00a0max', 401],
    ['Bearer max ', 401], // HTTP strips it before the host sees it; a HostRequest as given is exact
    ['Bearer\tmax', 401],
    ['Bearer MAX', 401],
    ['Bearer ', 401],
  ] as const) {
    const answer = await call('GET', '/api/me', {headers: {authorization}});
    assert.equal(answer.status, status, JSON.stringify(authorization));
    if (status === 401) assert.equal(answer.body.code, 'unauthorized');
  }
});
