import {existsSync, readFileSync} from 'node:fs';
import type {Pool, PoolClient, QueryConfig, QueryResult, QueryResultRow} from 'pg';
import {
  DEFAULT_REJECT_CODES,
  DEMO_OWNERSHIP_MODE,
  DEMO_ROLES,
  DEMO_USERS,
  demoLeads,
} from '@crmkit/host-core';
import type {PluginPackageRecord} from '@crmkit/host-core';
import {SEED_FILES, SEED_TABLES, readBundledPlugin} from '../seed-demo-data.js';

/** What runs a statement: the pool (a statement of its own) or one client (inside its transaction). */
export interface Queryable {
  query<R extends QueryResultRow = QueryResultRow>(
    text: string | QueryConfig,
    values?: unknown[],
  ): Promise<QueryResult<R>>;
}

/** The transaction-level advisory lock the seed holds, so two nodes never seed at once: "crmkit-s". */
export const SEED_LOCK = 0x63726d6b69742d73n;

/** Bytes as pg sends them for a BYTEA (a Buffer over the same memory, no copy). */
const asBuffer = (bytes: Uint8Array): Buffer =>
  Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);

/** Writes one stored plugin version and its files (the store's and the seed's, as on SQLite). */
export async function storePackageRowsPostgres(
  q: Queryable,
  record: PluginPackageRecord,
  files: ReadonlyMap<string, Uint8Array>,
): Promise<void> {
  await q.query(
    `INSERT INTO plugin_packages (plugin_id, version, manifest, integrity, digest, size, files,
       uploaded_at, uploaded_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
    [
      record.id,
      record.version,
      JSON.stringify(record.manifest),
      record.integrity,
      record.digest,
      record.size,
      JSON.stringify(record.files),
      record.uploadedAt,
      record.uploadedBy,
    ],
  );
  for (const [path, bytes] of files) {
    await q.query(
      'INSERT INTO plugin_files (plugin_id, version, path, bytes) VALUES ($1, $2, $3, $4)',
      [record.id, record.version, path, asBuffer(bytes)],
    );
  }
}

/** Stores the bundled reject-lead plugin, installed and enabled (see readBundledPlugin); false when it is not built. */
export async function seedBundledPluginPostgres(
  q: Queryable,
  dist: URL = SEED_FILES.rejectLeadDist,
): Promise<boolean> {
  const bundled = readBundledPlugin(dist);
  if (!bundled) return false;
  await storePackageRowsPostgres(q, bundled.record, bundled.files);
  const p = bundled.plugin;
  await q.query(
    `INSERT INTO plugins (id, version, enabled, trusted, config, accepted_permissions,
       previous_version, position, installed_at)
     VALUES ($1, $2, $3, $4, $5, $6, NULL, 0, $7)`,
    [
      p.id,
      p.version,
      p.enabled ? 1 : 0,
      p.trusted ? 1 : 0,
      JSON.stringify(p.config),
      JSON.stringify(p.acceptedPermissions),
      p.installedAt,
    ],
  );
  return true;
}

/** Whether the database holds no demo data yet (a first start). */
export async function needsSeedPostgres(q: Queryable): Promise<boolean> {
  const {rows} = await q.query<{n: string | number}>('SELECT count(*) AS n FROM users');
  return Number(rows[0]!.n) === 0;
}

/** Options of `seedDemoDataPostgres`. */
export interface SeedPostgresOptions {
  /** Empty every table first and seed again (else: seed only a database without users). */
  reset?: boolean;
  /** The ruleset to activate (default: the checkout's rules/lead-assignment.json, when present). */
  rulesetText?: string;
  /** The built reject-lead plugin to install (default: the checkout's plugins/reject-lead/dist). */
  pluginDist?: URL;
}

/**
 * Fills an empty (or, with `reset`, emptied) PostgreSQL database with the demo data, as
 * `seedDemoData` does on SQLite: the roles, the users with managers and tokens, the 50 leads, the 14
 * reject codes, ownership mode Mixed, the shipped ruleset as the active one (when the checkout has
 * it) and the reject-lead plugin installed. One transaction, under an advisory lock, so of two nodes
 * starting on an empty database one seeds and the other finds it seeded. Without `reset`, a
 * database that has users is left as it is. Returns whether it seeded.
 */
export async function seedDemoDataPostgres(
  pool: Pool,
  options: SeedPostgresOptions = {},
): Promise<boolean> {
  const rulesetText =
    options.rulesetText ??
    (existsSync(SEED_FILES.ruleset) ? readFileSync(SEED_FILES.ruleset, 'utf8') : undefined);
  const now = new Date().toISOString();
  const client = await pool.connect();
  let broken: Error | undefined;
  try {
    await client.query('BEGIN');
    try {
      await client.query('SELECT pg_advisory_xact_lock($1)', [SEED_LOCK.toString()]);
      if (!options.reset && !(await needsSeedPostgres(client))) {
        await client.query('ROLLBACK');
        return false;
      }
      await seedInto(client, rulesetText, now, options.pluginDist);
      await client.query('COMMIT');
      return true;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => {});
      throw error;
    }
  } catch (error) {
    broken = error instanceof Error ? error : new Error(String(error));
    throw error;
  } finally {
    client.release(broken);
  }

  async function seedInto(
    q: PoolClient,
    ruleset: string | undefined,
    at: string,
    pluginDist: URL | undefined,
  ): Promise<void> {
    if (options.reset) for (const table of SEED_TABLES) await q.query(`DELETE FROM ${table}`);
    // Schema 8 created the demo roles already; the seed makes them the demo's again.
    for (const [i, r] of DEMO_ROLES.entries()) {
      await q.query(
        `INSERT INTO roles (id, name_en, name_de, privileges, position) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (id) DO UPDATE SET name_en = excluded.name_en, name_de = excluded.name_de,
           privileges = excluded.privileges, position = excluded.position`,
        [r.id, r.name.en, r.name.de, JSON.stringify(r.privileges), i],
      );
    }
    // `role` keeps the role's name for schema version 1's NOT NULL column; `role_id` is what counts.
    for (const u of DEMO_USERS) {
      const roleName = DEMO_ROLES.find((r) => r.id === u.roleId)?.name.en ?? u.roleId;
      await q.query(
        `INSERT INTO users (id, name, role, role_id, locale, manager_id, active, token)
         VALUES ($1, $2, $3, $4, $5, NULL, $6, $7)`,
        [u.id, u.name, roleName, u.roleId, u.locale, u.active ? 1 : 0, u.token],
      );
    }
    for (const u of DEMO_USERS) {
      if (u.managerId) {
        await q.query('UPDATE users SET manager_id = $1 WHERE id = $2', [u.managerId, u.id]);
      }
    }

    for (const l of demoLeads()) {
      await q.query(
        `INSERT INTO leads (id, first_name, last_name, company, status, owner_id, original_owner_id,
           version, email, phone, country, region, rating, source,
           reject_code, reject_reason, rejected_by, rejected_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18)`,
        [
          l.id,
          l.firstName,
          l.lastName,
          l.company,
          l.status,
          l.ownerId,
          l.originalOwnerId,
          l.version,
          l.email ?? null,
          l.phone ?? null,
          l.country ?? null,
          l.region ?? null,
          l.rating ?? null,
          l.source ?? null,
          l.rejection?.code ?? null,
          l.rejection?.reason ?? null,
          l.rejection?.rejectedBy.id ?? null,
          l.rejection?.rejectedAt ?? null,
        ],
      );
    }

    for (const [i, c] of DEFAULT_REJECT_CODES.entries()) {
      await q.query(
        'INSERT INTO reject_codes (key, position, labels, active) VALUES ($1, $2, $3, $4)',
        [c.key, i, JSON.stringify(c.labels), c.active ? 1 : 0],
      );
    }

    await q.query('INSERT INTO settings (key, value) VALUES ($1, $2)', [
      'ownershipMode',
      DEMO_OWNERSHIP_MODE,
    ]);
    if (ruleset !== undefined) {
      await q.query(
        'INSERT INTO rulesets (body, active, created_by, created_at) VALUES ($1, 1, NULL, $2)',
        [ruleset, at],
      );
    }
    await seedBundledPluginPostgres(q, pluginDist);
  }
}
