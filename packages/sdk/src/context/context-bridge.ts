// The PluginContext across a MessagePort: what a sandboxed plugin's frame and the host element that
// embeds it agree on. The frame gets a proxy context (createBridgedContext) whose methods send
// `{id, method, args}`; the host checks each call (checkContextCall) and performs it on the plugin's
// guarded context (performContextCall); answers and errors come back as plain data, and errors are
// rebuilt in the frame as this module's own classes (reviveContextError), so that a plugin's
// `error instanceof HostApiError` holds in the frame as it does in the page.
import {PRIVILEGES, isPrivilege, type Privilege} from '../contract/privileges.js';
import {CrmkitError} from '../errors/crmkit-error.js';
import {HostApiError, NetworkError, type FieldError} from '../errors/host-api-error.js';
import {InvalidArgumentError} from '../errors/invalid-argument-error.js';
import {PermissionDeniedError} from '../errors/permission-denied-error.js';
import type {PermissionDenialCode} from '../errors/permission-denied-texts.js';
import {deepFreeze} from '../internal/deep-freeze.js';
import {checkType, copy} from './plugin-channel.js';
import type {PluginContext, PluginNotification} from './plugin-context.js';

/** The PluginContext methods a bridged context forwards, each with the most arguments it takes. */
export const PLUGIN_CONTEXT_METHODS = Object.freeze({
  getLead: 1,
  listLeads: 1,
  rejectLead: 3,
  getRejectCodes: 1,
  getLeadSettings: 0,
  can: 1,
  notify: 1,
  emit: 2,
  on: 1,
} as const);

export type PluginContextMethod = keyof typeof PLUGIN_CONTEXT_METHODS;

/** Whether `name` is one of {@link PLUGIN_CONTEXT_METHODS} (own keys only: `toString` is not). */
export const isPluginContextMethod = (name: unknown): name is PluginContextMethod =>
  typeof name === 'string' && Object.prototype.hasOwnProperty.call(PLUGIN_CONTEXT_METHODS, name);

/**
 * What a frame knows of its context without asking: the data members, and the privileges `can()`
 * answers true for (declared ∩ granted). It is only for the plugin's UI; the host checks every call
 * again, and the server checks the plugin credential again after that.
 */
export interface PluginContextSnapshot {
  pluginId: string;
  user: {id: string; name: string; locale: string; privileges: Privilege[]};
  locale: string;
  config: Record<string, unknown>;
  grants: Privilege[];
}

/** The snapshot of a (guarded) context, as plain data. */
export function snapshotOf(context: PluginContext): PluginContextSnapshot {
  return structuredClone({
    pluginId: context.pluginId,
    user: {
      id: context.user.id,
      name: context.user.name,
      locale: context.user.locale,
      privileges: [...context.user.privileges],
    },
    locale: context.locale,
    config: {...context.config},
    grants: PRIVILEGES.filter((p) => context.can(p)),
  });
}

/** An error as plain data that crosses a MessagePort (no stack, no cause: nothing of the host's code). */
export interface SerializedContextError {
  name: string;
  message: string;
  code?: string;
  status?: number;
  title?: string;
  detail?: string;
  errors?: FieldError[];
  privilege?: string;
  call?: string;
  pluginId?: string;
  argument?: string;
}

const str = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

/** `error` as {@link SerializedContextError}: the fields the sdk's error classes carry, nothing else. */
export function serializeContextError(error: unknown): SerializedContextError {
  if (error instanceof DOMException && error.name === 'AbortError') {
    return {name: 'AbortError', message: error.message};
  }
  if (!(error instanceof Error)) return {name: 'Error', message: String(error)};
  const out: SerializedContextError = {name: error.name, message: error.message};
  if (error instanceof CrmkitError) out.code = error.code;
  if (error instanceof HostApiError) {
    out.name = 'HostApiError';
    out.status = error.status;
    out.title = error.title;
    if (error.detail !== undefined) out.detail = error.detail;
    out.errors = error.errors.map((e) => ({field: e.field, code: e.code, message: e.message}));
  } else if (error instanceof PermissionDeniedError) {
    out.name = 'PermissionDeniedError';
    Object.assign(out, {privilege: error.privilege, call: error.call, pluginId: error.pluginId});
  } else if (error instanceof InvalidArgumentError) {
    out.name = 'InvalidArgumentError';
    out.argument = error.argument;
  } else if (error instanceof NetworkError) {
    out.name = 'NetworkError';
  }
  return out;
}

const fieldErrors = (value: unknown): FieldError[] =>
  Array.isArray(value)
    ? value
        .filter((e): e is Record<string, unknown> => !!e && typeof e === 'object')
        .map((e) => ({field: `${e.field}`, code: `${e.code}`, message: `${e.message}`}))
    : [];

/**
 * A {@link SerializedContextError} as an error of this realm's classes: HostApiError (with `status`,
 * `code`, `title`, `detail`, `errors`), PermissionDeniedError, InvalidArgumentError, NetworkError,
 * CrmkitError, an AbortError DOMException, TypeError/RangeError, else Error.
 */
export function reviveContextError(data: unknown): Error {
  const d = (data && typeof data === 'object' ? data : {}) as Record<string, unknown>;
  const name = str(d.name) ?? 'Error';
  const message = str(d.message) ?? '';
  const code = str(d.code);
  switch (name) {
    case 'HostApiError': {
      const detail = str(d.detail);
      return new HostApiError({
        status: typeof d.status === 'number' ? d.status : 0,
        title: str(d.title) ?? message,
        code: code ?? 'unknown',
        ...(detail === undefined ? {} : {detail}),
        errors: fieldErrors(d.errors),
      });
    }
    case 'PermissionDeniedError':
      if (isPrivilege(d.privilege)) {
        return new PermissionDeniedError({
          pluginId: str(d.pluginId) ?? '',
          call: str(d.call) ?? '',
          privilege: d.privilege,
          code: (code === 'privilege-missing'
            ? 'privilege-missing'
            : 'permission-undeclared') as PermissionDenialCode,
        });
      }
      break;
    case 'InvalidArgumentError': {
      const error = new InvalidArgumentError(str(d.argument) ?? '', '');
      Object.defineProperty(error, 'message', {value: message, configurable: true, writable: true});
      return error;
    }
    case 'NetworkError':
      return new NetworkError(message);
    case 'AbortError':
      return new DOMException(message, 'AbortError');
    case 'TypeError':
      return new TypeError(message);
    case 'RangeError':
      return new RangeError(message);
  }
  if (code !== undefined) return new CrmkitError(code, message);
  return new Error(message);
}

/** Arguments may be plain JSON data only, this deep and this long (as JSON). */
const MAX_DEPTH = 16;
const MAX_JSON_LENGTH = 256 * 1024;

function isJson(value: unknown, depth: number): boolean {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return true;
  if (typeof value === 'number') return Number.isFinite(value);
  if (typeof value !== 'object' || depth > MAX_DEPTH) return false;
  if (Array.isArray(value)) {
    return (
      Object.getPrototypeOf(value) === Array.prototype && value.every((v) => isJson(v, depth + 1))
    );
  }
  const proto = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) return false;
  return Object.values(value).every((v) => v === undefined || isJson(v, depth + 1));
}

/**
 * Checks a call as it arrives from a frame, before anything runs: `method` must be one of
 * {@link PLUGIN_CONTEXT_METHODS}, `args` an array of at most that many plain JSON values (no Date,
 * Map, Blob, ports, … and at most 256 KiB as JSON). Returns the refusal (CrmkitError
 * `invalid-bridge-call`), or undefined when the call may go to the guarded context, which checks
 * the permission and the arguments' shapes next.
 */
export function checkContextCall(method: unknown, args: unknown): CrmkitError | undefined {
  if (!isPluginContextMethod(method)) {
    return new CrmkitError(
      'invalid-bridge-call',
      `${JSON.stringify(method) ?? String(method)} is not a PluginContext method; use one of ${Object.keys(PLUGIN_CONTEXT_METHODS).join(', ')}.`,
    );
  }
  if (!Array.isArray(args) || args.length > PLUGIN_CONTEXT_METHODS[method]) {
    return new CrmkitError(
      'invalid-bridge-call',
      `${method} takes at most ${PLUGIN_CONTEXT_METHODS[method]} argument(s), as an array.`,
    );
  }
  let length = Infinity;
  try {
    length = JSON.stringify(args).length;
  } catch {
    // not JSON at all: refused below
  }
  if (!isJson(args, 0) || length > MAX_JSON_LENGTH) {
    return new CrmkitError(
      'invalid-bridge-call',
      `The arguments of ${method} must be plain JSON data (objects, arrays, strings, finite numbers, booleans, null) of at most ${MAX_JSON_LENGTH / 1024} KiB.`,
    );
  }
  return undefined;
}

export interface PerformContextCallOptions {
  /** Aborts a `rejectLead` in flight (the frame's own signal cannot cross the port). */
  signal?: AbortSignal;
  /** For `on(type)`: called with each event the host sends the plugin on that type. */
  onEvent?: (type: string, detail: unknown) => void;
}

/**
 * Performs a call that {@link checkContextCall} let through on `context` (the plugin's guarded
 * context, which checks the permission and the arguments). `on(type)` subscribes `options.onEvent`
 * and resolves to the function that stops it; every other method resolves to its answer.
 */
export async function performContextCall(
  context: PluginContext,
  method: PluginContextMethod,
  args: readonly unknown[],
  options: PerformContextCallOptions = {},
): Promise<unknown> {
  switch (method) {
    case 'getLead':
      return context.getLead(args[0] as string);
    case 'listLeads':
      return args.length ? context.listLeads(args[0] as never) : context.listLeads();
    case 'rejectLead': {
      const [id, input, requestOptions] = args;
      const withSignal =
        options.signal === undefined
          ? requestOptions
          : {...(requestOptions as object | undefined), signal: options.signal};
      return withSignal === undefined
        ? context.rejectLead(id as string, input as never)
        : context.rejectLead(id as string, input as never, withSignal as never);
    }
    case 'getRejectCodes':
      return args.length ? context.getRejectCodes(args[0] as never) : context.getRejectCodes();
    case 'getLeadSettings':
      return context.getLeadSettings();
    case 'can':
      return context.can(args[0] as Privilege);
    case 'notify':
      return context.notify(args[0] as PluginNotification);
    case 'emit':
      return context.emit(args[0] as string, args[1]);
    case 'on': {
      const type = args[0] as string;
      const onEvent = options.onEvent ?? (() => {});
      return context.on(type, (detail) => onEvent(type, detail));
    }
  }
}

/** How a bridged context reaches its host. */
export interface ContextBridgeTransport {
  /** Sends `{id, method, args}` and resolves or rejects with the answer (revived). */
  call(method: PluginContextMethod, args: unknown[], signal?: AbortSignal): Promise<unknown>;
  /** Sends a call whose answer nobody awaits (`notify`, `emit`); a refusal is only reported. */
  send(method: PluginContextMethod, args: unknown[]): void;
  /** Adds a listener for host events of `type` (the transport subscribes once per type). */
  listen(type: string, listener: (detail: unknown) => void): () => void;
}

const frozenFunction = <A extends unknown[], R>(name: string, impl: (...args: A) => R) => {
  const fn = (...args: A) => impl(...args);
  Object.defineProperty(fn, 'name', {value: name});
  return Object.freeze(fn);
};

/**
 * The PluginContext a sandboxed plugin gets inside its frame: the snapshot's data members, `can()`
 * answered from the snapshot, and every host call sent over `transport`. Synchronous methods keep
 * their synchronous checks (`notify`'s and `emit`'s argument errors throw at once, as in the page);
 * a `rejectLead` signal stays in the frame and aborts the call over the port. Frozen.
 */
export function createBridgedContext(
  snapshot: PluginContextSnapshot,
  transport: ContextBridgeTransport,
): PluginContext {
  const grants: ReadonlySet<string> = new Set(snapshot.grants);
  const call =
    (method: PluginContextMethod) =>
    (...args: unknown[]) =>
      transport.call(method, args);
  const rejectLead = (id: unknown, input: unknown, options?: unknown) => {
    if (options && typeof options === 'object' && 'signal' in options) {
      const {signal, ...rest} = options as {signal?: unknown};
      if (signal !== undefined && !(signal instanceof AbortSignal)) {
        return Promise.reject(
          new InvalidArgumentError('rejectLead(options.signal)', 'must be an AbortSignal'),
        );
      }
      return transport.call('rejectLead', [id, input, rest], signal as AbortSignal | undefined);
    }
    return transport.call('rejectLead', options === undefined ? [id, input] : [id, input, options]);
  };
  const notify = (notification: PluginNotification) => {
    const {kind, message} = (notification ?? {}) as Partial<PluginNotification>;
    if (kind !== 'info' && kind !== 'success' && kind !== 'error') {
      throw new InvalidArgumentError(
        'notify(notification.kind)',
        'must be "info", "success" or "error"',
      );
    }
    if (typeof message !== 'string' || message.trim() === '') {
      throw new InvalidArgumentError('notify(notification.message)', 'must be a non-empty string');
    }
    transport.send('notify', [{kind, message}]);
  };
  const emit = (type: string, detail?: unknown) => {
    checkType(type, 'emit');
    const value = copy(detail, 'emit');
    transport.send('emit', value === undefined ? [type] : [type, value]);
  };
  const on = (type: string, listener: (detail: unknown) => void) => {
    checkType(type, 'on');
    if (typeof listener !== 'function') {
      throw new CrmkitError('invalid-argument', `on("${type}"): the listener must be a function.`);
    }
    return frozenFunction(
      'off',
      transport.listen(type, (detail) => listener(detail)),
    );
  };
  const context = {
    pluginId: snapshot.pluginId,
    user: deepFreeze(structuredClone(snapshot.user)),
    locale: snapshot.locale,
    config: deepFreeze(structuredClone(snapshot.config)),
    can: frozenFunction('can', (privilege: Privilege) => grants.has(privilege)),
    getLead: frozenFunction('getLead', call('getLead')),
    listLeads: frozenFunction('listLeads', call('listLeads')),
    rejectLead: frozenFunction('rejectLead', rejectLead),
    getRejectCodes: frozenFunction('getRejectCodes', call('getRejectCodes')),
    getLeadSettings: frozenFunction('getLeadSettings', call('getLeadSettings')),
    notify: frozenFunction('notify', notify),
    emit: frozenFunction('emit', emit),
    on: frozenFunction('on', on),
  };
  return Object.freeze(context) as unknown as PluginContext;
}
