import {
  CrmkitError,
  checkContextCall,
  performContextCall,
  serializeContextError,
  snapshotOf,
} from '@crmkit/sdk';
import type {PluginContext, PluginContextMethod} from '@crmkit/sdk';
import {isFrameForwardedEvent, jsonCopy} from './frame-protocol.js';
import type {FrameFailure, FrameTheme, HostToFrameMessage} from './frame-protocol.js';
import {RejectionLedger} from './rejection-ledger.js';
import type {DroppedRejection} from './rejection-ledger.js';

/** The host's end of the port (a MessagePort; anything with these methods in unit tests). */
export interface BridgePort {
  postMessage(message: unknown): void;
  close(): void;
}

export interface FrameBridgeHostOptions {
  /** The plugin this frame runs; the only one its calls may act for. */
  pluginId: string;
  port: BridgePort;
  /** The plugin's guarded context at the time of a call (undefined: refuse the call). */
  context: () => PluginContext | undefined;
  onSize?: (height: number) => void;
  /**
   * An event of the plugin element to re-dispatch in the page, in the order the frame sent them: a
   * close event as it came, a `crm-lead-rejected` only once confirmed (see {@link RejectionLedger}),
   * with the server's lead as `detail` and its `assignment`, never the plugin's own data.
   */
  onEvent?: (type: string, detail: unknown, fields: Record<string, unknown>) => void;
  /** A `crm-lead-rejected` of the plugin that was not confirmed, and why; nothing was relayed. */
  onDropped?: (type: string, reason: DroppedRejection) => void;
  onMounted?: () => void;
  onFailed?: (failure: FrameFailure) => void;
  onEscape?: () => void;
}

/** At most this many calls in flight; a frame that floods the host is answered with errors. */
const MAX_PENDING = 32;
/** The tallest a frame may make itself, in CSS pixels. */
export const MAX_FRAME_HEIGHT = 20000;

const refusal = (code: string, message: string) =>
  serializeContextError(new CrmkitError(code, message));

/**
 * The host side of one plugin frame's port. Everything that arrives is untrusted (the plugin's code
 * runs in the frame and can post anything on its end): a call runs only when it is well formed, its
 * id is higher than every earlier one, it names no other plugin, its method is one of PluginContext's and its arguments are
 * plain JSON; then the plugin's guarded context performs it (permission and argument checks, then
 * the host API with the plugin's credential). Anything else is answered with an error, or ignored
 * when it cannot be answered. After `close()` nothing is performed or answered.
 *
 * The plugin's events are relayed in the order they came, but a result event is a claim, not a
 * fact: `crm-lead-rejected` reaches `onEvent` only for a lead this bridge performed a `rejectLead`
 * for, once, with the lead the server answered (or, when that answer was lost, the lead read again
 * and found Rejected by the user with the claimed data); otherwise `onDropped` hears why. Events
 * and Escape after it wait for that check, so a close never overtakes the result.
 */
export class FrameBridgeHost {
  readonly #options: FrameBridgeHostOptions;
  #closed = false;
  #mounted = false;
  #failed = false;
  /** The last call id accepted: the runtime numbers its calls upwards, so anything else is a replay. */
  #lastId = -1;
  readonly #pending = new Map<number, AbortController>();
  readonly #subscriptions = new Map<string, () => void>();
  /** The rejections this frame's plugin asked for, and the host's answers. */
  readonly #rejections = new RejectionLedger();
  /** Notices for the page, in order: a result event being confirmed holds back the ones after it. */
  #relayed: Promise<unknown> = Promise.resolve();

  constructor(options: FrameBridgeHostOptions) {
    this.#options = options;
  }

  get closed(): boolean {
    return this.#closed;
  }

  /** One message from the frame's end of the port. */
  receive(data: unknown): void {
    if (this.#closed || !data || typeof data !== 'object') return;
    const message = data as Record<string, unknown>;
    switch (message.type) {
      case 'call':
        return this.#call(message);
      case 'abort':
        if (typeof message.id === 'number') this.#pending.get(message.id)?.abort();
        return;
      case 'size': {
        const {height} = message;
        if (typeof height === 'number' && Number.isFinite(height) && height >= 0) {
          this.#options.onSize?.(Math.min(Math.ceil(height), MAX_FRAME_HEIGHT));
        }
        return;
      }
      case 'dom-event': {
        const {eventType} = message;
        if (!isFrameForwardedEvent(eventType)) return;
        const detail = jsonCopy(message.detail);
        const fields = jsonCopy(message.fields);
        return this.#inOrder(() =>
          // A result is a claim: checked first. Close events go as they came.
          eventType === 'crm-lead-rejected'
            ? this.#relayRejection(eventType, detail)
            : this.#options.onEvent?.(
                eventType,
                detail,
                fields && typeof fields === 'object' && !Array.isArray(fields)
                  ? (fields as Record<string, unknown>)
                  : {},
              ),
        );
      }
      case 'mounted':
        if (this.#mounted || this.#failed) return;
        this.#mounted = true;
        this.#options.onMounted?.();
        return;
      case 'failed': {
        if (this.#mounted || this.#failed) return;
        this.#failed = true;
        const error = (message.error ?? {}) as Record<string, unknown>;
        const text = (value: unknown, max: number) =>
          typeof value === 'string' ? value.slice(0, max) : undefined;
        const loadCode = text(error.loadCode, 60);
        this.#options.onFailed?.({
          code: text(error.code, 60) ?? 'entry-load-failed',
          message: text(error.message, 2000) ?? '',
          ...(loadCode === undefined ? {} : {loadCode}),
        });
        return;
      }
      case 'escape':
        return this.#inOrder(() => this.#options.onEscape?.());
    }
  }

  /** Sends the plugin a new context snapshot (user, language, config, grants). */
  sendContext(context: PluginContext): void {
    this.#post({type: 'context', context: snapshotOf(context)});
  }

  sendRecord(leadId: string | undefined): void {
    this.#post({type: 'record', leadId});
  }

  sendTheme(theme: FrameTheme): void {
    this.#post({type: 'theme', theme});
  }

  /** A page event about the plugin's record, re-dispatched on the frame's document. */
  sendPageEvent(eventType: string, detail: unknown, fields: Record<string, unknown>): void {
    this.#post({type: 'page-event', eventType, detail: jsonCopy(detail), fields});
  }

  /**
   * Ends the bridge: calls in flight are aborted, channel subscriptions stopped, the port closed;
   * events still waiting for their check are dropped.
   */
  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    for (const controller of this.#pending.values()) controller.abort();
    this.#pending.clear();
    for (const off of this.#subscriptions.values()) off();
    this.#subscriptions.clear();
    this.#options.port.close();
  }

  #post(message: HostToFrameMessage): void {
    if (this.#closed) return;
    try {
      this.#options.port.postMessage(message);
    } catch (error) {
      if (message.type === 'result') {
        // An answer that cannot be copied (should not happen: guarded answers are structured clones).
        this.#post({type: 'error', id: message.id, error: serializeContextError(error)});
      }
    }
  }

  #call(message: Record<string, unknown>): void {
    const {id, method, args} = message;
    // Without a usable id the call cannot even be answered.
    if (typeof id !== 'number' || !Number.isSafeInteger(id) || id < 0) return;
    const fail = (code: string, text: string) =>
      this.#post({type: 'error', id, error: refusal(code, text)});
    if (id <= this.#lastId) {
      // A replay (or a second call under a used id) is never performed again.
      return fail(
        'replayed-call',
        `Call ${id} is not newer than call ${this.#lastId}; each call needs a new, higher id.`,
      );
    }
    this.#lastId = id;
    const {pluginId} = this.#options;
    if ('pluginId' in message && message.pluginId !== pluginId) {
      return fail(
        'wrong-plugin',
        `This frame runs plugin "${pluginId}"; it cannot act for ${JSON.stringify(message.pluginId)}.`,
      );
    }
    const invalid = checkContextCall(method, args);
    if (invalid) return this.#post({type: 'error', id, error: serializeContextError(invalid)});
    if (this.#pending.size >= MAX_PENDING) {
      return fail('too-many-calls', `At most ${MAX_PENDING} calls may wait for an answer at once.`);
    }
    const context = this.#options.context();
    if (!context) return fail('host-not-ready', 'The host has no context for this plugin now.');
    const name = method as PluginContextMethod;
    const list = args as unknown[];

    if (name === 'on') {
      const type = list[0];
      if (typeof type === 'string' && this.#subscriptions.has(type)) {
        return this.#post({type: 'result', id, value: undefined});
      }
    }
    const controller = new AbortController();
    this.#pending.set(id, controller);
    const settle = (message: HostToFrameMessage) => {
      this.#pending.delete(id);
      this.#post(message);
    };
    let running: Promise<unknown>;
    try {
      running = performContextCall(context, name, list, {
        signal: controller.signal,
        onEvent: (eventType, detail) => this.#post({type: 'event', eventType, detail}),
      });
    } catch (error) {
      running = Promise.reject(error);
    }
    // What a later `crm-lead-rejected` of the plugin is checked against.
    if (name === 'rejectLead' && typeof list[0] === 'string') {
      this.#rejections.record(list[0], running);
    }
    running.then(
      (value) => {
        if (name === 'on' && typeof value === 'function') {
          if (this.#closed) (value as () => void)();
          else this.#subscriptions.set(list[0] as string, value as () => void);
          return settle({type: 'result', id, value: undefined});
        }
        settle({type: 'result', id, value: typeof value === 'function' ? undefined : value});
      },
      (error: unknown) => settle({type: 'error', id, error: serializeContextError(error)}),
    );
  }

  /** Runs `task` after the notices before it (unless the bridge closed meanwhile). */
  #inOrder(task: () => unknown): void {
    this.#relayed = this.#relayed
      .then(() => this.#closed || task())
      // A page listener's error: reported as uncaught, and the notices after it still go.
      .catch((error: unknown) => reportError(error));
  }

  /** A `crm-lead-rejected` from the frame: relayed with the server's data once confirmed. */
  async #relayRejection(type: string, detail: unknown): Promise<void> {
    const checked = await this.#rejections.confirm(detail, this.#options.context());
    if (this.#closed) return;
    if (typeof checked === 'string') this.#options.onDropped?.(type, checked);
    else this.#options.onEvent?.(type, checked.lead, checked.fields);
  }
}
