import {checkPluginConfig, configDefaults, validateManifest} from '@crmkit/sdk';
import type {PluginManifest} from '@crmkit/sdk';
import type {HostStore} from '../store/host-store.js';
import {bilingualFieldErrors} from '../http/bilingual-field-errors.js';
import {HostProblem} from '../http/host-problem.js';
import type {Route} from '../http/route.js';
import {AUDIT_ACTIONS} from '../texts/audit-actions.js';
import {sameInBoth} from '../texts/bilingual.js';
import {hostText} from '../texts/host-texts.js';

interface InstallPluginRequest {
  manifestUrl: string;
  manifest: unknown;
  config?: Record<string, unknown>;
}

/** The routes of installed plugins: what pages load, and the admin's list, install and uninstall. */
export function pluginRoutes(store: HostStore): Route[] {
  const installed = (id: string) => store.plugins().find((p) => p.id === id);
  return [
    {
      method: 'GET',
      path: '/api/plugins',
      privilege: null,
      handle: () => ({
        status: 200,
        body: store
          .plugins()
          .map((p) => ({id: p.id, manifestUrl: p.manifestUrl, config: p.config})),
      }),
    },
    {
      method: 'GET',
      path: '/api/admin/plugins',
      privilege: 'plugins.manage',
      handle: () => ({status: 200, body: store.plugins()}),
    },
    {
      method: 'POST',
      path: '/api/admin/plugins',
      privilege: 'plugins.manage',
      body: true,
      handle: ({body, user}) => {
        const request = body as InstallPluginRequest;
        const result = validateManifest(request.manifest);
        const errors = result.issues.filter((i) => i.severity === 'error');
        if (!result.valid || !result.manifest) {
          throw new HostProblem(
            'invalid-manifest',
            hostText('plugins.manifest-invalid', {count: errors.length}),
            {
              errors: errors.map((i) => ({
                field: `/manifest${i.pointer}`,
                code: i.code,
                // The manifest validator writes its issues in English only.
                message: sameInBoth(`${i.message} ${i.hint}`),
              })),
            },
          );
        }
        const manifest: PluginManifest = result.manifest;
        const config = {...configDefaults(manifest), ...(request.config ?? {})};
        // The sdk's one config checker: what the admin page checks before saving is what is refused here.
        const configErrors = bilingualFieldErrors((language) =>
          checkPluginConfig(manifest, config, language),
        );
        if (configErrors.length) {
          throw new HostProblem(
            'invalid-plugin-config',
            hostText('plugins.config-invalid', {pluginId: manifest.id}),
            {errors: configErrors},
          );
        }
        const existed = installed(manifest.id) !== undefined;
        store.transaction(() => {
          store.installPlugin({
            id: manifest.id,
            manifestUrl: request.manifestUrl,
            manifest,
            config,
          });
          store.audit(user.id, AUDIT_ACTIONS.pluginInstalled, null, {
            id: manifest.id,
            version: manifest.version,
            manifestUrl: request.manifestUrl,
            replaced: existed,
          });
        });
        return {status: existed ? 200 : 201, body: installed(manifest.id)};
      },
    },
    {
      method: 'DELETE',
      path: '/api/admin/plugins/{pluginId}',
      privilege: 'plugins.manage',
      handle: ({params, user}) => {
        const id = params.pluginId!;
        if (!installed(id)) {
          throw new HostProblem('plugin-not-found', hostText('plugins.not-found', {pluginId: id}));
        }
        store.transaction(() => {
          store.uninstallPlugin(id);
          store.audit(user.id, AUDIT_ACTIONS.pluginUninstalled, null, {id});
        });
        return {status: 204};
      },
    },
  ];
}
