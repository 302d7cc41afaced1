import {PluginMountError} from './plugin-mount-error.js';

export interface MountPluginElementOptions {
  pluginId: string;
  tag: string;
  /** Where to append the element. */
  parent: Element;
  /** The `slot` attribute to give it (the extension point's `dialog` or `panel` slot). */
  slot: string;
  /** The record id, set as property `leadId` and attribute `lead-id`. */
  recordId: string | undefined;
  /** The guarded context, set as property `context`. */
  context: unknown;
  registry?: CustomElementRegistry;
}

/**
 * Creates a plugin's element, gives it `leadId` / `lead-id` and `context`, and appends it to `parent`,
 * turning every way a plugin can fail here into a {@link PluginMountError} instead of an exception on
 * the page: the tag not being defined, the constructor throwing, a property setter throwing, or
 * `connectedCallback` throwing. (The platform only *reports* errors thrown by `connectedCallback`; they
 * are caught here by a capturing `error` listener on `window`, with `window.onerror` set aside, only
 * during the append; the half-mounted element is removed again.)
 */
export function mountPluginElement(options: MountPluginElementOptions): HTMLElement {
  const {pluginId, tag, parent} = options;
  const registry = options.registry ?? customElements;
  const constructor = registry.get(tag);
  if (!constructor) {
    throw new PluginMountError(
      'element-not-defined',
      pluginId,
      tag,
      `Plugin ${pluginId} declares <${tag}>, but no custom element with that name is defined. Check that the plugin's entry module calls customElements.define('${tag}', …).`,
    );
  }
  let element: HTMLElement;
  try {
    element = new constructor();
    element.slot = options.slot;
    if (options.recordId !== undefined) element.setAttribute('lead-id', options.recordId);
    Object.assign(element, {leadId: options.recordId, context: options.context});
  } catch (error) {
    throw new PluginMountError(
      'element-constructor-failed',
      pluginId,
      tag,
      `Plugin ${pluginId}: creating <${tag}> failed: ${describe(error)}`,
      {cause: error},
    );
  }

  const reported: unknown[] = [];
  const capture = (event: ErrorEvent) => {
    reported.push(event.error ?? event.message);
    event.preventDefault();
    event.stopImmediatePropagation();
  };
  // `window.onerror` runs even when a capturing listener stops the event, so it is set aside too.
  const onerror = window.onerror;
  window.onerror = null;
  window.addEventListener('error', capture, true);
  try {
    parent.append(element);
  } catch (error) {
    reported.push(error);
  } finally {
    window.removeEventListener('error', capture, true);
    window.onerror = onerror;
  }
  if (reported.length) {
    element.remove();
    throw new PluginMountError(
      'element-connect-failed',
      pluginId,
      tag,
      `Plugin ${pluginId}: <${tag}> failed when it was connected: ${describe(reported[0])}`,
      {cause: reported[0]},
    );
  }
  return element;
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
