import {checkPluginConfig, configDefaults} from '@crmkit/sdk';
import type {PluginManifest, Privilege} from '@crmkit/sdk';
import type {HostStore, PluginRecord} from '../store/host-store.js';
import {bilingualFieldErrors} from '../http/bilingual-field-errors.js';
import {HostProblem} from '../http/host-problem.js';
import type {Route} from '../http/route.js';
import {PackageRefusal} from '../packages/package-refusal.js';
import {
  MAX_PACKAGE_BYTES,
  MAX_UNPACKED_BYTES,
  PackageManifestInvalid,
  readPluginPackage,
} from '../packages/read-plugin-package.js';
import type {PluginPackage} from '../packages/read-plugin-package.js';
import {AUDIT_ACTIONS} from '../texts/audit-actions.js';
import {sameInBoth} from '../texts/bilingual.js';
import {hostText} from '../texts/host-texts.js';
import {adminView, pageView, storedVersions} from './plugin-views.js';

interface PluginChanges {
  enabled?: boolean;
  version?: string;
  config?: Record<string, unknown>;
  trusted?: boolean;
  acceptPermissions?: Privilege[];
}

/** Content types a package may come as (gzip's registered one, and the older x- name). */
const PACKAGE_TYPES = new Set(['application/gzip', 'application/x-gzip']);

const sameSet = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && new Set(a).size === new Set([...a, ...b]).size;

/** 422 `invalid-plugin-package` for one refusal, naming the file of the package it is about. */
function packageProblem(refusal: PackageRefusal): HostProblem {
  const path = refusal.path;
  const message = (() => {
    switch (refusal.code) {
      case 'too-large':
        return hostText('package.too-large.field', {
          limit: path === '' ? MAX_PACKAGE_BYTES : MAX_UNPACKED_BYTES,
        });
      case 'not-gzip':
        return hostText('package.not-gzip.field');
      case 'not-tar':
        return hostText('package.not-tar.field');
      case 'manifest-missing':
        return hostText('package.manifest-missing.field');
      case 'integrity-missing':
        return hostText('package.integrity-missing.field');
      case 'link':
        return hostText('package.link.field', {path});
      case 'special-file':
        return hostText('package.special-file.field', {path});
      case 'path-outside':
        return hostText('package.path-outside.field', {path});
      case 'duplicate-file':
        return hostText('package.duplicate-file.field', {path});
      case 'entry-missing':
        return hostText('package.entry-missing.field', {path});
      case 'integrity-mismatch':
        return hostText('package.integrity-mismatch.field', {path});
    }
  })();
  return new HostProblem('invalid-plugin-package', hostText('plugins.package-refused'), {
    errors: [{field: path, code: refusal.code, message}],
  });
}

/** The package of a request, read and checked; every refusal a HostProblem. */
async function readUpload(
  readBytes: (limit: number) => Promise<Uint8Array>,
): Promise<PluginPackage> {
  let bytes: Uint8Array;
  try {
    bytes = await readBytes(MAX_PACKAGE_BYTES);
  } catch (error) {
    // Over the limit is a refusal of the package (422, naming it), not only of the request size.
    if (error instanceof HostProblem && error.code === 'payload-too-large') {
      throw packageProblem(new PackageRefusal('too-large'));
    }
    throw error;
  }
  try {
    return await readPluginPackage(bytes);
  } catch (error) {
    if (error instanceof PackageRefusal) throw packageProblem(error);
    if (error instanceof PackageManifestInvalid) {
      throw new HostProblem(
        'invalid-manifest',
        hostText('plugins.manifest-invalid', {count: error.issues.length}),
        {
          errors: error.issues.map((i) => ({
            field: `/plugin.json${i.pointer}`,
            code: i.code,
            // The manifest validator writes its issues in English only.
            message: sameInBoth(`${i.message} ${i.hint}`),
          })),
        },
      );
    }
    throw error;
  }
}

/** The config values a version keeps from `before`: those its schema accepts, over its defaults. */
function carriedConfig(manifest: PluginManifest, before: Record<string, unknown>) {
  const config = {...configDefaults(manifest), ...before};
  return checkPluginConfig(manifest, config, 'en').length === 0 ? config : configDefaults(manifest);
}

/**
 * The routes of plugins: what pages load (the enabled plugins' stored manifests), and the admin's
 * upload, list, enable/disable, upgrade/roll back (with consent to added permissions), config,
 * trust and uninstall.
 */
export function pluginRoutes(store: HostStore): Route[] {
  const installed = async (id: string) => (await store.plugins()).find((p) => p.id === id);
  const manifestOf = async (id: string, version: string) =>
    (await store.pluginPackages(id)).find((v) => v.version === version)?.manifest as unknown as
      PluginManifest | undefined;
  return [
    {
      method: 'GET',
      path: '/api/plugins',
      privilege: null,
      handle: async () => {
        const enabled = (await store.plugins()).filter((p) => p.enabled);
        const views = await Promise.all(enabled.map((p) => pageView(store, p)));
        return {status: 200, body: views.flatMap((v) => v ?? [])};
      },
    },
    {
      method: 'GET',
      path: '/api/admin/plugins',
      privilege: 'plugins.manage',
      handle: async () => ({
        status: 200,
        body: await Promise.all((await store.plugins()).map((p) => adminView(store, p))),
      }),
    },
    {
      method: 'POST',
      path: '/api/admin/plugins',
      privilege: 'plugins.manage',
      bytes: true,
      checkHeaders: (header) => {
        const type = (header('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
        if (!PACKAGE_TYPES.has(type)) {
          throw new HostProblem('unsupported-media-type', hostText('plugins.package-type', {type}));
        }
      },
      handle: async ({readBytes, user}) => {
        const pkg = await readUpload(readBytes);
        const {manifest} = pkg;
        // Checked and stored in one transaction: the same version uploaded twice at once (on
        // another node too) is stored once; the other answers as for the same bytes again, or 409.
        return store.transaction(async () => {
          const stored = (await store.pluginPackages(manifest.id)).find(
            (v) => v.version === manifest.version,
          );
          if (stored && stored.digest !== pkg.digest) {
            throw new HostProblem(
              'plugin-version-exists',
              hostText('plugins.version-exists', {
                pluginId: manifest.id,
                version: manifest.version,
              }),
              {members: {pluginId: manifest.id}},
            );
          }
          const answer = async (status: number) => {
            const plugin = (await installed(manifest.id))!;
            return {
              status,
              body: {
                id: manifest.id,
                version: manifest.version,
                enabled: plugin.enabled && plugin.version === manifest.version,
                permissions: [...manifest.permissions],
                integrity: pkg.integrity,
                size: pkg.size,
                files: [...pkg.files].map(([path, bytes]) => ({path, size: bytes.length})),
                plugin: await adminView(store, plugin),
              },
            };
          };
          if (stored) return answer(200); // the same bytes again: nothing new
          const now = (store.now?.() ?? new Date()).toISOString();
          await store.storePluginPackage(
            {
              id: manifest.id,
              version: manifest.version,
              manifest: manifest as unknown as Record<string, unknown>,
              integrity: pkg.integrity,
              digest: pkg.digest,
              size: pkg.size,
              files: [...pkg.files].map(([path, bytes]) => ({path, size: bytes.length})),
              uploadedAt: now,
              uploadedBy: user.id,
            },
            pkg.files,
          );
          const existing = await installed(manifest.id);
          // A new plugin is installed disabled: it runs only once an admin consents by enabling
          // it. Another version of an installed one is only stored: what runs does not change.
          if (!existing) {
            await store.savePlugin({
              id: manifest.id,
              version: manifest.version,
              enabled: false,
              trusted: false,
              config: configDefaults(manifest),
              acceptedPermissions: [],
              previousVersion: null,
              installedAt: now,
            });
          }
          const data = {
            id: manifest.id,
            version: manifest.version,
            integrity: pkg.integrity,
            size: pkg.size,
            permissions: manifest.permissions,
          };
          if (existing) {
            await store.audit(
              user.id,
              AUDIT_ACTIONS.pluginUploaded,
              null,
              data,
              undefined,
              manifest.id,
            );
          } else {
            await store.audit(
              user.id,
              AUDIT_ACTIONS.pluginInstalled,
              null,
              data,
              undefined,
              manifest.id,
            );
          }
          return answer(201);
        });
      },
    },
    {
      method: 'PUT',
      path: '/api/admin/plugins/{pluginId}',
      privilege: 'plugins.manage',
      body: true,
      handle: async ({params, body, user}) => {
        const id = params.pluginId!;
        // Read, checked and written in one transaction: another admin's change of the plugin (on
        // another node too) cannot slip in between and be lost.
        return store.transaction(async () => {
          const before = await installed(id);
          if (!before) {
            throw new HostProblem(
              'plugin-not-found',
              hostText('plugins.not-found', {pluginId: id}),
            );
          }
          const changes = body as PluginChanges;
          const next: PluginRecord = structuredClone(before);
          if (changes.version !== undefined && changes.version !== before.version) {
            const manifest = await manifestOf(id, changes.version);
            if (!manifest) {
              throw new HostProblem(
                'unknown-plugin-version',
                hostText('plugins.version-unknown', {
                  pluginId: id,
                  version: changes.version,
                  stored: (await storedVersions(store, id)).map((v) => v.version).join(', '),
                }),
                {
                  errors: [
                    {
                      field: '/version',
                      code: 'unknown-plugin-version',
                      message: hostText('plugins.version-unknown.field', {
                        version: changes.version,
                      }),
                    },
                  ],
                },
              );
            }
            next.version = changes.version;
            next.previousVersion = before.version;
            next.config = carriedConfig(manifest, before.config);
          }
          if (changes.enabled !== undefined) next.enabled = changes.enabled;
          if (changes.trusted !== undefined) next.trusted = changes.trusted;
          const manifest = (await manifestOf(id, next.version))!;
          const permissions = [...manifest.permissions];
          const consenting = next.enabled && !before.enabled; // enabling is the admin's consent
          const added = permissions.filter((p) => !before.acceptedPermissions.includes(p));
          const accepts = changes.acceptPermissions;
          if (
            (accepts !== undefined && !sameSet(accepts, permissions)) ||
            (next.enabled && !consenting && added.length > 0 && accepts === undefined)
          ) {
            const missing = accepts ? permissions.filter((p) => !accepts.includes(p)) : added;
            throw new HostProblem(
              'permissions-not-accepted',
              hostText('plugins.permissions-not-accepted', {
                pluginId: id,
                version: next.version,
                added: (missing.length ? missing : added).join(', ') || '-',
                all: permissions.join(', ') || '[]',
              }),
              {members: {added: missing.length ? missing : added, pluginId: id}},
            );
          }
          if (consenting || accepts !== undefined) next.acceptedPermissions = permissions;
          if (changes.config !== undefined) {
            const config = {...configDefaults(manifest), ...changes.config};
            const errors = bilingualFieldErrors((language) =>
              checkPluginConfig(manifest, config, language),
            );
            if (errors.length) {
              throw new HostProblem(
                'invalid-plugin-config',
                hostText('plugins.config-invalid', {pluginId: id}),
                {errors},
              );
            }
            next.config = config;
          }
          await store.savePlugin(next);
          const about = (data: object) => [null, {id, ...data}, undefined, id] as const;
          if (next.version !== before.version) {
            await store.audit(
              user.id,
              AUDIT_ACTIONS.pluginVersionChanged,
              ...about({
                from: before.version,
                to: next.version,
                permissions,
                accepted: accepts !== undefined,
              }),
            );
          }
          if (consenting) {
            await store.audit(
              user.id,
              AUDIT_ACTIONS.pluginEnabled,
              ...about({version: next.version, permissions}),
            );
          }
          if (before.enabled && !next.enabled) {
            await store.audit(
              user.id,
              AUDIT_ACTIONS.pluginDisabled,
              ...about({version: next.version}),
            );
          }
          if (next.trusted !== before.trusted) {
            await store.audit(
              user.id,
              AUDIT_ACTIONS.pluginTrustChanged,
              ...about({trusted: next.trusted}),
            );
          }
          if (changes.config !== undefined) {
            await store.audit(
              user.id,
              AUDIT_ACTIONS.pluginConfigured,
              ...about({before: before.config, after: next.config}),
            );
          }
          return {status: 200, body: await adminView(store, (await installed(id))!)};
        });
      },
    },
    {
      method: 'DELETE',
      path: '/api/admin/plugins/{pluginId}',
      privilege: 'plugins.manage',
      handle: async ({params, user}) => {
        const id = params.pluginId!;
        return store.transaction(async () => {
          if (!(await installed(id))) {
            throw new HostProblem(
              'plugin-not-found',
              hostText('plugins.not-found', {pluginId: id}),
            );
          }
          const versions = (await storedVersions(store, id)).map((v) => v.version);
          await store.uninstallPlugin(id);
          await store.audit(
            user.id,
            AUDIT_ACTIONS.pluginUninstalled,
            null,
            {id, versions},
            undefined,
            id,
          );
          return {status: 204};
        });
      },
    },
  ];
}
