import {createServer} from 'node:http';
import type {Server} from 'node:http';
import BetterSqlite3 from 'better-sqlite3';

/**
 * The baseline of `npm run bench:host`: a bare node:http server doing the same reject transaction on
 * better-sqlite3 (read the lead, check status and version, check the code, update the lead, set the
 * owner, write the audit row) with none of the dev host's routing, auth, contract validation or rule
 * evaluation: the new owner is simply the original owner. Not a product: a yardstick.
 */
export function startBareRejectServer(file: string): Promise<{server: Server; port: number}> {
  const db = new BetterSqlite3(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  db.pragma('cache_size = -65536');
  db.pragma('temp_store = MEMORY');
  const tokens = new Set(
    db.prepare('SELECT token FROM users WHERE token IS NOT NULL').pluck().all() as string[],
  );
  const lead = db.prepare<[string], {status: string; version: number; original_owner_id: string}>(
    'SELECT status, version, original_owner_id FROM leads WHERE id = ?',
  );
  const code = db.prepare<[string], {active: number}>(
    'SELECT active FROM reject_codes WHERE key = ?',
  );
  const update = db.prepare(
    `UPDATE leads SET status = 'Rejected', reject_code = ?, reject_reason = ?, rejected_by = ?,
       rejected_at = ?, version = version + 1 WHERE id = ? AND version = ?`,
  );
  const owner = db.prepare('UPDATE leads SET owner_id = ? WHERE id = ?');
  const audit = db.prepare(
    "INSERT INTO audit (at, user_id, action, lead_id, detail) VALUES (?, ?, 'lead.rejected', ?, ?)",
  );
  const reject = db.transaction(
    (
      id: string,
      user: string,
      body: {rejectCode: string; rejectReason?: string},
      ifMatch: number,
    ) => {
      const row = lead.get(id);
      if (!row) return 404;
      if (row.status !== 'Qualified' || row.version !== ifMatch) return 409;
      if (!code.get(body.rejectCode)?.active) return 422;
      const at = new Date().toISOString();
      update.run(body.rejectCode, body.rejectReason?.trim() || null, user, at, id, row.version);
      owner.run(row.original_owner_id, id);
      audit.run(
        at,
        user,
        id,
        JSON.stringify({code: body.rejectCode, ownerId: row.original_owner_id}),
      );
      return 200;
    },
  );
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const match = /^\/api\/leads\/([^/]+)\/reject$/.exec(req.url ?? '');
      const token = req.headers.authorization?.slice(7) ?? '';
      let status = 404;
      if (match && tokens.has(token)) {
        const body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
        status = reject(match[1]!, token, body, Number(req.headers['if-match']));
      }
      const text = JSON.stringify({status});
      res.writeHead(status, {'content-type': 'application/json', 'content-length': text.length});
      res.end(text);
    });
  });
  server.on('close', () => db.close());
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      resolve({server, port: typeof address === 'object' && address ? address.port : 0});
    });
  });
}
