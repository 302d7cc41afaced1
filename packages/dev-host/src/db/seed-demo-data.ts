import {existsSync, readFileSync} from 'node:fs';
import type {Database} from 'better-sqlite3';
import {configDefaults} from '@crmkit/sdk';
import type {PluginManifest} from '@crmkit/sdk';
import {DEFAULT_REJECT_CODES, DEMO_OWNERSHIP_MODE, DEMO_USERS, demoLeads} from '@crmkit/host-core';

/** Where the seed reads the shipped files from (the repository checkout this package lives in). */
export const SEED_FILES = {
  ruleset: new URL('../../../../rules/lead-assignment.json', import.meta.url),
  rejectLeadManifest: new URL('../../../../plugins/reject-lead/plugin.json', import.meta.url),
} as const;

/** The manifest URL under which the dev host serves the reject-lead plugin. */
export const REJECT_LEAD_MANIFEST_URL = '/plugins/reject-lead/plugin.json';

/** Tables the seed fills, children before parents (the order `reset` empties them in). */
const TABLES = [
  'audit',
  'rulesets',
  'plugins',
  'leads',
  'reject_codes',
  'settings',
  'users',
] as const;

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
  options: {reset?: boolean; rulesetText?: string; manifestText?: string} = {},
): void {
  const rulesetText =
    options.rulesetText ??
    (existsSync(SEED_FILES.ruleset) ? readFileSync(SEED_FILES.ruleset, 'utf8') : undefined);
  const manifestText = options.manifestText ?? readFileSync(SEED_FILES.rejectLeadManifest, 'utf8');
  const manifest = JSON.parse(manifestText) as PluginManifest;
  const now = new Date().toISOString();
  db.transaction(() => {
    if (options.reset) for (const table of TABLES) db.prepare(`DELETE FROM ${table}`).run();
    const user = db.prepare(
      `INSERT INTO users (id, name, role, locale, manager_id, active, token, privileges)
       VALUES (@id, @name, @role, @locale, NULL, @active, @token, @privileges)`,
    );
    for (const u of DEMO_USERS) {
      user.run({...u, active: u.active ? 1 : 0, privileges: JSON.stringify(u.privileges)});
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
    db.prepare(
      `INSERT INTO plugins (id, manifest_url, manifest, config, position, installed_at)
       VALUES (?, ?, ?, ?, 0, ?)`,
    ).run(
      manifest.id,
      REJECT_LEAD_MANIFEST_URL,
      JSON.stringify(manifest),
      JSON.stringify(configDefaults(manifest)),
      now,
    );
  })();
}
