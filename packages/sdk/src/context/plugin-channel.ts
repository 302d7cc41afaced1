import {CrmkitError} from '../errors/crmkit-error.js';
import {reportListenerError} from '../internal/report-listener-error.js';

type HostListener = (type: string, detail: unknown) => void;
type PluginListener = (detail: unknown) => void;

/** The plugin's half of a channel; only the guarded context holds it. */
export interface PluginSide {
  emit(type: string, detail?: unknown): void;
  on(type: string, listener: PluginListener): () => void;
}

const pluginSides = new WeakMap<PluginChannel, PluginSide>();

/** Throws CrmkitError `invalid-event-type` unless `type` is a lowercase event name (also used by the context bridge). */
export function checkType(type: unknown, method: string): asserts type is string {
  if (typeof type !== 'string' || !/^[a-z][a-z0-9]*(?:[-.:][a-z0-9]+)*$/.test(type)) {
    throw new CrmkitError(
      'invalid-event-type',
      `${method}: the event type must be a lowercase name such as "lead-changed", not ${JSON.stringify(type)}.`,
    );
  }
}

/** Events cross the channel as structured clones, so neither side shares mutable objects with the other. */
export function copy(detail: unknown, method: string): unknown {
  try {
    return structuredClone(detail);
  } catch (cause) {
    throw new CrmkitError(
      'invalid-event-detail',
      `${method}: the event detail cannot be copied (functions, DOM nodes and class instances with private state cannot cross the channel); send plain data.`,
      {cause},
    );
  }
}

/**
 * The event channel between a host and one mounted plugin. The host sends with `send` and listens with
 * `onPluginEvent`; the plugin uses `context.emit`/`context.on` of the guarded context made with this
 * channel. Details are copied (structured clone) on the way; a throwing listener is reported, not
 * propagated. `close()` ends delivery both ways (call it when the plugin element is unmounted).
 */
export class PluginChannel {
  #hostListeners = new Set<HostListener>();
  #pluginListeners = new Map<string, Set<PluginListener>>();
  #closed = false;

  constructor() {
    pluginSides.set(this, {
      emit: (type, detail) => {
        checkType(type, 'emit');
        if (this.#closed) return;
        const value = copy(detail, 'emit');
        for (const listener of [...this.#hostListeners]) {
          try {
            listener(type, value);
          } catch (error) {
            reportListenerError(error);
          }
        }
      },
      on: (type, listener) => {
        checkType(type, 'on');
        if (typeof listener !== 'function') {
          throw new CrmkitError(
            'invalid-argument',
            `on("${type}"): the listener must be a function.`,
          );
        }
        if (this.#closed) return () => {};
        let set = this.#pluginListeners.get(type);
        if (!set) this.#pluginListeners.set(type, (set = new Set()));
        const own = (detail: unknown) => listener(detail);
        set.add(own);
        return () => void set.delete(own);
      },
    });
  }

  /** Sends an event to the plugin's `context.on(type, …)` listeners. */
  send(type: string, detail?: unknown): void {
    checkType(type, 'send');
    if (this.#closed) return;
    const listeners = [...(this.#pluginListeners.get(type) ?? [])];
    if (listeners.length === 0) return;
    const value = copy(detail, 'send');
    for (const listener of listeners) {
      try {
        listener(value);
      } catch (error) {
        reportListenerError(error);
      }
    }
  }

  /** Listens to the plugin's `context.emit(type, detail)`; returns a function that stops listening. */
  onPluginEvent(listener: HostListener): () => void {
    const own: HostListener = (type, detail) => listener(type, detail);
    this.#hostListeners.add(own);
    return () => void this.#hostListeners.delete(own);
  }

  /** Ends delivery both ways and drops every listener. */
  close(): void {
    this.#closed = true;
    this.#hostListeners.clear();
    this.#pluginListeners.clear();
  }

  get closed(): boolean {
    return this.#closed;
  }
}

/** The plugin's half of `channel` (for createGuardedContext; not exported from the package). */
export function pluginSideOf(channel: PluginChannel): PluginSide {
  const side = pluginSides.get(channel);
  if (!side) throw new TypeError('not a PluginChannel');
  return side;
}
