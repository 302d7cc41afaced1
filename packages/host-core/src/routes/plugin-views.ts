import rcompare from 'semver/functions/rcompare.js';
import gt from 'semver/functions/gt.js';
import type {PluginManifest, Privilege} from '@crmkit/sdk';
import type {HostStore, PluginPackageRecord, PluginRecord} from '../store/host-store.js';

/** A stored version as the admin sees it. */
export interface PluginVersionView {
  version: string;
  permissions: Privilege[];
  integrity: string;
  size: number;
  uploadedAt: string;
}

/** An installed plugin as the admin page and `GET /api/admin/plugins` show it. */
export interface AdminPluginView {
  id: string;
  version: string;
  enabled: boolean;
  trusted: boolean;
  config: Record<string, unknown>;
  manifest: Record<string, unknown>;
  permissions: Privilege[];
  acceptedPermissions: Privilege[];
  integrity: string;
  size: number;
  installedAt: string;
  previousVersion: string | null;
  versions: PluginVersionView[];
  upgrade: {version: string; permissions: Privilege[]; addedPermissions: Privilege[]} | null;
}

/** An enabled plugin as pages load it (`GET /api/plugins`): only what the host stored. */
export interface PagePluginView {
  id: string;
  version: string;
  manifest: Record<string, unknown>;
  baseUrl: string;
  entryUrl: string;
  integrity: string;
  config: Record<string, unknown>;
  isolation: 'frame' | 'page';
}

export const permissionsOf = (pkg: PluginPackageRecord): Privilege[] => [
  ...((pkg.manifest as unknown as PluginManifest).permissions ?? []),
];

/** The stored versions of a plugin, newest first. */
export async function storedVersions(store: HostStore, id: string): Promise<PluginPackageRecord[]> {
  return (await store.pluginPackages(id)).sort((a, b) => rcompare(a.version, b.version));
}

/** Where a stored version's files are served (the segments encoded: ids and versions are plain). */
export const pluginBaseUrl = (id: string, version: string): string =>
  `/plugins/${encodeURIComponent(id)}/${encodeURIComponent(version)}/`;

export async function adminView(store: HostStore, plugin: PluginRecord): Promise<AdminPluginView> {
  const versions = await storedVersions(store, plugin.id);
  const current = versions.find((v) => v.version === plugin.version);
  if (!current) throw new Error(`plugin ${plugin.id} runs ${plugin.version}, which is not stored`);
  const permissions = permissionsOf(current);
  const newest = versions[0]!;
  const granted = new Set([...permissions, ...plugin.acceptedPermissions]);
  return {
    id: plugin.id,
    version: plugin.version,
    enabled: plugin.enabled,
    trusted: plugin.trusted,
    config: plugin.config,
    manifest: current.manifest,
    permissions,
    acceptedPermissions: plugin.acceptedPermissions,
    integrity: current.integrity,
    size: current.size,
    installedAt: plugin.installedAt,
    previousVersion: plugin.previousVersion,
    versions: versions.map((v) => ({
      version: v.version,
      permissions: permissionsOf(v),
      integrity: v.integrity,
      size: v.size,
      uploadedAt: v.uploadedAt,
    })),
    upgrade: gt(newest.version, plugin.version)
      ? {
          version: newest.version,
          permissions: permissionsOf(newest),
          addedPermissions: permissionsOf(newest).filter((p) => !granted.has(p)),
        }
      : null,
  };
}

export async function pageView(
  store: HostStore,
  plugin: PluginRecord,
): Promise<PagePluginView | undefined> {
  const current = (await store.pluginPackages(plugin.id)).find((v) => v.version === plugin.version);
  if (!current) return undefined;
  const manifest = current.manifest as unknown as PluginManifest;
  const baseUrl = pluginBaseUrl(plugin.id, plugin.version);
  return {
    id: plugin.id,
    version: plugin.version,
    manifest: current.manifest,
    baseUrl,
    entryUrl: `${baseUrl}${manifest.entry.replace(/^\.\//, '')}`,
    integrity: current.integrity,
    config: plugin.config,
    isolation: plugin.trusted ? 'page' : 'frame',
  };
}
