import {test} from 'node:test';
import assert from 'node:assert/strict';
import {createHash} from 'node:crypto';
import {readFileSync} from 'node:fs';
import {PluginLoadError} from '../errors/plugin-load-error.js';
import type {PluginManifest} from '../manifest/manifest.js';
import {loadPlugin} from './load-plugin.js';
import {loadPlugins} from './load-plugins.js';
import {PluginLoadFailureEvent} from './plugin-load-failure-event.js';
import {PluginRegisteredEvent} from './plugin-registered-event.js';
import {PluginRegistry} from './plugin-registry.js';

const rejectLead: PluginManifest = JSON.parse(
  readFileSync(new URL('../../../../plugins/reject-lead/plugin.json', import.meta.url), 'utf8'),
);
const origin = 'https://crm.example.com';

/** A plugin manifest with its own id and tag, derived from reject-lead's. */
function manifest(name: string, extra: Partial<PluginManifest> = {}): PluginManifest {
  const tag = `crm-${name}`;
  return {
    ...structuredClone(rejectLead),
    id: `com.example.${name}`,
    name,
    elements: [{tag, extensionPoint: 'lead.detail.actions'}],
    actions: [{...structuredClone(rejectLead.actions[0]!), id: name, opens: tag}],
    ...extra,
  };
}

/** An in-memory web server: URL → body (string) or HTTP status; records every request. */
function server(files: Record<string, string | number>) {
  const requests: string[] = [];
  const fetch = (async (url: string) => {
    requests.push(url);
    const file = files[url];
    if (file === undefined)
      return new Response('not found', {status: 404, statusText: 'Not Found'});
    if (typeof file === 'number') return new Response('', {status: file});
    return new Response(file, {status: 200});
  }) as typeof globalThis.fetch;
  return {fetch, requests};
}

/** A custom element registry stand-in and an importer whose modules "define" tags in it. */
function page(modules: Record<string, string[] | Error> = {}) {
  const defined = new Set<string>();
  const imported: string[] = [];
  const customElements = {
    get: (tag: string) => (defined.has(tag) ? class {} : undefined),
  } as unknown as CustomElementRegistry;
  const importModule = async (url: string) => {
    imported.push(url);
    const effect = modules[url];
    if (effect instanceof Error) throw effect;
    for (const tag of effect ?? []) defined.add(tag);
    return {};
  };
  return {customElements, importModule, imported, defined};
}

const sri = (text: string) => `sha384-${createHash('sha384').update(text).digest('base64')}`;

async function loadError(promise: Promise<unknown>): Promise<PluginLoadError> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof PluginLoadError, String(error));
    return error;
  }
  assert.fail('expected a PluginLoadError');
}

test('loads a plugin from its manifest URL and registers its elements and actions', async () => {
  const url = `${origin}/plugins/reject-lead/plugin.json`;
  const {fetch, requests} = server({[url]: JSON.stringify(rejectLead)});
  const entry = `${origin}/plugins/reject-lead/dist/index.js`;
  const {customElements, importModule, imported} = page({[entry]: ['crm-reject-lead']});
  const registry = new PluginRegistry();
  const events: string[] = [];
  registry.addEventListener('change', () => events.push('change'));
  registry.addEventListener('plugin-registered', (e) => events.push(e.plugin.manifest.id));

  const plugin = await loadPlugin('/plugins/reject-lead/plugin.json', {
    baseUrl: `${origin}/leads/L-1`,
    fetch,
    importModule,
    customElements,
    registry,
  });
  assert.equal(plugin.entryUrl, entry);
  assert.equal(plugin.manifestUrl, url);
  assert.equal(plugin.manifest.id, 'dev.crmkit.reject-lead');
  assert.ok(Object.isFrozen(plugin) && Object.isFrozen(plugin.manifest.actions[0]));
  assert.deepEqual(requests, [url], 'without integrity, the entry is imported, not fetched');
  assert.deepEqual(imported, [entry]);
  assert.deepEqual(events, ['dev.crmkit.reject-lead', 'change']);
  assert.deepEqual(registry.plugins, [plugin]);
  assert.deepEqual(
    registry
      .actionsAt('lead.detail.actions')
      .map(({plugin: p, action}) => [p.manifest.id, action.id]),
    [['dev.crmkit.reject-lead', 'reject']],
  );
  assert.deepEqual(
    registry.elementsAt('lead.detail.actions').map(({element}) => element.tag),
    ['crm-reject-lead'],
  );
  assert.deepEqual(registry.actionsAt('lead.detail.panel'), []);
});

test('a manifest that cannot be fetched: HTTP status and network error', async () => {
  const {fetch} = server({[`${origin}/gone/plugin.json`]: 500});
  const e500 = await loadError(loadPlugin(`${origin}/gone/plugin.json`, {fetch}));
  assert.equal(e500.code, 'manifest-fetch-failed');
  assert.match(e500.message, /HTTP 500/);
  const e404 = await loadError(loadPlugin(`${origin}/missing/plugin.json`, {fetch}));
  assert.match(e404.message, /HTTP 404 Not Found/);
  assert.equal(e404.source, `${origin}/missing/plugin.json`);
  const offline = (async () => {
    throw new TypeError('Failed to fetch');
  }) as typeof globalThis.fetch;
  const eNet = await loadError(loadPlugin(`${origin}/p/plugin.json`, {fetch: offline}));
  assert.equal(eNet.code, 'manifest-fetch-failed');
  assert.match(eNet.message, /Failed to fetch/);
  assert.ok(eNet.cause instanceof TypeError);
});

test('an invalid manifest is refused with its issues, positioned in the fetched file', async () => {
  const url = `${origin}/bad/plugin.json`;
  const bad = {...rejectLead, permissions: ['leads.read']};
  const {fetch} = server({[url]: JSON.stringify(bad, null, 2)});
  const {importModule, imported} = page();
  const error = await loadError(loadPlugin(url, {fetch, importModule}));
  assert.equal(error.code, 'invalid-manifest');
  assert.equal(error.pluginId, undefined);
  assert.match(error.message, /requires "leads.reject"/);
  assert.deepEqual(
    error.issues.map((i) => [i.code, i.file, i.line > 0]),
    [['requires-undeclared-permission', url, true]],
  );
  assert.deepEqual(imported, []);
});

test('an SDK range this SDK does not satisfy is sdk-incompatible', async () => {
  const {importModule, imported, customElements} = page();
  const options = {baseUrl: `${origin}/p/`, importModule, customElements};
  const error = await loadError(loadPlugin(manifest('future', {sdk: '^3.0.0'}), options));
  assert.equal(error.code, 'sdk-incompatible');
  assert.equal(error.pluginId, 'com.example.future');
  assert.match(error.message, /@crmkit\/sdk 0\.1\.0.*"\^3\.0\.0"/);
  const newer = await loadError(loadPlugin(manifest('old'), {...options, sdkVersion: '1.0.0'}));
  assert.equal(newer.code, 'sdk-incompatible');
  assert.deepEqual(imported, []);
});

test('bad integrity: the entry is fetched, refused, and never imported', async () => {
  const entryText = 'export const version = 1;';
  const m = manifest('signed', {integrity: sri('export const version = 0;')});
  const {fetch, requests} = server({[`${origin}/p/dist/index.js`]: entryText});
  const {importModule, imported, customElements} = page();
  const error = await loadError(
    loadPlugin(m, {baseUrl: `${origin}/p/plugin.json`, fetch, importModule, customElements}),
  );
  assert.equal(error.code, 'integrity-mismatch');
  assert.ok(error.message.includes(sri(entryText)), 'names the actual hash');
  assert.deepEqual(requests, [`${origin}/p/dist/index.js`]);
  assert.deepEqual(imported, []);
});

test('good integrity: exactly the verified bytes are imported (a data: URL in Node)', async () => {
  const g = globalThis as {crmkitTestDefined?: Set<string>};
  g.crmkitTestDefined = new Set();
  const entryText = 'globalThis.crmkitTestDefined.add("crm-verified");';
  const m = manifest('verified', {integrity: sri(entryText)});
  const {fetch} = server({[`${origin}/p/dist/index.js`]: entryText});
  const customElements = {
    get: (tag: string) => (g.crmkitTestDefined?.has(tag) ? class {} : undefined),
  } as unknown as CustomElementRegistry;
  const plugin = await loadPlugin(m, {baseUrl: `${origin}/p/plugin.json`, fetch, customElements});
  assert.equal(plugin.entryUrl, `${origin}/p/dist/index.js`);
  assert.deepEqual([...g.crmkitTestDefined], ['crm-verified']);
  delete g.crmkitTestDefined;
});

test('an entry that fails to import is entry-import-failed, with the cause', async () => {
  const entry = `${origin}/p/dist/index.js`;
  const cause = new SyntaxError("Unexpected token '<'");
  const {importModule, customElements} = page({[entry]: cause});
  const error = await loadError(
    loadPlugin(manifest('broken'), {baseUrl: `${origin}/p/`, importModule, customElements}),
  );
  assert.equal(error.code, 'entry-import-failed');
  assert.equal(error.cause, cause);
  assert.match(error.message, /Unexpected token.*single-file ES modules/);
});

test('an entry that does not define a declared tag is element-not-defined', async () => {
  const m = manifest('half', {
    elements: [
      {tag: 'crm-half', extensionPoint: 'lead.detail.actions'},
      {tag: 'crm-half-panel', extensionPoint: 'lead.detail.panel'},
    ],
  });
  const {importModule, customElements} = page({[`${origin}/p/dist/index.js`]: ['crm-half']});
  const registry = new PluginRegistry();
  const error = await loadError(
    loadPlugin(m, {baseUrl: `${origin}/p/`, importModule, customElements, registry}),
  );
  assert.equal(error.code, 'element-not-defined');
  assert.match(error.message, /<crm-half-panel>/);
  assert.doesNotMatch(error.message, /<crm-half>/);
  assert.deepEqual(registry.plugins, []);
  assert.deepEqual(
    registry.failures.map((f) => [f.source, f.error.code]),
    [['manifest com.example.half', 'element-not-defined']],
  );
});

test('two plugins where one fails: the other loads, both outcomes are reported in order', async () => {
  const good = `${origin}/good/plugin.json`;
  const bad = `${origin}/bad/plugin.json`;
  const {fetch} = server({
    [good]: JSON.stringify(manifest('good')),
    [bad]: JSON.stringify(manifest('bad')),
  });
  const {importModule, customElements} = page({
    [`${origin}/good/dist/index.js`]: ['crm-good'],
    [`${origin}/bad/dist/index.js`]: new Error('boom'),
  });
  const registry = new PluginRegistry();
  const failures: PluginLoadFailureEvent[] = [];
  registry.addEventListener('plugin-load-failure', (e) => failures.push(e));
  assert.equal(PluginLoadFailureEvent.type, 'plugin-load-failure');
  assert.equal(PluginRegisteredEvent.type, 'plugin-registered');
  const result = await loadPlugins([bad, good, `${origin}/none/plugin.json`], {
    fetch,
    importModule,
    customElements,
    registry,
  });
  assert.deepEqual(
    result.loaded.map((p) => p.manifest.id),
    ['com.example.good'],
  );
  assert.deepEqual(
    result.failed.map((f) => [f.source, f.error.code]),
    [
      [bad, 'entry-import-failed'],
      [`${origin}/none/plugin.json`, 'manifest-fetch-failed'],
    ],
  );
  assert.deepEqual(
    failures.map((e) => e.error.code),
    ['entry-import-failed', 'manifest-fetch-failed'],
  );
  assert.deepEqual(
    registry.actionsAt('lead.detail.actions').map((a) => a.action.id),
    ['good'],
  );
});

test('loadPlugins registers in source order, whatever order the loads finish in', async () => {
  const releases: Array<() => void> = [];
  const urls = ['a', 'b', 'c'].map((n) => `${origin}/${n}/plugin.json`);
  const fetch = ((url: string) =>
    new Promise<Response>((resolve) => {
      const name = /\/(\w)\/plugin\.json$/.exec(url)?.[1] ?? '';
      releases.push(() => resolve(new Response(JSON.stringify(manifest(`order-${name}`)))));
    })) as typeof globalThis.fetch;
  const {importModule, customElements} = page(
    Object.fromEntries(
      ['a', 'b', 'c'].map((n) => [`${origin}/${n}/dist/index.js`, [`crm-order-${n}`]]),
    ),
  );
  const registry = new PluginRegistry();
  const loading = loadPlugins(urls, {fetch, importModule, customElements, registry});
  while (releases.length < 3) await new Promise((r) => setImmediate(r));
  for (const release of [...releases].reverse()) release();
  await loading;
  assert.deepEqual(
    registry.plugins.map((p) => p.manifest.name),
    ['order-a', 'order-b', 'order-c'],
  );
});

test('the same plugin twice is duplicate-plugin, and its code is not imported again', async () => {
  const {importModule, imported, customElements} = page({
    [`${origin}/p/dist/index.js`]: ['crm-twice'],
  });
  const registry = new PluginRegistry();
  const options = {baseUrl: `${origin}/p/`, importModule, customElements, registry};
  await loadPlugin(manifest('twice'), options);
  const error = await loadError(loadPlugin(manifest('twice'), options));
  assert.equal(error.code, 'duplicate-plugin');
  assert.equal(imported.length, 1);
  const other = manifest('twice', {id: 'com.example.other-twice'});
  const conflict = await loadError(loadPlugin(other, options));
  assert.equal(conflict.code, 'tag-conflict');
  assert.match(conflict.message, /<crm-twice>.*com\.example\.twice/);
});

test('a tag the page already defines is tag-conflict, before any code runs', async () => {
  const {importModule, imported, customElements, defined} = page();
  defined.add('crm-taken');
  const error = await loadError(
    loadPlugin(manifest('taken'), {baseUrl: `${origin}/p/`, importModule, customElements}),
  );
  assert.equal(error.code, 'tag-conflict');
  assert.deepEqual(imported, []);
});

test('abort, a manifest object without baseUrl, and no custom element registry', async () => {
  const controller = new AbortController();
  controller.abort();
  const aborted = await loadError(
    loadPlugin(`${origin}/p/plugin.json`, {signal: controller.signal, fetch: server({}).fetch}),
  );
  assert.equal(aborted.code, 'aborted');

  const noBase = await loadError(loadPlugin(manifest('nobase')));
  assert.equal(noBase.code, 'invalid-source');
  assert.match(noBase.message, /baseUrl/);

  const relative = await loadError(loadPlugin('plugins/x/plugin.json'));
  assert.equal(relative.code, 'invalid-source');

  const noElements = await loadError(
    loadPlugin(manifest('headless'), {baseUrl: `${origin}/p/`, importModule: async () => ({})}),
  );
  assert.equal(noElements.code, 'no-custom-elements');
});

test('isolation frame: the manifest is checked and registered, the entry neither fetched nor imported', async () => {
  const web = server({});
  const realm = page();
  const registry = new PluginRegistry();
  const plugin = await loadPlugin(manifest('framed', {integrity: `sha384-${'A'.repeat(64)}`}), {
    baseUrl: `${origin}/plugins/com.example.framed/1.0.0/`,
    fetch: web.fetch,
    importModule: realm.importModule,
    customElements: realm.customElements,
    registry,
    isolation: 'frame',
  });
  assert.deepEqual(web.requests, []);
  assert.deepEqual(realm.imported, []);
  assert.equal(plugin.isolation, 'frame');
  assert.equal(plugin.entryUrl, `${origin}/plugins/com.example.framed/1.0.0/${rejectLead.entry}`);
  assert.equal(plugin.baseUrl, `${origin}/plugins/com.example.framed/1.0.0/`);
  assert.deepEqual(registry.plugins, [plugin]);
  assert.deepEqual(
    registry.actionsAt('lead.detail.actions').map((a) => a.action.opens),
    ['crm-framed'],
  );
});

test('isolation frame: an invalid manifest or an entry outside its folder is still refused', async () => {
  const options = {baseUrl: `${origin}/plugins/x/1/`, isolation: 'frame' as const};
  await assert.rejects(
    loadPlugin(
      {...manifest('bad'), permissions: ['leads.nope']} as unknown as PluginManifest,
      options,
    ),
    (error: PluginLoadError) => error.code === 'invalid-manifest',
  );
  await assert.rejects(
    loadPlugin(manifest('out', {entry: '../../other/index.js'}), options),
    (error: PluginLoadError) =>
      error.code === 'invalid-manifest' || error.code === 'invalid-source',
  );
});
