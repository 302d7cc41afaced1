import type {CurrentUser, HostApi} from '../contract/host-api.js';
import type {Privilege} from '../contract/privileges.js';

/** A message a plugin asks the host to show (a toast, a banner). */
export interface PluginNotification {
  kind: 'info' | 'success' | 'error';
  message: string;
}

/**
 * What a plugin gets from its host: who is signed in, in which language, its own admin config, the
 * host calls its manifest declares (each checked against manifest ∩ user privileges before the host is
 * called), and a channel to notify the host and exchange events with it.
 */
export interface PluginContext extends Pick<
  HostApi,
  'getLead' | 'listLeads' | 'rejectLead' | 'getRejectCodes' | 'getLeadSettings'
> {
  readonly pluginId: string;
  readonly user: Readonly<Omit<CurrentUser, 'privileges'>> & {
    readonly privileges: readonly Privilege[];
  };
  /** The UI language (BCP 47), e.g. `de` or `en`. */
  readonly locale: string;
  /** The plugin's admin settings: the manifest's config defaults overlaid with the admin's values. */
  readonly config: Readonly<Record<string, unknown>>;
  /** Whether the plugin may use `privilege`: declared in its manifest AND held by the user. */
  can(privilege: Privilege): boolean;
  /** Asks the host to show a message. */
  notify(notification: PluginNotification): void;
  /** Sends an event to the host (e.g. `lead-changed`). */
  emit(type: string, detail?: unknown): void;
  /** Listens to events from the host; returns a function that stops listening. */
  on(type: string, listener: (detail: unknown) => void): () => void;
}
