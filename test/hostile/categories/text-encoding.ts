// Item 2: text that is not Unicode. A lone surrogate (`\ud800` as a JSON escape) used to be echoed
// and stored as U+FFFD; bytes that are not UTF-8 were decoded with U+FFFD in their place. Both must be
// refused with a field error and nothing stored; well-formed text must be stored exactly.
import assert from 'node:assert/strict';
import {attack, lastly, type Category} from '../lib/attack.js';
import {httpBytes, type HostileHost} from '../lib/hostile-host.js';

const ascii = (text: string) => Buffer.from(text, 'latin1');

export function textEncodingCategory(host: HostileHost, qualified: () => string): Category {
  return {
    name: 'text encoding',
    concurrency: 4,
    attacks: async () => {
      const codesBefore = (await host.call('/api/admin/reject-codes', {as: 'anna'})).text;
      const touched: string[] = [];
      /** A reject of a fresh Qualified lead with `body` (JSON text as sent). */
      const rejectWith = async (body: string) => {
        const id = qualified();
        touched.push(id);
        const before = (await host.call(`/api/leads/${id}`, {as: 'max'})).text;
        const answer = await host.call(`/api/leads/${id}/reject`, {as: 'max', body});
        return {id, before, answer};
      };
      const refusedUnchanged = async (
        body: string,
        field: string,
        code: string,
        problem = 'invalid-body',
      ) => {
        const {id, before, answer} = await rejectWith(body);
        assert.equal(answer.status, 400, answer.text.slice(0, 300));
        assert.equal(answer.body.code, problem);
        assert.deepEqual(
          answer.body.errors.map((e: {field: string; code: string}) => [e.field, e.code]),
          [[field, code]],
        );
        assert.equal((await host.call(`/api/leads/${id}`, {as: 'max'})).text, before, 'unchanged');
      };

      const surrogates: Array<[string, string, string]> = [
        [
          'a lone high surrogate in the reason',
          '{"rejectCode":"OTHER","rejectReason":"x\\ud800y","reassignOwner":false}',
          '/rejectReason',
        ],
        [
          'a lone low surrogate in the reason',
          '{"rejectCode":"OTHER","rejectReason":"\\udc00","reassignOwner":false}',
          '/rejectReason',
        ],
        [
          'a high surrogate at the end',
          '{"rejectCode":"OTHER","rejectReason":"ok\\uD800","reassignOwner":false}',
          '/rejectReason',
        ],
        [
          'a pair in the wrong order',
          '{"rejectCode":"OTHER","rejectReason":"\\udc00\\ud800","reassignOwner":false}',
          '/rejectReason',
        ],
        [
          'a lone surrogate in the reject code',
          '{"rejectCode":"OTHER\\ud800","reassignOwner":false}',
          '/rejectCode',
        ],
        [
          'a lone surrogate in a property name',
          '{"rejectCode":"OTHER","rejectReason":"r","reassignOwner":false,"\\ud800":1}',
          '',
        ],
      ];
      /** What, its bytes, and where in them the first bad byte is. */
      const bytes: Array<[string, number[], number]> = [
        ['a 0xFF byte', [0xff], 0],
        ['an overlong NUL (C0 80)', [0xc0, 0x80], 0],
        ['a surrogate encoded as CESU-8 (ED A0 80)', [0xed, 0xa0, 0x80], 0],
        ['a code point above U+10FFFF', [0xf4, 0x90, 0x80, 0x80], 0],
        ['Latin-1 text (Zur\\xfcckweisen)', [...ascii('Zur\xfcckweisen')], 3],
        ['a continuation byte alone', [0x80], 0],
      ];
      const prefix = ascii('{"rejectCode":"OTHER","rejectReason":"');
      const attacks = [
        ...surrogates.map(([what, body, field]) =>
          attack(`reject with ${what}: 400 on ${field || 'the body'}, nothing stored`, () =>
            refusedUnchanged(body, field, 'lone-surrogate'),
          ),
        ),
        ...bytes.map(([what, bad, at]) =>
          attack(`a body with ${what}: 400 invalid-json invalid-utf8, nothing stored`, async () => {
            const id = qualified();
            touched.push(id);
            const before = (await host.call(`/api/leads/${id}`, {as: 'max'})).text;
            const body = Buffer.concat([
              prefix,
              Buffer.from(bad),
              ascii('","reassignOwner":false}'),
            ]);
            const answer = await host.raw(
              httpBytes(
                'POST',
                `/api/leads/${id}/reject`,
                {Authorization: 'Bearer max', 'Content-Type': 'application/json'},
                body,
              ),
            );
            assert.equal(answer.status, 400, answer.body.slice(0, 300));
            const problem = JSON.parse(answer.body);
            assert.equal(problem.code, 'invalid-json');
            assert.deepEqual(
              problem.errors.map((e: {code: string}) => e.code),
              ['invalid-utf8'],
            );
            // The first bad byte, counted from the start of the body (max reads German).
            assert.match(problem.detail, new RegExp(`Byte ${prefix.length + at} `));
            assert.equal((await host.call(`/api/leads/${id}`, {as: 'max'})).text, before);
          }),
        ),
        attack(
          'an admin reject-code label with a lone surrogate: 400, the picklist unchanged',
          async () => {
            const codes = (await host.call('/api/admin/reject-codes', {as: 'anna'})).body;
            const text = JSON.stringify(codes).replace('"Duplicate"', '"Dup\\ud800licate"');
            assert.notEqual(text, JSON.stringify(codes), 'the label to poison');
            const answer = await host.call('/api/admin/reject-codes', {
              as: 'anna',
              method: 'PUT',
              body: text,
            });
            assert.equal(answer.status, 400);
            assert.equal(answer.body.errors[0].code, 'lone-surrogate');
            assert.match(answer.body.errors[0].field, /^\/\d+\/labels\/en$/);
          },
        ),
        attack('a byte-order mark before the JSON is refused, not skipped silently', async () => {
          const answer = await host.raw(
            httpBytes(
              'PUT',
              '/api/admin/settings/lead',
              {Authorization: 'Bearer anna', 'Content-Type': 'application/json'},
              Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), ascii('{"ownershipMode":"book"}')]),
            ),
          );
          assert.equal(answer.status, 400);
          assert.equal(JSON.parse(answer.body).code, 'invalid-json');
          assert.equal(
            (await host.call('/api/settings/lead', {as: 'max'})).body.ownershipMode,
            'mixed',
          );
        }),
        attack('a surrogate pair and German text are stored exactly as sent', async () => {
          const reason = 'Zurückgewiesen – 😀 “ok”';
          const body = `{"rejectCode":"OTHER","rejectReason":"Zur\\u00fcckgewiesen \\u2013 \\ud83d\\ude00 “ok”","reassignOwner":false}`;
          const {id, answer} = await rejectWith(body);
          assert.equal(answer.status, 200, answer.text.slice(0, 300));
          const stored = (await host.call(`/api/leads/${id}`, {as: 'max'})).body;
          assert.equal(stored.rejection.reason, reason);
        }),
        lastly('the picklist is as before every attack', async () => {
          assert.equal(
            (await host.call('/api/admin/reject-codes', {as: 'anna'})).text,
            codesBefore,
          );
        }),
      ];
      return attacks;
    },
  };
}
