import {createHash} from 'node:crypto';
import {existsSync, readFileSync} from 'node:fs';
import type {Database} from 'better-sqlite3';
import {configDefaults, validateManifest} from '@crmkit/sdk';
import {
  DEFAULT_REJECT_CODES,
  DEMO_OWNERSHIP_MODE,
  DEMO_ROLES,
  DEMO_USERS,
  demoLeads,
} from '@crmkit/host-core';
import type {PluginPackageRecord, PluginRecord} from '@crmkit/host-core';
import {storePackageRows} from './dev-host-store.js';

/** Where the seed reads the shipped files from (the repository checkout this package lives in). */
export const SEED_FILES = {
  ruleset: new URL('../../../../rules/lead-assignment.json', import.meta.url),
  /** The built reject-lead plugin (`npm run build`): what the seed installs, byte for byte. */
  rejectLeadDist: new URL('../../../../plugins/reject-lead/dist/', import.meta.url),
} as const;

/** The files of the built plugin the seed stores (what `crmkit pack` would put in its package). */
const PLUGIN_FILES = ['plugin.json', 'index.js', 'index.js.map', 'custom-elements.json'] as const;

/** Tables the seed fills, children before parents (the order `reset` empties them in; both engines). */
export const SEED_TABLES = [
  'sessions',
  'audit',
  'rulesets',
  'plugin_files',
  'plugin_packages',
  'plugins',
  'leads',
  'reject_codes',
  'settings',
  'users',
  'roles',
] as const;

/** The bundled plugin as the host stores it: its package record, files and installation. */
export interface BundledPlugin {
  record: PluginPackageRecord;
  files: Map<string, Uint8Array>;
  plugin: PluginRecord;
}

/**
 * The built reject-lead plugin as an installed, enabled package, exactly as its dist/ holds it
 * (plugin.json without its checkout-relative $schema), its entry checked against its integrity as an
 * upload's would be. Undefined when the plugin is not built. The mock host of the contract tests
 * seeds the same.
 */
export function readBundledPlugin(
  dist: URL = SEED_FILES.rejectLeadDist,
): BundledPlugin | undefined {
  if (!existsSync(new URL('plugin.json', dist)) || !existsSync(new URL('index.js', dist))) {
    return undefined;
  }
  const packed = JSON.parse(readFileSync(new URL('plugin.json', dist), 'utf8')) as Record<
    string,
    unknown
  >;
  delete packed.$schema;
  const manifestText = `${JSON.stringify(packed, null, 2)}\n`;
  const result = validateManifest(manifestText, {file: 'plugin.json'});
  if (!result.manifest) throw new Error('the built reject-lead plugin.json is invalid');
  const manifest = result.manifest;
  const files = new Map<string, Uint8Array>();
  for (const name of PLUGIN_FILES) {
    const url = new URL(name, dist);
    if (name === 'plugin.json') files.set(name, Buffer.from(manifestText));
    else if (existsSync(url)) files.set(name, readFileSync(url));
  }
  const entry = files.get(manifest.entry)!;
  const integrity = `sha384-${createHash('sha384').update(entry).digest('base64')}`;
  if (integrity !== manifest.integrity) {
    throw new Error(`the built reject-lead entry does not match its integrity; run npm run build`);
  }
  const now = new Date().toISOString();
  return {
    record: {
      id: manifest.id,
      version: manifest.version,
      manifest: manifest as unknown as Record<string, unknown>,
      integrity,
      // Not an upload: the digest says where the bytes came from, so an upload never equals it.
      digest: `seed:${integrity}`,
      size: [...files.values()].reduce((n, b) => n + b.length, 0),
      files: [...files].map(([path, bytes]) => ({path, size: bytes.length})),
      uploadedAt: now,
      uploadedBy: null,
    },
    files,
    // First-party and shipped with the host: enabled and trusted (in the page) from the start.
    plugin: {
      id: manifest.id,
      version: manifest.version,
      enabled: true,
      trusted: true,
      config: configDefaults(manifest),
      acceptedPermissions: [...manifest.permissions],
      previousVersion: null,
      installedAt: now,
    },
  };
}

/** Stores the bundled plugin (see readBundledPlugin); false when it is not built. */
export function seedBundledPlugin(db: Database, dist: URL = SEED_FILES.rejectLeadDist): boolean {
  const bundled = readBundledPlugin(dist);
  if (!bundled) return false;
  storePackageRows(db, bundled.record, bundled.files);
  const p = bundled.plugin;
  db.prepare(
    `INSERT INTO plugins (id, version, enabled, trusted, config, accepted_permissions,
       previous_version, position, installed_at)
     VALUES (?, ?, ?, ?, ?, ?, NULL, 0, ?)`,
  ).run(
    p.id,
    p.version,
    p.enabled ? 1 : 0,
    p.trusted ? 1 : 0,
    JSON.stringify(p.config),
    JSON.stringify(p.acceptedPermissions),
    p.installedAt,
  );
  return true;
}

/** Whether the database holds no demo data yet (a first start). */
export function needsSeed(db: Database): boolean {
  return db.prepare('SELECT count(*) FROM users').pluck().get() === 0;
}

/**
 * Fills an empty (or, with `reset`, emptied) database with the demo data: the users with roles,
 * managers, privileges and tokens, the 50 leads, the 14 reject codes, ownership mode Mixed, the shipped
 * ruleset as the active one (when the checkout has it) and the reject-lead plugin installed. One transaction: all or nothing.
 */
export function seedDemoData(
  db: Database,
  options: {reset?: boolean; rulesetText?: string; pluginDist?: URL} = {},
): void {
  const rulesetText =
    options.rulesetText ??
    (existsSync(SEED_FILES.ruleset) ? readFileSync(SEED_FILES.ruleset, 'utf8') : undefined);
  const now = new Date().toISOString();
  db.transaction(() => {
    if (options.reset) for (const table of SEED_TABLES) db.prepare(`DELETE FROM ${table}`).run();
    // Schema 8 created the demo roles already; the seed makes them the demo's again.
    const role = db.prepare(
      `INSERT INTO roles (id, name_en, name_de, privileges, position) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (id) DO UPDATE SET name_en = excluded.name_en, name_de = excluded.name_de,
         privileges = excluded.privileges, position = excluded.position`,
    );
    DEMO_ROLES.forEach((r, i) =>
      role.run(r.id, r.name.en, r.name.de, JSON.stringify(r.privileges), i),
    );
    // `role` keeps the role's name for schema version 1's NOT NULL column; `role_id` is what counts.
    const user = db.prepare(
      `INSERT INTO users (id, name, role, role_id, locale, manager_id, active, token)
       VALUES (@id, @name, @role, @roleId, @locale, NULL, @active, @token)`,
    );
    for (const u of DEMO_USERS) {
      const roleName = DEMO_ROLES.find((r) => r.id === u.roleId)?.name.en ?? u.roleId;
      user.run({...u, role: roleName, active: u.active ? 1 : 0});
    }
    const manager = db.prepare('UPDATE users SET manager_id = ? WHERE id = ?');
    for (const u of DEMO_USERS) if (u.managerId) manager.run(u.managerId, u.id);

    const lead = db.prepare(
      `INSERT INTO leads (id, first_name, last_name, company, status, owner_id, original_owner_id,
         version, email, phone, country, region, rating, source,
         reject_code, reject_reason, rejected_by, rejected_at)
       VALUES (@id, @firstName, @lastName, @company, @status, @ownerId, @originalOwnerId,
         @version, @email, @phone, @country, @region, @rating, @source,
         @rejectCode, @rejectReason, @rejectedBy, @rejectedAt)`,
    );
    for (const l of demoLeads()) {
      lead.run({
        email: null,
        phone: null,
        country: null,
        region: null,
        rating: null,
        source: null,
        ...l,
        rejectCode: l.rejection?.code ?? null,
        rejectReason: l.rejection?.reason ?? null,
        rejectedBy: l.rejection?.rejectedBy.id ?? null,
        rejectedAt: l.rejection?.rejectedAt ?? null,
      });
    }

    const code = db.prepare(
      'INSERT INTO reject_codes (key, position, labels, active) VALUES (?, ?, ?, ?)',
    );
    DEFAULT_REJECT_CODES.forEach((c, i) =>
      code.run(c.key, i, JSON.stringify(c.labels), c.active ? 1 : 0),
    );

    db.prepare('INSERT INTO settings (key, value) VALUES (?, ?)').run(
      'ownershipMode',
      DEMO_OWNERSHIP_MODE,
    );
    if (rulesetText !== undefined) {
      db.prepare(
        'INSERT INTO rulesets (body, active, created_by, created_at) VALUES (?, 1, NULL, ?)',
      ).run(rulesetText, now);
    }
    seedBundledPlugin(db, options.pluginDist);
  })();
}
