import type {ExtensionPointName} from '../contract/extension-points.js';
import {PluginLoadError} from '../errors/plugin-load-error.js';
import type {ManifestAction, ManifestElement} from '../manifest/manifest.js';
import type {LoadedPlugin} from './loaded-plugin.js';
import {PluginLoadFailureEvent} from './plugin-load-failure-event.js';
import {PluginRegisteredEvent} from './plugin-registered-event.js';

/** The events a PluginRegistry dispatches, by type. */
export interface PluginRegistryEventMap {
  'plugin-registered': PluginRegisteredEvent;
  'plugin-load-failure': PluginLoadFailureEvent;
  change: Event;
}

/** A plugin that failed to load, as the registry keeps it. */
export interface PluginLoadFailure {
  source: string;
  error: PluginLoadError;
}

/**
 * The plugins a page has loaded, in registration order, and what each adds at every extension point.
 * Dispatches `change` (a plain Event) whenever a plugin is registered or a failure is reported, after
 * `plugin-registered` (PluginRegisteredEvent) or `plugin-load-failure` (PluginLoadFailureEvent).
 */
export class PluginRegistry extends EventTarget {
  #plugins: LoadedPlugin[] = [];
  #failures: PluginLoadFailure[] = [];

  override addEventListener<K extends keyof PluginRegistryEventMap>(
    type: K,
    listener: (this: PluginRegistry, event: PluginRegistryEventMap[K]) => unknown,
    options?: boolean | AddEventListenerOptions,
  ): void;
  override addEventListener(
    type: string,
    listener: EventListenerOrEventListenerObject | null,
    options?: boolean | AddEventListenerOptions,
  ): void;
  override addEventListener(
    type: string,
    listener: EventListenerOrEventListenerObject | null,
    options?: boolean | AddEventListenerOptions,
  ): void {
    super.addEventListener(type, listener, options);
  }

  override removeEventListener<K extends keyof PluginRegistryEventMap>(
    type: K,
    listener: (this: PluginRegistry, event: PluginRegistryEventMap[K]) => unknown,
    options?: boolean | EventListenerOptions,
  ): void;
  override removeEventListener(
    type: string,
    listener: EventListenerOrEventListenerObject | null,
    options?: boolean | EventListenerOptions,
  ): void;
  override removeEventListener(
    type: string,
    listener: EventListenerOrEventListenerObject | null,
    options?: boolean | EventListenerOptions,
  ): void {
    super.removeEventListener(type, listener, options);
  }

  /**
   * Adds a loaded plugin. Throws PluginLoadError `duplicate-plugin` when its id is registered already
   * and `tag-conflict` when another registered plugin declares one of its tags.
   */
  register(plugin: LoadedPlugin): void {
    this.checkRegistrable(plugin.manifest, plugin.manifestUrl ?? `manifest ${plugin.manifest.id}`);
    this.#plugins.push(plugin);
    this.dispatchEvent(new PluginRegisteredEvent(plugin));
    this.dispatchEvent(new Event('change'));
  }

  /** Throws what `register` would throw for this manifest (the loader checks before importing code). */
  checkRegistrable(manifest: {id: string; elements: ManifestElement[]}, source: string): void {
    if (this.get(manifest.id)) {
      throw new PluginLoadError(
        'duplicate-plugin',
        `Plugin "${manifest.id}" is loaded already; each plugin can be loaded once per page.`,
        {source, pluginId: manifest.id},
      );
    }
    for (const {tag} of manifest.elements) {
      const owner = this.#plugins.find((p) => p.manifest.elements.some((e) => e.tag === tag));
      if (owner) {
        throw new PluginLoadError(
          'tag-conflict',
          `Plugin "${manifest.id}" declares <${tag}>, which plugin "${owner.manifest.id}" already defines; one of them must rename its element.`,
          {source, pluginId: manifest.id},
        );
      }
    }
  }

  /** Records a plugin that failed to load, for hosts that show or log failures. */
  reportFailure(source: string, error: PluginLoadError): void {
    this.#failures.push(Object.freeze({source, error}));
    this.dispatchEvent(new PluginLoadFailureEvent(source, error));
    this.dispatchEvent(new Event('change'));
  }

  /** The registered plugins, in registration order. */
  get plugins(): readonly LoadedPlugin[] {
    return Object.freeze([...this.#plugins]);
  }

  /** The plugins that failed to load, in the order they failed. */
  get failures(): readonly PluginLoadFailure[] {
    return Object.freeze([...this.#failures]);
  }

  /** The registered plugin with this id. */
  get(id: string): LoadedPlugin | undefined {
    return this.#plugins.find((p) => p.manifest.id === id);
  }

  /** Every action at `point`, in registration order, then manifest order. */
  actionsAt(point: ExtensionPointName): Array<{plugin: LoadedPlugin; action: ManifestAction}> {
    return this.#plugins.flatMap((plugin) =>
      plugin.manifest.actions
        .filter((a) => a.extensionPoint === point)
        .map((action) => ({plugin, action})),
    );
  }

  /** Every element at `point`, in registration order, then manifest order. */
  elementsAt(point: ExtensionPointName): Array<{plugin: LoadedPlugin; element: ManifestElement}> {
    return this.#plugins.flatMap((plugin) =>
      plugin.manifest.elements
        .filter((e) => e.extensionPoint === point)
        .map((element) => ({plugin, element})),
    );
  }
}
