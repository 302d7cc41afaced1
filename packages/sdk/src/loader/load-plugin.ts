import type {PluginLoadErrorCode} from '../errors/plugin-load-error-texts.js';
import {PluginLoadError} from '../errors/plugin-load-error.js';
import {deepFreeze} from '../internal/deep-freeze.js';
import type {PluginManifest} from '../manifest/manifest.js';
import {SDK_VERSION} from '../manifest/sdk-version.js';
import {validateManifest} from '../manifest/validate-manifest.js';
import type {LoadedPlugin, PluginIsolation} from './loaded-plugin.js';
import type {PluginRegistry} from './plugin-registry.js';

export interface LoadPluginOptions {
  /** What relative manifest URLs and manifest objects' entries resolve against; default: the page URL. */
  baseUrl?: string | URL;
  /** Default: the global `fetch`. */
  fetch?: typeof fetch;
  /**
   * Imports a module by URL; default: dynamic `import()`. Tests and hosts with their own module
   * loading pass their own.
   */
  importModule?: (url: string) => Promise<unknown>;
  /** Where the plugin is registered (and a failure reported); without one, nothing is registered. */
  registry?: PluginRegistry;
  /** Where the entry's elements must be defined; default: the global `customElements`. */
  customElements?: CustomElementRegistry;
  signal?: AbortSignal;
  /** The SDK version the manifest's `sdk` range must accept; default: {@link SDK_VERSION}. */
  sdkVersion?: string;
  /**
   * `frame`: the plugin will run sandboxed, so its entry is neither fetched nor imported here (nor
   * its tags looked up in this realm's registry, where they are never defined): only the manifest is
   * validated and checked against the registry, and its entry URL resolved. The frame's own loader
   * then fetches, verifies and imports the entry inside the frame. Default `page`.
   */
  isolation?: PluginIsolation;
}

/** Plain dynamic import, kept opaque to bundlers. */
const dynamicImport = (url: string): Promise<unknown> => import(/* @vite-ignore */ url);

function base64(bytes: ArrayBuffer): string {
  const view = new Uint8Array(bytes);
  let binary = '';
  for (let i = 0; i < view.length; i += 0x8000) {
    binary += String.fromCharCode(...view.subarray(i, i + 0x8000));
  }
  return btoa(binary);
}

/**
 * A URL that imports exactly `bytes`: a Blob URL in a page (revoked after import), a data: URL
 * elsewhere (Node cannot import Blob URLs). Either way relative imports inside the module cannot
 * resolve, which is why entries are single-file ES modules.
 */
function moduleUrlOf(bytes: ArrayBuffer): {url: string; release(): void} {
  if (typeof document !== 'undefined' && typeof URL.createObjectURL === 'function') {
    const url = URL.createObjectURL(new Blob([bytes], {type: 'text/javascript'}));
    return {url, release: () => URL.revokeObjectURL(url)};
  }
  return {url: `data:text/javascript;base64,${base64(bytes)}`, release: () => {}};
}

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** The part of loadPlugin that does not register: validate, check, fetch, verify, import, check tags. */
export async function preparePlugin(
  source: string | URL | PluginManifest,
  options: LoadPluginOptions = {},
): Promise<LoadedPlugin> {
  const isManifest = typeof source === 'object' && !(source instanceof URL);
  let label = isManifest
    ? `manifest ${typeof source.id === 'string' ? source.id : '(without id)'}`
    : String(source);
  let pluginId: string | undefined;
  const fail = (
    code: PluginLoadErrorCode,
    message: string,
    extra: {cause?: unknown; issues?: PluginLoadError['issues']} = {},
  ) =>
    new PluginLoadError(code, message, {
      source: label,
      ...(pluginId === undefined ? {} : {pluginId}),
      ...(extra.cause === undefined ? {} : {cause: extra.cause}),
      ...(extra.issues === undefined ? {} : {issues: [...extra.issues]}),
    });
  const checkAborted = () => {
    if (options.signal?.aborted) {
      throw fail('aborted', `Loading ${label} was aborted.`, {cause: options.signal.reason});
    }
  };
  const doFetch = options.fetch ?? globalThis.fetch.bind(globalThis);
  const pageUrl = (globalThis as {location?: {href: string}}).location?.href;
  const baseUrl = options.baseUrl === undefined ? pageUrl : String(options.baseUrl);

  checkAborted();
  let manifestUrl: URL | undefined;
  let input: unknown = source;
  if (!isManifest) {
    try {
      manifestUrl = new URL(String(source), baseUrl);
    } catch (cause) {
      throw fail(
        'invalid-source',
        `"${String(source)}" is not a URL and there is no baseUrl to resolve it against; pass an absolute URL or options.baseUrl.`,
        {cause},
      );
    }
    label = manifestUrl.href;
    let response: Response;
    try {
      response = await doFetch(manifestUrl.href, options.signal ? {signal: options.signal} : {});
    } catch (cause) {
      checkAborted();
      throw fail(
        'manifest-fetch-failed',
        `Could not fetch the manifest ${label}: ${messageOf(cause)}.`,
        {cause},
      );
    }
    if (!response.ok) {
      throw fail(
        'manifest-fetch-failed',
        `Could not fetch the manifest ${label}: HTTP ${response.status}${response.statusText ? ` ${response.statusText}` : ''}.`,
      );
    }
    input = await response.text();
  } else if (baseUrl !== undefined) {
    try {
      manifestUrl = new URL(baseUrl);
    } catch (cause) {
      throw fail('invalid-source', `baseUrl "${baseUrl}" is not an absolute URL.`, {cause});
    }
  }

  const sdkVersion = options.sdkVersion ?? SDK_VERSION;
  const result = validateManifest(input, {file: label, sdkVersion});
  if (!result.valid || !result.manifest) {
    const errors = result.issues.filter((i) => i.severity === 'error');
    const sdk = errors.find((i) => i.code === 'sdk-unsatisfied');
    const id = (typeof input === 'string' ? undefined : (input as {id?: unknown})?.id) ?? undefined;
    if (typeof id === 'string') pluginId = id;
    if (sdk && errors.length === 1) {
      throw fail('sdk-incompatible', `Plugin ${label} needs another @crmkit/sdk: ${sdk.message}.`, {
        issues: result.issues,
      });
    }
    const list = errors
      .slice(0, 3)
      .map((i) => `${i.pointer || '/'}: ${i.message}`)
      .join('; ');
    throw fail(
      'invalid-manifest',
      `The manifest ${label} is invalid (${errors.length} error${errors.length === 1 ? '' : 's'}): ${list}${errors.length > 3 ? '; …' : ''}. Run "crmkit validate" on the plugin folder for every detail.`,
      {issues: result.issues},
    );
  }
  const manifest = result.manifest;
  pluginId = manifest.id;
  if (isManifest) label = `manifest ${manifest.id}`;

  options.registry?.checkRegistrable(manifest, label);
  const inFrame = options.isolation === 'frame';
  const elements =
    options.customElements ??
    (globalThis as {customElements?: CustomElementRegistry}).customElements;
  for (const {tag} of inFrame ? [] : manifest.elements) {
    if (elements?.get(tag)) {
      throw fail(
        'tag-conflict',
        `Plugin "${manifest.id}" declares <${tag}>, but the page already defines that element (another script or plugin); rename the element.`,
      );
    }
  }

  if (!manifestUrl) {
    throw fail(
      'invalid-source',
      `Plugin "${manifest.id}" was given as an object without options.baseUrl, so its entry "${manifest.entry}" cannot be resolved; pass the URL of its folder as baseUrl.`,
    );
  }
  const entryUrl = new URL(manifest.entry, manifestUrl);
  if (!entryUrl.href.startsWith(new URL('.', manifestUrl).href)) {
    throw fail(
      'invalid-manifest',
      `The entry of plugin "${manifest.id}" resolves to ${entryUrl.href}, outside its folder.`,
    );
  }

  if (inFrame) {
    // Nothing of the plugin's code reaches this realm; the frame verifies the entry before it runs it.
    return Object.freeze({
      manifest: deepFreeze(manifest),
      entryUrl: entryUrl.href,
      baseUrl: manifestUrl.href,
      ...(isManifest ? {} : {manifestUrl: manifestUrl.href}),
      isolation: 'frame' as const,
    });
  }

  const importModule = options.importModule ?? dynamicImport;
  let moduleUrl = entryUrl.href;
  let release = () => {};
  if (manifest.integrity) {
    checkAborted();
    let response: Response;
    try {
      response = await doFetch(entryUrl.href, options.signal ? {signal: options.signal} : {});
    } catch (cause) {
      checkAborted();
      throw fail(
        'entry-fetch-failed',
        `Could not fetch the entry ${entryUrl.href} of plugin "${manifest.id}": ${messageOf(cause)}.`,
        {cause},
      );
    }
    if (!response.ok) {
      throw fail(
        'entry-fetch-failed',
        `Could not fetch the entry ${entryUrl.href} of plugin "${manifest.id}": HTTP ${response.status}.`,
      );
    }
    const bytes = await response.arrayBuffer();
    const subtle = (globalThis as {crypto?: Crypto}).crypto?.subtle;
    if (!subtle) {
      throw fail(
        'integrity-unverifiable',
        `Plugin "${manifest.id}" has an integrity, but this page cannot compute SHA-384 (crypto.subtle needs a secure context: https or localhost).`,
      );
    }
    const actual = `sha384-${base64(await subtle.digest('SHA-384', bytes))}`;
    if (actual !== manifest.integrity) {
      throw fail(
        'integrity-mismatch',
        `The entry ${entryUrl.href} of plugin "${manifest.id}" does not match its integrity: expected ${manifest.integrity}, got ${actual}. The file changed after the manifest was written; rebuild the plugin (which updates "integrity") or restore the file.`,
      );
    }
    ({url: moduleUrl, release} = moduleUrlOf(bytes));
  }

  checkAborted();
  try {
    await importModule(moduleUrl);
  } catch (cause) {
    throw fail(
      'entry-import-failed',
      `Importing the entry ${entryUrl.href} of plugin "${manifest.id}" failed: ${messageOf(cause)}. Entries must be single-file ES modules (bare imports like "lit" resolve through the page's import map).`,
      {cause},
    );
  } finally {
    release();
  }

  if (manifest.elements.length > 0) {
    if (!elements) {
      throw fail(
        'no-custom-elements',
        `Plugin "${manifest.id}" defines elements, but there is no custom element registry here; load plugins in a page or pass options.customElements.`,
      );
    }
    const missing = manifest.elements.map((e) => e.tag).filter((tag) => !elements.get(tag));
    if (missing.length) {
      throw fail(
        'element-not-defined',
        `The entry of plugin "${manifest.id}" did not define ${missing.map((t) => `<${t}>`).join(', ')}. Call customElements.define() for every tag in "elements" when the module is imported.`,
      );
    }
  }

  return Object.freeze({
    manifest: deepFreeze(manifest),
    entryUrl: entryUrl.href,
    baseUrl: manifestUrl.href,
    ...(isManifest ? {} : {manifestUrl: manifestUrl.href}),
  });
}

/**
 * Loads one plugin: fetches its manifest (when given a URL), validates it, checks the `sdk` range,
 * fetches the entry and verifies its `integrity` when the manifest has one (then imports exactly the
 * verified bytes), imports the entry, checks that every declared tag got defined, and registers the
 * plugin in `options.registry`. With `isolation: 'frame'` it stops after the manifest checks: the
 * entry is for a sandboxed frame to fetch, verify and import, never this realm. Rejects with a PluginLoadError (and reports it to the registry) on
 * the first step that fails; nothing is registered then.
 */
export async function loadPlugin(
  source: string | URL | PluginManifest,
  options: LoadPluginOptions = {},
): Promise<LoadedPlugin> {
  try {
    const plugin = await preparePlugin(source, options);
    options.registry?.register(plugin);
    return plugin;
  } catch (error) {
    const failure = asLoadError(error, source);
    options.registry?.reportFailure(failure.source, failure);
    throw failure;
  }
}

/** Any error as a PluginLoadError (an unexpected one becomes `load-failed` with its cause). */
export function asLoadError(
  error: unknown,
  source: string | URL | PluginManifest,
): PluginLoadError {
  if (error instanceof PluginLoadError) return error;
  const label =
    typeof source === 'object' && !(source instanceof URL)
      ? `manifest ${String(source.id)}`
      : String(source);
  return new PluginLoadError('load-failed', `Loading ${label} failed: ${messageOf(error)}.`, {
    source: label,
    cause: error,
  });
}
