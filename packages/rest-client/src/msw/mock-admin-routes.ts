import {configDefaults, validateManifest} from '@crmkit/sdk';
import type {AssignmentOutcome, Lead, LeadSettings, PluginManifest} from '@crmkit/sdk';
import {DEMO_UNASSIGNED_OWNER} from '@crmkit/host-core';
import type {DemoRejectCode, DemoUser} from '@crmkit/host-core';
import type {AuditEntry, InstallPluginRequest, InstalledPlugin} from '../rest-admin-api.js';
import {checkPluginConfig} from './check-plugin-config.js';
import {findingToFieldError} from './mock-host-runtime.js';
import {MockProblem} from './mock-problem.js';
import type {MockRequest, MockRoute} from './mock-route.js';

function audit(
  {runtime, user}: MockRequest,
  action: string,
  leadId: string | null,
  data: Record<string, unknown>,
): void {
  const {audit} = runtime.state;
  audit.push({
    id: audit.length + 1,
    at: runtime.now().toISOString(),
    actor: {id: user.id, name: user.name},
    action,
    leadId,
    data,
  });
}

/** The admin routes of the mock host, in memory. */
export const MOCK_ADMIN_ROUTES: Readonly<Record<string, MockRoute>> = {
  getAdminLeadSettings: ({runtime}) => ({
    status: 200,
    body: {ownershipMode: runtime.state.ownershipMode},
  }),

  putAdminLeadSettings: (request) => {
    const {ownershipMode} = request.body as LeadSettings;
    const from = request.runtime.state.ownershipMode;
    request.runtime.state.ownershipMode = ownershipMode;
    audit(request, 'lead-settings.updated', null, {from, to: ownershipMode});
    return {status: 200, body: {ownershipMode}};
  },

  getAdminRejectCodes: ({runtime}) => ({
    status: 200,
    body: structuredClone(runtime.state.rejectCodes),
  }),

  putAdminRejectCodes: (request) => {
    const {runtime, locale} = request;
    const de = locale === 'de';
    const codes = (request.body as DemoRejectCode[]).map((c) => ({
      key: c.key,
      labels: Object.fromEntries(
        Object.entries(c.labels).map(([l, text]) => [l, text.trim()]),
      ) as DemoRejectCode['labels'],
      active: c.active,
    }));
    const errors = [];
    const seen = new Set<string>();
    for (const [i, code] of codes.entries()) {
      if (seen.has(code.key)) {
        errors.push({
          field: `/${i}/key`,
          code: 'duplicate-key',
          message: de
            ? `Der Schlüssel ${code.key} kommt mehrfach vor; jeder Schlüssel darf nur einmal vorkommen.`
            : `The key ${code.key} appears more than once; each key may appear only once.`,
        });
      }
      seen.add(code.key);
    }
    for (const old of runtime.state.rejectCodes) {
      if (!seen.has(old.key)) {
        errors.push({
          field: '',
          code: 'reject-code-removed',
          message: de
            ? `Der Code ${old.key} fehlt. Codes werden nie gelöscht, weil zurückgewiesene Leads sie behalten: setzen Sie "active": false.`
            : `The code ${old.key} is missing. Codes are never deleted because rejected leads keep them: set "active": false instead.`,
        });
      }
    }
    if (errors.length) throw new MockProblem('invalid-reject-codes', {locale, errors});
    runtime.state.rejectCodes = codes;
    audit(request, 'reject-codes.updated', null, {keys: codes.map((c) => c.key)});
    return {status: 200, body: structuredClone(codes)};
  },

  getAssignmentRules: ({runtime}) => ({status: 200, body: structuredClone(runtime.state.ruleset)}),

  putAssignmentRules: (request) => {
    const {runtime, locale, rawBody} = request;
    const findings = runtime.lintRuleset?.(rawBody) ?? [];
    const errors = findings.filter((f) => f.severity === 'error').map(findingToFieldError);
    if (errors.length) throw new MockProblem('invalid-ruleset', {locale, errors});
    const ruleset = request.body as Record<string, unknown>;
    runtime.state.ruleset = structuredClone(ruleset);
    const rules = Array.isArray(ruleset.rules) ? ruleset.rules : [];
    audit(request, 'assignment-rules.activated', null, {
      rules: rules.map((r: {name?: unknown}) => r?.name),
      unassignedOwner: ruleset.unassignedOwner,
    });
    return {
      status: 200,
      body: {
        ruleset,
        warnings: findings.filter((f) => f.severity === 'warning').map(findingToFieldError),
      },
    };
  },

  getAssignmentStats: async ({runtime}) => {
    const {state} = runtime;
    const rules: unknown[] = Array.isArray(state.ruleset.rules) ? state.ruleset.rules : [];
    const counts = new Map<string, number>();
    for (const rule of rules) {
      const name = (rule as {name?: unknown})?.name;
      if (typeof name === 'string') counts.set(name, 0);
    }
    let unassignedOwner = 0;
    const context = {
      ruleset: structuredClone(state.ruleset),
      ownershipMode: state.ownershipMode === 'book' ? ('mixed' as const) : state.ownershipMode,
      users: state.users as readonly DemoUser[],
      unassignedOwner:
        typeof state.ruleset.unassignedOwner === 'string'
          ? state.ruleset.unassignedOwner
          : DEMO_UNASSIGNED_OWNER,
    };
    for (const lead of state.leads.values()) {
      const asRejected: Lead = {...structuredClone(lead), status: 'Rejected'};
      const decision: AssignmentOutcome = await runtime.assign(asRejected, context);
      if (decision.rule === null) unassignedOwner++;
      else counts.set(decision.rule, (counts.get(decision.rule) ?? 0) + 1);
    }
    return {
      status: 200,
      body: {
        rules: [...counts].map(([name, matched]) => ({name, matched})),
        unassignedOwner,
        total: state.leads.size,
      },
    };
  },

  listInstalledPlugins: ({runtime}) => ({
    status: 200,
    body: structuredClone(runtime.state.plugins),
  }),

  installPlugin: (request) => {
    const {runtime, locale} = request;
    const input = request.body as InstallPluginRequest;
    const result = validateManifest(input.manifest);
    const issues = result.issues.filter((i) => i.severity === 'error');
    if (!result.valid || !result.manifest || issues.length) {
      throw new MockProblem('invalid-manifest', {
        locale,
        errors: issues.map((i) => ({
          field: `/manifest${i.pointer}`,
          code: i.code,
          message: i.hint ? `${i.message} ${i.hint}` : i.message,
        })),
      });
    }
    const manifest: PluginManifest = result.manifest;
    const config = {...configDefaults(manifest), ...input.config};
    const errors = checkPluginConfig(manifest.config, config, locale);
    if (errors.length) throw new MockProblem('invalid-plugin-config', {locale, errors});
    const plugin: InstalledPlugin = {
      id: manifest.id,
      manifestUrl: input.manifestUrl,
      manifest: structuredClone(input.manifest),
      config,
      installedAt: runtime.now().toISOString(),
    };
    const index = runtime.state.plugins.findIndex((p) => p.id === plugin.id);
    if (index >= 0) runtime.state.plugins[index] = plugin;
    else runtime.state.plugins.push(plugin);
    audit(request, 'plugin.installed', null, {id: plugin.id, version: manifest.version});
    return {status: index >= 0 ? 200 : 201, body: structuredClone(plugin)};
  },

  uninstallPlugin: (request) => {
    const {runtime, locale, params} = request;
    const index = runtime.state.plugins.findIndex((p) => p.id === params.pluginId);
    if (index < 0) {
      throw new MockProblem('plugin-not-found', {locale, params: {pluginId: params.pluginId}});
    }
    runtime.state.plugins.splice(index, 1);
    audit(request, 'plugin.uninstalled', null, {id: params.pluginId});
    return {status: 204};
  },

  listAudit: ({runtime, query}) => {
    const leadId = query.get('leadId');
    const limit = Number(query.get('limit') ?? 100);
    const rows: AuditEntry[] = runtime.state.audit
      .filter((row) => !leadId || row.leadId === leadId)
      .reverse()
      .slice(0, limit);
    return {status: 200, body: structuredClone(rows)};
  },
};
