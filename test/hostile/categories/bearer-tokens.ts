// Item 3: bearer tokens compared exactly. `.trim()` used to strip a no-break space (0xA0) around the
// token, so "max\xa0" signed in as max. Only the scheme's case and the spaces after it are flexible;
// the bytes are sent raw, as an attacker would.
import assert from 'node:assert/strict';
import {attack, type Category} from '../lib/attack.js';
import {httpBytes, type HostileHost} from '../lib/hostile-host.js';

/** A header value as the bytes go out: UTF-8 of `text`, each byte one latin1 character. */
const wire = (text: string) => Buffer.from(text, 'utf8').toString('latin1');

const REFUSED: Array<[string, string]> = [
  ['a no-break space after the token', 'Bearer max\u00a0'],
  ['a no-break space before the token', 'Bearer \u00a0max'],
  ['no-break spaces on both sides', 'Bearer \u00a0max\u00a0\u00a0'],
  ['a no-break space as the separator', 'Bearer\u00a0max'],
  ['a no-break space inside the token', 'Bearer ma\u00a0x'],
  ['NEL (0x85) after the token', 'Bearer max\u0085'],
  ['an em space (UTF-8) after the token', wire('Bearer max\u2003')],
  ['an ideographic space (UTF-8) after the token', wire('Bearer max\u3000')],
  ['a zero-width no-break space (UTF-8)', wire('Bearer max\ufeff')],
  ['a zero-width space (UTF-8)', wire('Bearer \u200bmax')],
  ['another case of the token', 'Bearer MAX'],
  ['a tab as the separator', 'Bearer\tmax'],
  ['a token with a prefix', 'Bearer xmax'],
  ['no token', 'Bearer '],
  ['another scheme', 'Basic bWF4Og=='],
];

const ACCEPTED: Array<[string, string]> = [
  ['the scheme in lower case', 'bearer max'],
  ['the scheme in upper case with three spaces', 'BEARER   max'],
  ['a trailing space, which HTTP strips around any header value', 'Bearer max '],
];

export function bearerTokenCategory(host: HostileHost, qualified: () => string): Category {
  const status = async (authorization: string, path = '/api/me', method = 'GET', body = '') => {
    const answer = await host.raw(
      httpBytes(
        method,
        path,
        {Authorization: authorization, ...(body ? {'Content-Type': 'application/json'} : {})},
        Buffer.from(body),
      ),
    );
    return answer;
  };
  return {
    name: 'bearer tokens',
    concurrency: 4,
    attacks: () => [
      ...REFUSED.map(([what, authorization]) =>
        attack(`GET /api/me with ${what}: 401`, async () => {
          const answer = await status(authorization);
          assert.equal(answer.status, 401, answer.body.slice(0, 200));
          assert.equal(answer.headers['www-authenticate'], 'Bearer');
        }),
      ),
      ...REFUSED.slice(0, 4).map(([what, authorization]) =>
        attack(`a reject with ${what}: 401 and the lead unchanged`, async () => {
          const id = qualified();
          const before = (await host.call(`/api/leads/${id}`, {as: 'max'})).text;
          const answer = await status(
            authorization,
            `/api/leads/${id}/reject`,
            'POST',
            '{"rejectCode":"DUPLICATE","reassignOwner":false}',
          );
          assert.equal(answer.status, 401);
          assert.equal((await host.call(`/api/leads/${id}`, {as: 'max'})).text, before);
        }),
      ),
      ...ACCEPTED.map(([what, authorization]) =>
        attack(`${what} still signs in (200)`, async () => {
          const answer = await status(authorization);
          assert.equal(answer.status, 200, answer.body.slice(0, 200));
          assert.equal(JSON.parse(answer.body).id, 'max');
        }),
      ),
    ],
  };
}
