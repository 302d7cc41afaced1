import {configDefaults} from '../config/config-defaults.js';
import {
  HOST_API_PRIVILEGES,
  type CurrentUser,
  type GuardedHostCall,
  type HostApi,
} from '../contract/host-api.js';
import {LEAD_STATUSES, type RejectLeadInput, type RejectLeadOptions} from '../contract/lead.js';
import {isPrivilege, type Privilege} from '../contract/privileges.js';
import {InvalidArgumentError} from '../errors/invalid-argument-error.js';
import {PermissionDeniedError, type PermissionDenial} from '../errors/permission-denied-error.js';
import {deepFreeze} from '../internal/deep-freeze.js';
import {reportListenerError} from '../internal/report-listener-error.js';
import type {PluginManifest} from '../manifest/manifest.js';
import {pluginSideOf, type PluginChannel} from './plugin-channel.js';
import type {PluginContext, PluginNotification} from './plugin-context.js';

export interface GuardedContextOptions {
  /** The UI language; default: the user's locale. */
  locale?: string;
  /** The admin's settings for the plugin, laid over the manifest's config defaults. */
  config?: Record<string, unknown>;
  /** Called with every refused call, before the error is thrown (for an audit log). */
  onDenied?: (denial: PermissionDenial) => void;
  /** Called when the plugin asks for a message to be shown. */
  onNotify?: (notification: PluginNotification, pluginId: string) => void;
  /** The event channel between host and plugin; without one, `emit` goes nowhere and `on` hears nothing. */
  channel?: PluginChannel;
}

/** What a guarded method's `toString()` shows: its name, none of its source. */
const describeFunction = (name: string) => {
  const text = `function ${name}() { [crmkit guarded context] }`;
  return Object.freeze(() => text);
};

/**
 * A plain frozen function with the given name: no prototype (not constructible), and a `toString` that
 * shows nothing of the closure behind it.
 */
function opaque<A extends unknown[], R>(name: string, impl: (...args: A) => R): (...args: A) => R {
  const fn = (...args: A) => impl(...args);
  Object.defineProperty(fn, 'name', {value: name});
  Object.defineProperty(fn, 'toString', {value: describeFunction(name)});
  return Object.freeze(fn);
}

/** The shared prototype of every context: frozen, with no prototype of its own and nothing of a host. */
const contextPrototype: object = Object.freeze(
  Object.create(null, {
    [Symbol.toStringTag]: {value: 'PluginContext'},
    toString: {value: Object.freeze(() => '[object PluginContext]')},
  }),
);

const nonEmptyString = (value: unknown) => typeof value === 'string' && value.trim() !== '';

function checkId(call: string, id: unknown): string {
  if (!nonEmptyString(id)) {
    throw new InvalidArgumentError(
      `${call}(id)`,
      `must be a lead id (a non-empty string), not ${JSON.stringify(id) ?? String(id)}`,
    );
  }
  return id as string;
}

function rejectInput(input: unknown): RejectLeadInput {
  if (!input || typeof input !== 'object') {
    throw new InvalidArgumentError(
      'rejectLead(input)',
      'must be an object {rejectCode, rejectReason?, reassignOwner}',
    );
  }
  const {rejectCode, rejectReason, reassignOwner} = input as Record<string, unknown>;
  if (!nonEmptyString(rejectCode)) {
    throw new InvalidArgumentError(
      'rejectLead(input.rejectCode)',
      'must be the key of a reject code, e.g. "DUPLICATE"',
    );
  }
  if (rejectReason !== undefined && typeof rejectReason !== 'string') {
    throw new InvalidArgumentError(
      'rejectLead(input.rejectReason)',
      'must be a string or left out',
    );
  }
  if (typeof reassignOwner !== 'boolean') {
    throw new InvalidArgumentError('rejectLead(input.reassignOwner)', 'must be true or false');
  }
  return {
    rejectCode: rejectCode as string,
    ...(rejectReason === undefined ? {} : {rejectReason}),
    reassignOwner,
  };
}

function rejectOptions(options: unknown): RejectLeadOptions | undefined {
  if (options === undefined) return undefined;
  if (!options || typeof options !== 'object') {
    throw new InvalidArgumentError(
      'rejectLead(options)',
      'must be an object {ifMatch?, idempotencyKey?, signal?}',
    );
  }
  const {ifMatch, idempotencyKey, signal} = options as Record<string, unknown>;
  if (ifMatch !== undefined && !(Number.isInteger(ifMatch) && (ifMatch as number) >= 0)) {
    throw new InvalidArgumentError(
      'rejectLead(options.ifMatch)',
      'must be the lead version, a whole number',
    );
  }
  if (idempotencyKey !== undefined && !nonEmptyString(idempotencyKey)) {
    throw new InvalidArgumentError(
      'rejectLead(options.idempotencyKey)',
      'must be a non-empty string',
    );
  }
  if (signal !== undefined && !(signal instanceof AbortSignal)) {
    throw new InvalidArgumentError('rejectLead(options.signal)', 'must be an AbortSignal');
  }
  return {
    ...(ifMatch === undefined ? {} : {ifMatch: ifMatch as number}),
    ...(idempotencyKey === undefined ? {} : {idempotencyKey: idempotencyKey as string}),
    ...(signal === undefined ? {} : {signal: signal as AbortSignal}),
  };
}

/**
 * Makes the context a plugin receives: its identity, user, locale and config, the host calls its
 * manifest may use, and its event channel.
 *
 * Every host call is checked first: the manifest must declare the call's privilege
 * (`permission-undeclared` otherwise) AND the user must hold it (`privilege-missing`). A refused call
 * reports to `onDenied` and rejects with `PermissionDeniedError` without touching the host; a
 * malformed argument rejects with `InvalidArgumentError`, also before the host. Arguments are copied
 * field by field before the host sees them, and results are structured clones, so a plugin cannot
 * change what the host keeps (or the reverse) after a call.
 *
 * The context is frozen, its prototype is a frozen object without a prototype, its methods are frozen
 * arrow functions whose `toString` shows no source: nothing on it leads to `host`. This keeps a
 * well-behaved plugin within its declared permissions; it is not a sandbox (see the README).
 */
export function createGuardedContext(
  host: HostApi,
  manifest: PluginManifest,
  user: CurrentUser,
  options: GuardedContextOptions = {},
): PluginContext {
  const pluginId = manifest.id;
  const declared: ReadonlySet<Privilege> = new Set(manifest.permissions.filter(isPrivilege));
  const granted: ReadonlySet<Privilege> = new Set(user.privileges.filter(isPrivilege));
  const {onDenied, onNotify} = options;
  const channel = options.channel ? pluginSideOf(options.channel) : undefined;

  const can = (privilege: Privilege) => declared.has(privilege) && granted.has(privilege);

  /** Throws PermissionDeniedError unless `call`'s privilege is declared and granted. */
  const check = (call: GuardedHostCall) => {
    const privilege = HOST_API_PRIVILEGES[call];
    if (can(privilege)) return;
    const denial: PermissionDenial = Object.freeze({
      pluginId,
      call,
      privilege,
      code: declared.has(privilege) ? 'privilege-missing' : 'permission-undeclared',
    });
    if (onDenied) {
      try {
        onDenied(denial);
      } catch (error) {
        reportListenerError(error);
      }
    }
    throw new PermissionDeniedError(denial);
  };

  /** Checks, then calls the host with the arguments `prepare` built, and returns a copy of the result. */
  const guarded = <A extends unknown[], R>(
    call: GuardedHostCall,
    run: (...args: A) => Promise<R>,
  ) =>
    opaque(call, async (...args: A): Promise<R> => {
      check(call);
      return structuredClone(await run(...args));
    });

  const methods = {
    getLead: guarded('getLead', (id: string) => {
      const leadId = checkId('getLead', id);
      return host.getLead(leadId);
    }),
    listLeads: guarded('listLeads', (query?: {status?: (typeof LEAD_STATUSES)[number]}) => {
      if (query === undefined) return host.listLeads();
      const status = (query as {status?: unknown} | null)?.status;
      if (status !== undefined && !(LEAD_STATUSES as readonly unknown[]).includes(status)) {
        throw new InvalidArgumentError(
          'listLeads(query.status)',
          `must be one of ${LEAD_STATUSES.join(', ')}`,
        );
      }
      return host.listLeads(
        status === undefined ? {} : {status: status as (typeof LEAD_STATUSES)[number]},
      );
    }),
    rejectLead: guarded(
      'rejectLead',
      (id: string, input: RejectLeadInput, rejectOptionsArg?: RejectLeadOptions) => {
        const leadId = checkId('rejectLead', id);
        const body = rejectInput(input);
        const requestOptions = rejectOptions(rejectOptionsArg);
        return requestOptions === undefined
          ? host.rejectLead(leadId, body)
          : host.rejectLead(leadId, body, requestOptions);
      },
    ),
    getRejectCodes: guarded('getRejectCodes', (codeOptions?: {locale?: string}) => {
      const locale = (codeOptions as {locale?: unknown} | undefined)?.locale;
      if (locale !== undefined && !nonEmptyString(locale)) {
        throw new InvalidArgumentError(
          'getRejectCodes(options.locale)',
          'must be a language tag such as "de"',
        );
      }
      return locale === undefined
        ? host.getRejectCodes()
        : host.getRejectCodes({locale: locale as string});
    }),
    getLeadSettings: guarded('getLeadSettings', () => host.getLeadSettings()),
  };

  const notify = opaque('notify', (notification: PluginNotification) => {
    const {kind, message} = (notification ?? {}) as Partial<PluginNotification>;
    if (kind !== 'info' && kind !== 'success' && kind !== 'error') {
      throw new InvalidArgumentError(
        'notify(notification.kind)',
        'must be "info", "success" or "error"',
      );
    }
    if (!nonEmptyString(message)) {
      throw new InvalidArgumentError('notify(notification.message)', 'must be a non-empty string');
    }
    onNotify?.(Object.freeze({kind, message: message as string}), pluginId);
  });
  const emit = opaque('emit', (type: string, detail?: unknown) => channel?.emit(type, detail));
  const on = opaque('on', (type: string, listener: (detail: unknown) => void): (() => void) =>
    opaque('off', channel ? channel.on(type, listener) : () => {}),
  );

  const context = Object.create(contextPrototype, {
    pluginId: {value: pluginId, enumerable: true},
    user: {
      value: deepFreeze({
        id: user.id,
        name: user.name,
        locale: user.locale,
        privileges: [...user.privileges],
      }),
      enumerable: true,
    },
    locale: {value: options.locale ?? user.locale, enumerable: true},
    config: {
      value: deepFreeze(structuredClone({...configDefaults(manifest), ...options.config})),
      enumerable: true,
    },
    can: {value: opaque('can', (privilege: Privilege) => can(privilege)), enumerable: true},
    notify: {value: notify, enumerable: true},
    emit: {value: emit, enumerable: true},
    on: {value: on, enumerable: true},
    ...Object.fromEntries(
      Object.entries(methods).map(([name, fn]) => [name, {value: fn, enumerable: true}]),
    ),
  }) as PluginContext;
  return Object.freeze(context);
}
