// The rows of the dev host's schema as both stores read them (SQLite and PostgreSQL share the schema,
// migrations.ts), and the records of host-core made of them: one mapping, whichever engine read it.
import type {
  AuditRecord,
  PluginPackageRecord,
  PluginRecord,
  RejectCodeRecord,
  RoleRecord,
  RulesetVersionRecord,
  SessionRecord,
  UserRecord,
} from '@crmkit/host-core';
import type {Privilege} from '@crmkit/sdk';

export interface UserRow {
  id: string;
  name: string;
  role_id: string;
  locale: string;
  manager_id: string | null;
  active: number;
  token: string | null;
}

export interface RoleRow {
  id: string;
  name_en: string;
  name_de: string;
  privileges: string;
}

export interface PluginRow {
  id: string;
  version: string;
  enabled: number;
  trusted: number;
  config: string;
  accepted_permissions: string;
  previous_version: string | null;
  installed_at: string;
}

export interface PluginPackageRow {
  plugin_id: string;
  version: string;
  manifest: string;
  integrity: string;
  digest: string;
  size: number;
  files: string;
  uploaded_at: string;
  uploaded_by: string | null;
}

export interface RejectCodeRow {
  key: string;
  active: number;
  labels: string;
}

export interface AuditRow {
  id: number;
  at: string;
  user_id: string;
  action: string;
  lead_id: string | null;
  plugin_id: string | null;
  detail: string;
}

export interface RulesetRow {
  id: number;
  body: string;
  active: number;
  created_by: string | null;
  created_at: string;
}

export interface SessionRow {
  token_hash: string;
  user_id: string;
  kind: 'page' | 'plugin';
  plugin_id: string | null;
  scopes: string;
  expires_at: string;
}

export const roleOf = (row: RoleRow): RoleRecord => ({
  id: row.id,
  name: {en: row.name_en, de: row.name_de},
  privileges: JSON.parse(row.privileges) as Privilege[],
});

export const rejectCodeOf = (row: RejectCodeRow): RejectCodeRecord => ({
  key: row.key,
  active: row.active === 1,
  labels: JSON.parse(row.labels) as RejectCodeRecord['labels'],
});

/** Users with their roles' privileges (none for an unknown role), by id and by API token. */
export function usersOf(
  roleRows: readonly RoleRow[],
  userRows: readonly UserRow[],
): {users: Map<string, UserRecord>; tokens: Map<string, UserRecord>} {
  const roles = new Map(roleRows.map((row) => [row.id, roleOf(row)]));
  const users = new Map<string, UserRecord>();
  const tokens = new Map<string, UserRecord>();
  for (const row of userRows) {
    const role = roles.get(row.role_id);
    const user: UserRecord = {
      id: row.id,
      name: row.name,
      roleId: row.role_id,
      role: role?.name.en ?? row.role_id,
      roleName: role?.name ?? {en: row.role_id, de: row.role_id},
      locale: row.locale,
      managerId: row.manager_id,
      active: row.active === 1,
      token: row.token,
      privileges: new Set(role?.privileges ?? []),
    };
    users.set(user.id, user);
    if (user.token) tokens.set(user.token, user);
  }
  return {users, tokens};
}

export const pluginOf = (row: PluginRow): PluginRecord => ({
  id: row.id,
  version: row.version,
  enabled: row.enabled === 1,
  trusted: row.trusted === 1,
  config: JSON.parse(row.config) as Record<string, unknown>,
  acceptedPermissions: JSON.parse(row.accepted_permissions) as Privilege[],
  previousVersion: row.previous_version,
  installedAt: row.installed_at,
});

export const pluginPackageOf = (row: PluginPackageRow): PluginPackageRecord => ({
  id: row.plugin_id,
  version: row.version,
  manifest: JSON.parse(row.manifest) as Record<string, unknown>,
  integrity: row.integrity,
  digest: row.digest,
  size: row.size,
  files: JSON.parse(row.files) as PluginPackageRecord['files'],
  uploadedAt: row.uploaded_at,
  uploadedBy: row.uploaded_by,
});

export const auditOf = (row: AuditRow): AuditRecord => ({
  id: row.id,
  at: row.at,
  userId: row.user_id,
  action: row.action,
  leadId: row.lead_id,
  pluginId: row.plugin_id,
  detail: JSON.parse(row.detail) as unknown,
});

export const rulesetVersionOf = (row: RulesetRow): RulesetVersionRecord => ({
  id: row.id,
  body: row.body,
  active: row.active === 1,
  createdBy: row.created_by,
  createdAt: row.created_at,
});

export const sessionOf = (row: SessionRow): SessionRecord => ({
  tokenHash: row.token_hash,
  userId: row.user_id,
  kind: row.kind,
  pluginId: row.plugin_id,
  scopes: JSON.parse(row.scopes) as Privilege[],
  expiresAt: row.expires_at,
});
