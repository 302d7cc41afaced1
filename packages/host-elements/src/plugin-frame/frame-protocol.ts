// The messages between <crm-plugin-frame> (the host page) and the frame runtime (inside a sandboxed
// plugin's iframe). Two steps:
//
// 1. Handshake, on the windows (the frame's origin is opaque, so targetOrigin is "*"; each side
//    checks `event.source` instead): the runtime posts FrameReadyMessage to `window.parent`; the
//    host element answers the FIRST one that comes from its own iframe's window with
//    FrameConnectMessage and transfers one MessagePort. The runtime takes only the first connect
//    message from `window.parent` that carries exactly one port; the plugin's code is imported only
//    after that, so it never sees the handshake.
// 2. Everything else goes over that port, which only the two ends hold: calls `{type: 'call', id,
//    method, args}` answered by `{type: 'result' | 'error', id, …}`, and the notices below.
import type {PluginContextSnapshot, PluginManifest, SerializedContextError} from '@crmkit/sdk';
import {isPluginCloseEvent} from '../plugin-close-events.js';

/** The protocol version both sides must speak. */
export const FRAME_PROTOCOL = 1;

/** The theme a frame copies from its host element: `--crm-*` tokens, color scheme, font and color. */
export interface FrameTheme {
  /** Every `--crm-*` custom property the host element computes, by name. */
  properties: Record<string, string>;
  /** The computed `color-scheme` (e.g. `light dark`, `dark`, `normal`). */
  colorScheme: string;
  /** Whether the page prefers a dark color scheme. */
  dark: boolean;
  color: string;
  fontFamily: string;
  fontSize: string;
  lineHeight: string;
}

/** What a frame needs to load and mount its plugin. */
export interface FrameInit {
  pluginId: string;
  /** The element to create (one the manifest declares). */
  tag: string;
  /** The stored manifest (the frame validates it again and verifies the entry's integrity). */
  manifest: PluginManifest;
  /** What the manifest's `entry` resolves against. */
  baseUrl: string;
  leadId: string | undefined;
  context: PluginContextSnapshot;
  theme: FrameTheme;
}

/** frame → parent window: the runtime is listening. */
export interface FrameReadyMessage {
  crmkit: 'frame-ready';
  protocol: typeof FRAME_PROTOCOL;
}

/** parent window → frame, with the port in `transfer`: what to load. */
export interface FrameConnectMessage {
  crmkit: 'frame-connect';
  protocol: typeof FRAME_PROTOCOL;
  init: FrameInit;
}

/** Host → frame, over the port. */
export type HostToFrameMessage =
  | {type: 'result'; id: number; value: unknown}
  | {type: 'error'; id: number; error: SerializedContextError}
  /** A new context (another user, language or config): the plugin element gets a new proxy. */
  | {type: 'context'; context: PluginContextSnapshot}
  /** The record the extension point shows changed. */
  | {type: 'record'; leadId: string | undefined}
  | {type: 'theme'; theme: FrameTheme}
  /** An event the host sent on the plugin's channel (`context.on(eventType, …)`). */
  | {type: 'event'; eventType: string; detail: unknown}
  /** A page event about the plugin's record (another plugin's `crm-lead-rejected`). */
  | {
      type: 'page-event';
      eventType: string;
      detail: unknown;
      fields: Record<string, unknown>;
    };

/** Why a frame could not mount its plugin. */
export interface FrameFailure {
  /** A PluginMountError code (`entry-load-failed`, `element-constructor-failed`, …). */
  code: string;
  message: string;
  /** For `entry-load-failed`: the loader's PluginLoadError code, e.g. `integrity-mismatch`. */
  loadCode?: string;
}

/** Frame → host, over the port. */
export type FrameToHostMessage =
  | {type: 'call'; id: number; method: string; args: unknown[]}
  | {type: 'abort'; id: number}
  | {type: 'mounted'}
  | {type: 'failed'; error: FrameFailure}
  /** The height of the frame's content, in CSS pixels. */
  | {type: 'size'; height: number}
  /** An event the plugin element dispatched (see {@link isFrameForwardedEvent}). */
  | {type: 'dom-event'; eventType: string; detail: unknown; fields: Record<string, unknown>}
  /** Escape was pressed in the frame and the plugin did not handle it. */
  | {type: 'escape'};

/** A DOM event type as the frame may forward it: `crm-…`, lowercase words. */
const EVENT_TYPE = /^[a-z][a-z0-9]*(?:-[a-z0-9]+)+$/;

/** The plugin element events the frame forwards and the host element re-dispatches. */
export const FRAME_FORWARDED_EVENTS: readonly string[] = ['crm-lead-rejected'];

/**
 * Whether a plugin element's event of this type crosses from the frame to the page: the result
 * event `crm-lead-rejected` and the close events (`crm-plugin-close`, any `*-cancel`). Anything
 * else stays in the frame, as a plugin's internal events stay inside its element in the page.
 */
export function isFrameForwardedEvent(type: unknown): type is string {
  return (
    typeof type === 'string' &&
    type.length <= 100 &&
    EVENT_TYPE.test(type) &&
    (FRAME_FORWARDED_EVENTS.includes(type) || isPluginCloseEvent(type))
  );
}

/**
 * The page events a frame hears about its own record: another plugin's result on the page (e.g.
 * reject-lead's `crm-lead-rejected`, which a panel shows), as it would on `document` in the page.
 */
export const FRAME_PAGE_EVENTS: readonly string[] = ['crm-lead-rejected'];

/** A JSON copy of `value`, or undefined when it is not JSON data (functions, DOM nodes, cycles). */
export function jsonCopy(value: unknown): unknown {
  if (value === undefined) return undefined;
  try {
    const text = JSON.stringify(value);
    return text === undefined ? undefined : JSON.parse(text);
  } catch {
    return undefined;
  }
}

/**
 * The own data fields of an event beyond the platform's (e.g. reject-lead's `assignment`), as JSON,
 * so that a re-dispatched event carries them as well.
 */
export function eventFields(event: Event): Record<string, unknown> {
  const fields: Record<string, unknown> = {};
  for (const key of Object.keys(event)) {
    if (key === 'isTrusted' || key in Event.prototype || key in CustomEvent.prototype) continue;
    const value = jsonCopy((event as unknown as Record<string, unknown>)[key]);
    if (value !== undefined) fields[key] = value;
  }
  return fields;
}

/**
 * A CustomEvent of `type` with `detail` and `fields` (each a read-only own property, never one the
 * event itself has, such as `type` or `target`), bubbling and composed.
 */
export function rebuildEvent(
  type: string,
  detail: unknown,
  fields: Record<string, unknown>,
): CustomEvent {
  const event = new CustomEvent(type, {detail, bubbles: true, composed: true});
  for (const [key, value] of Object.entries(fields)) {
    if (key in event) continue;
    Object.defineProperty(event, key, {value, enumerable: true});
  }
  return event;
}
