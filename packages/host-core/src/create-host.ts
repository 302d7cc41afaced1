import type {HostStore} from './store/host-store.js';
import {createHostHandler} from './http/create-host-handler.js';
import type {ResponseCheck} from './http/create-host-handler.js';
import type {HostRequest, HostResponse} from './http/host-request.js';
import {ActiveRuleset} from './routes/active-ruleset.js';
import {adminRoutes} from './routes/admin-routes.js';
import {assignmentRuleRoutes} from './routes/assignment-rule-routes.js';
import {createRejectLead} from './routes/create-reject-lead.js';
import {leadRoutes} from './routes/lead-routes.js';
import {pluginRoutes} from './routes/plugin-routes.js';
import {roleRoutes} from './routes/role-routes.js';
import {servePluginFile} from './routes/serve-plugin-file.js';
import {sessionRoutes} from './routes/session-routes.js';
import type {RejectFaults} from './routes/reject-lead-transaction.js';

export interface HostOptions {
  store: HostStore;
  /** Where the host writes its log lines (server errors, contract mismatches). */
  log?: (line: string) => void;
  /** Checks every answer against the contract too (see `createHostHandler`). */
  checkResponse?: ResponseCheck;
  /** Test seams inside the reject transaction (to prove rollback). */
  faults?: RejectFaults;
}

export interface Host {
  /** Answers one `/api/` request, or a `/plugins/{id}/{version}/…` file of a stored package. */
  handle(request: HostRequest): Promise<HostResponse>;
  /** The active assignment ruleset, compiled (reload it after the store was reseeded). */
  readonly rules: ActiveRuleset;
}

/**
 * The crmkit host over a store: every route of the contract, with the same checks, decisions and
 * texts in every environment. An environment adapts its requests to `HostRequest` and picks the store.
 */
export function createHost(options: HostOptions): Host {
  const {store, log = () => {}} = options;
  const rules = new ActiveRuleset(store, log);
  const rejectLead = createRejectLead(store, rules, options.faults);
  const handle = createHostHandler({
    store,
    routes: [
      ...leadRoutes(store, rejectLead),
      ...adminRoutes(store),
      ...assignmentRuleRoutes(rules, store),
      ...pluginRoutes(store),
      ...roleRoutes(store),
      ...sessionRoutes(store),
    ],
    log,
    afterRefresh: () => rules.current(),
    ...(options.checkResponse ? {checkResponse: options.checkResponse} : {}),
  });
  return {
    handle: (request) => {
      if (!request.pathname.startsWith('/plugins/')) return handle(request);
      return (async () => {
        await store.refresh?.();
        return servePluginFile(store, request);
      })();
    },
    rules,
  };
}
