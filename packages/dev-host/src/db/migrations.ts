/**
 * The dev host's schema, as data: an ordered list of migrations. Migration N (1-based) runs once, in a
 * transaction, when `schema_migrations` does not list it yet. Append new entries; never edit a shipped
 * one (a database that already ran it would not see the change).
 */
export const MIGRATIONS: readonly string[] = [
  // 1: users, leads, reject codes, settings, rulesets, audit, idempotency, installed plugins
  `
  CREATE TABLE users (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    role TEXT NOT NULL,
    locale TEXT NOT NULL,
    manager_id TEXT REFERENCES users(id),
    active INTEGER NOT NULL CHECK (active IN (0, 1)),
    token TEXT UNIQUE,
    privileges TEXT NOT NULL DEFAULT '[]'
  );
  CREATE TABLE leads (
    id TEXT PRIMARY KEY,
    first_name TEXT NOT NULL,
    last_name TEXT NOT NULL,
    company TEXT NOT NULL,
    status TEXT NOT NULL
      CHECK (status IN ('Qualifying', 'Qualified', 'Converted', 'Rejected', 'Archived')),
    owner_id TEXT REFERENCES users(id),
    original_owner_id TEXT REFERENCES users(id),
    version INTEGER NOT NULL DEFAULT 1 CHECK (version >= 1),
    email TEXT,
    phone TEXT,
    country TEXT,
    region TEXT,
    rating TEXT,
    source TEXT,
    reject_code TEXT,
    reject_reason TEXT,
    rejected_by TEXT REFERENCES users(id),
    rejected_at TEXT
  );
  CREATE INDEX leads_by_status ON leads (status, id);
  CREATE TABLE reject_codes (
    key TEXT PRIMARY KEY,
    position INTEGER NOT NULL,
    labels TEXT NOT NULL,
    active INTEGER NOT NULL CHECK (active IN (0, 1))
  );
  CREATE TABLE settings (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
  );
  CREATE TABLE rulesets (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    body TEXT NOT NULL,
    active INTEGER NOT NULL DEFAULT 0 CHECK (active IN (0, 1)),
    created_by TEXT REFERENCES users(id),
    created_at TEXT NOT NULL
  );
  CREATE UNIQUE INDEX rulesets_one_active ON rulesets (active) WHERE active = 1;
  CREATE TABLE audit (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    at TEXT NOT NULL,
    user_id TEXT NOT NULL REFERENCES users(id),
    action TEXT NOT NULL,
    lead_id TEXT REFERENCES leads(id),
    detail TEXT NOT NULL DEFAULT '{}'
  );
  CREATE INDEX audit_by_lead ON audit (lead_id);
  CREATE TABLE idempotency_keys (
    user_id TEXT NOT NULL REFERENCES users(id),
    key TEXT NOT NULL,
    request TEXT NOT NULL,
    status INTEGER NOT NULL,
    body TEXT NOT NULL,
    created_at TEXT NOT NULL,
    PRIMARY KEY (user_id, key)
  );
  CREATE TABLE plugins (
    id TEXT PRIMARY KEY,
    manifest_url TEXT NOT NULL,
    manifest TEXT,
    config TEXT NOT NULL DEFAULT '{}',
    position INTEGER NOT NULL,
    installed_at TEXT NOT NULL
  );
  `,
  // 2: idempotency records in one B-tree keyed by (user, key): one page less to write per reject
  `
  CREATE TABLE idempotency_keys_v2 (
    user_id TEXT NOT NULL REFERENCES users(id),
    key TEXT NOT NULL,
    request TEXT NOT NULL,
    status INTEGER NOT NULL,
    body TEXT NOT NULL,
    created_at TEXT NOT NULL,
    PRIMARY KEY (user_id, key)
  ) WITHOUT ROWID;
  INSERT INTO idempotency_keys_v2 SELECT user_id, key, request, status, body, created_at FROM idempotency_keys;
  DROP TABLE idempotency_keys;
  ALTER TABLE idempotency_keys_v2 RENAME TO idempotency_keys;
  `,
  // 3: back to a rowid table with a unique index: the stored answers are ~1 KB, too big for a
  // WITHOUT ROWID B-tree (random inserts split its pages); appended rows plus a small index write less
  `
  CREATE TABLE idempotency_keys_v3 (
    user_id TEXT NOT NULL REFERENCES users(id),
    key TEXT NOT NULL,
    request TEXT NOT NULL,
    status INTEGER NOT NULL,
    body TEXT NOT NULL,
    created_at TEXT NOT NULL
  );
  INSERT INTO idempotency_keys_v3 SELECT user_id, key, request, status, body, created_at FROM idempotency_keys;
  DROP TABLE idempotency_keys;
  ALTER TABLE idempotency_keys_v3 RENAME TO idempotency_keys;
  CREATE UNIQUE INDEX idempotency_keys_by_user_key ON idempotency_keys (user_id, key);
  `,
  // 4: no secondary indexes on leads.status and audit.lead_id: each reject wrote three more pages
  // for them (a third of its WAL frames), and the lists they serve stay small in a dev host
  `
  DROP INDEX leads_by_status;
  DROP INDEX audit_by_lead;
  `,
  // 5: the answer an Idempotency-Key replays is kept on the audit row of the change (appended anyway);
  // the key table only maps (user, key) to it: small rows, one page per reject less. Records from
  // before this migration are dropped (a retry of such an old request is simply refused or applied).
  `
  ALTER TABLE audit ADD COLUMN response TEXT;
  DROP TABLE idempotency_keys;
  CREATE TABLE idempotency_keys (
    user_id TEXT NOT NULL REFERENCES users(id),
    key TEXT NOT NULL,
    request TEXT NOT NULL,
    status INTEGER NOT NULL,
    audit_id INTEGER NOT NULL REFERENCES audit(id),
    created_at TEXT NOT NULL,
    PRIMARY KEY (user_id, key)
  ) WITHOUT ROWID;
  `,
  // 6: the Idempotency-Key and the request fingerprint live on the audit row of the change too; the
  // store looks keys up in memory (loaded from these rows at start), so a reject no longer writes a
  // page of a B-tree keyed by random keys (about 1.8 of its 5.1 WAL frames)
  `
  ALTER TABLE audit ADD COLUMN idempotency_key TEXT;
  ALTER TABLE audit ADD COLUMN request TEXT;
  UPDATE audit SET idempotency_key = i.key, request = i.request
    FROM idempotency_keys i WHERE i.audit_id = audit.id AND i.user_id = audit.user_id;
  DROP TABLE idempotency_keys;
  `,
  // 7: Idempotency-Keys are looked up in the store, not held in memory: every process on the file
  // sees every key, and a process's memory no longer grows with each keyed reject. A partial index:
  // only the audit rows that carry a key are in it.
  `
  CREATE INDEX audit_by_idempotency_key ON audit (user_id, idempotency_key)
    WHERE idempotency_key IS NOT NULL;
  `,
  // 8: roles hold the privileges (users only name their role); plugins are installed from stored
  // packages (every version's files kept as uploaded) with enabled, trust and consent, no longer
  // from a manifest URL (installs from a URL are dropped: the dev host seeds its plugin again);
  // audit rows name the plugin they concern; a rejection keeps how the owner was reassigned.
  `
  CREATE TABLE roles (
    id TEXT PRIMARY KEY,
    name_en TEXT NOT NULL,
    name_de TEXT NOT NULL,
    privileges TEXT NOT NULL,
    position INTEGER NOT NULL
  );
  INSERT INTO roles (id, name_en, name_de, privileges, position) VALUES
    ('administrator', 'Administrator', 'Administrator',
     '["leads.read","leads.reject","leads.qualify","leads.convert","leads.archive","assignment.manage","plugins.manage"]', 0),
    ('sales-manager', 'Sales Manager', 'Vertriebsleiter',
     '["leads.read","leads.reject","leads.qualify","leads.convert","leads.archive"]', 1),
    ('sales-rep', 'Sales Rep', 'Vertriebsmitarbeiter',
     '["leads.read","leads.reject","leads.qualify","leads.convert"]', 2),
    ('marketing', 'Marketing', 'Marketing', '["leads.read","leads.qualify","leads.archive"]', 3);
  ALTER TABLE users ADD COLUMN role_id TEXT REFERENCES roles(id);
  UPDATE users SET role_id = (SELECT id FROM roles WHERE name_en = users.role);
  UPDATE users SET role_id = 'sales-rep' WHERE role_id IS NULL;
  DROP TABLE plugins;
  CREATE TABLE plugins (
    id TEXT PRIMARY KEY,
    version TEXT NOT NULL,
    enabled INTEGER NOT NULL,
    trusted INTEGER NOT NULL,
    config TEXT NOT NULL,
    accepted_permissions TEXT NOT NULL,
    previous_version TEXT,
    position INTEGER NOT NULL,
    installed_at TEXT NOT NULL
  );
  CREATE TABLE plugin_packages (
    plugin_id TEXT NOT NULL,
    version TEXT NOT NULL,
    manifest TEXT NOT NULL,
    integrity TEXT NOT NULL,
    digest TEXT NOT NULL,
    size INTEGER NOT NULL,
    files TEXT NOT NULL,
    uploaded_at TEXT NOT NULL,
    uploaded_by TEXT,
    PRIMARY KEY (plugin_id, version)
  );
  CREATE TABLE plugin_files (
    plugin_id TEXT NOT NULL,
    version TEXT NOT NULL,
    path TEXT NOT NULL,
    bytes BLOB NOT NULL,
    PRIMARY KEY (plugin_id, version, path),
    FOREIGN KEY (plugin_id, version) REFERENCES plugin_packages (plugin_id, version) ON DELETE CASCADE
  );
  ALTER TABLE audit ADD COLUMN plugin_id TEXT;
  ALTER TABLE leads ADD COLUMN reject_assignment TEXT;
  `,
  // 9: sessions of pages (the HttpOnly cookie) and plugins (their short-lived credentials), kept by
  // the SHA-256 of their token, so every process on the file signs the same sessions in
  `
  CREATE TABLE sessions (
    token_hash TEXT PRIMARY KEY,
    user_id TEXT NOT NULL REFERENCES users(id),
    kind TEXT NOT NULL CHECK (kind IN ('page', 'plugin')),
    plugin_id TEXT,
    scopes TEXT NOT NULL,
    expires_at TEXT NOT NULL
  ) WITHOUT ROWID;
  `,
];
