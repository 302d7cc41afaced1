// What both hostile-plugin tests share: packing a fixture with `crmkit pack`, installing it on a dev
// host as anna (upload + enable), and the host's whole stored state as plain data to compare.
import assert from 'node:assert/strict';
import {createHash} from 'node:crypto';
import {readFileSync} from 'node:fs';
import {fileURLToPath} from 'node:url';
import type {Database} from 'better-sqlite3';
import {packCommand} from '../../../packages/cli/src/pack-command.js';

export const HOSTILE = 'dev.crmkit.hostile';
export const REJECT_LEAD = 'dev.crmkit.reject-lead';
export const HOSTILE_DIR = fileURLToPath(
  new URL('../../fixtures/plugins/hostile/', import.meta.url),
);

/** Runs `crmkit pack <dir> --out <out> --json` in-process and answers the written .tgz's path. */
export async function pack(dir: string, out: string): Promise<string> {
  const printed: string[] = [];
  const io = {
    stdout: (t: string) => void printed.push(t),
    stderr: (t: string) => void printed.push(t),
    cwd: out,
    isTTY: false,
  };
  const code = await packCommand([dir, '--out', out, '--json'], io);
  assert.equal(code, 0, printed.join(''));
  return (JSON.parse(printed.join('')) as {file: string}).file;
}

/** One REST answer: status and parsed JSON body (or null). */
export interface Answer {
  status: number;
  body: any; // eslint-disable-line @typescript-eslint/no-explicit-any -- tests read any field
}

/** A REST call against `url` with `Authorization: Bearer <token>` (JSON, or gzip bytes). */
export async function call(
  url: string,
  token: string,
  method: string,
  path: string,
  body?: unknown,
): Promise<Answer> {
  const headers: Record<string, string> = {authorization: `Bearer ${token}`};
  let payload: string | Uint8Array | undefined;
  if (body instanceof Uint8Array) {
    payload = body;
    headers['content-type'] = 'application/gzip';
  } else if (body !== undefined) {
    payload = JSON.stringify(body);
    headers['content-type'] = 'application/json';
  }
  const res = await fetch(`${url}${path}`, {
    method,
    headers,
    ...(payload === undefined ? {} : {body: payload as BodyInit}),
  });
  const text = await res.text();
  let parsed: unknown = null;
  try {
    parsed = text ? JSON.parse(text) : null;
  } catch {
    parsed = text;
  }
  return {status: res.status, body: parsed};
}

/** Uploads the package at `tgz` as anna and enables it (her consent): answers the installation. */
export async function install(url: string, tgz: string): Promise<Answer> {
  const uploaded = await call(url, 'anna', 'POST', '/api/admin/plugins', readFileSync(tgz));
  assert.ok([200, 201].includes(uploaded.status), JSON.stringify(uploaded.body));
  const id = uploaded.body.id as string;
  const enabled = await call(url, 'anna', 'PUT', `/api/admin/plugins/${id}`, {enabled: true});
  assert.equal(enabled.status, 200, JSON.stringify(enabled.body));
  return enabled;
}

/** A cell as comparable data: bytes as their length and SHA-256 (plugin files are large). */
const cell = (value: unknown) =>
  Buffer.isBuffer(value)
    ? `bytes:${value.length}:${createHash('sha256').update(value).digest('hex')}`
    : value;

/**
 * Every table of the host's database with all its rows, except `sessions` (signing in and minting
 * plugin credentials add rows there by design; see {@link sessionRows}).
 */
export function storedState(db: Database): Record<string, string[]> {
  const tables = (
    db
      .prepare(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name",
      )
      .all() as Array<{name: string}>
  )
    .map((t) => t.name)
    .filter((name) => name !== 'sessions');
  return Object.fromEntries(
    tables.map((name) => [
      name,
      (db.prepare(`SELECT * FROM "${name}"`).all() as Array<Record<string, unknown>>).map((row) =>
        JSON.stringify(Object.fromEntries(Object.entries(row).map(([k, v]) => [k, cell(v)]))),
      ),
    ]),
  );
}

/** What changed between two {@link storedState}s, table by table: rows gone and rows new. */
export function stateChanges(
  before: Record<string, string[]>,
  after: Record<string, string[]>,
): Record<string, {gone: string[]; added: string[]}> {
  const changes: Record<string, {gone: string[]; added: string[]}> = {};
  for (const table of new Set([...Object.keys(before), ...Object.keys(after)])) {
    const was = new Set(before[table] ?? []);
    const is = new Set(after[table] ?? []);
    const gone = [...was].filter((r) => !is.has(r));
    const added = [...is].filter((r) => !was.has(r));
    if (gone.length || added.length) changes[table] = {gone, added};
  }
  return changes;
}

export interface SessionRow {
  token_hash: string;
  user_id: string;
  kind: 'page' | 'plugin';
  plugin_id: string | null;
  scopes: string;
  expires_at: string;
}

export const sessionRows = (db: Database): SessionRow[] =>
  db.prepare('SELECT * FROM sessions').all() as SessionRow[];
