import {expect, fixture, html} from '@open-wc/testing';
import {PluginLoadError} from '../errors/plugin-load-error.js';
import type {PluginManifest} from '../manifest/manifest.js';
import {loadPlugin} from './load-plugin.js';
import {loadPlugins} from './load-plugins.js';
import {PluginRegistry} from './plugin-registry.js';

type Probe = {crmkitProbe?: Record<string, string>};
const probe = () => ((window as Probe).crmkitProbe ??= {});

let counter = 0;
/** A fresh tag name per test, since a page can define each tag once. */
const uniqueName = (prefix: string) => `${prefix}-${Date.now().toString(36)}-${++counter}`;

/** The source of an entry module that records that it ran (and from where) and defines `tags`. */
const entrySource = (name: string, tags: string[]) =>
  [
    `window.crmkitProbe = window.crmkitProbe || {};`,
    `window.crmkitProbe[${JSON.stringify(name)}] = import.meta.url;`,
    ...tags.map(
      (t) => `customElements.define(${JSON.stringify(t)}, class extends HTMLElement {});`,
    ),
  ].join('\n');

function manifestFor(name: string, extra: Partial<PluginManifest> = {}): PluginManifest {
  return {
    id: `com.example.${name}`,
    name,
    version: '1.0.0',
    sdk: '^0.1.0',
    displayName: {en: name, de: name},
    entry: 'index.js',
    elements: [{tag: `crm-${name}`, extensionPoint: 'lead.detail.panel'}],
    actions: [],
    permissions: ['leads.read'],
    ...extra,
  };
}

async function sri(text: string): Promise<string> {
  const digest = new Uint8Array(
    await crypto.subtle.digest('SHA-384', new TextEncoder().encode(text)),
  );
  return `sha384-${btoa(String.fromCharCode(...digest))}`;
}

/** fetch answering from memory: URL → module text. */
const memoryFetch = (files: Record<string, string>) =>
  (async (url: string) =>
    url in files
      ? new Response(files[url], {headers: {'content-type': 'text/javascript'}})
      : new Response('', {status: 404})) as typeof fetch;

const base = 'https://plugins.example.com/p/';

async function rejection(promise: Promise<unknown>): Promise<PluginLoadError> {
  try {
    await promise;
  } catch (error) {
    expect(error).to.be.instanceOf(PluginLoadError);
    return error as PluginLoadError;
  }
  throw new Error('expected the load to fail');
}

describe('loadPlugin in a page', () => {
  it('fetches a served manifest, imports its entry and the element works', async () => {
    const registry = new PluginRegistry();
    const plugin = await loadPlugin(
      '/packages/sdk/test/fixtures/plugins/served-plugin/plugin.json',
      {
        registry,
      },
    );
    expect(plugin.entryUrl).to.equal(
      new URL('/packages/sdk/test/fixtures/plugins/served-plugin/index.js', location.href).href,
    );
    expect(customElements.get('crm-served-panel')).to.be.a('function');
    expect(registry.elementsAt('lead.detail.panel').map((e) => e.element.tag)).to.deep.equal([
      'crm-served-panel',
    ]);
    const element = await fixture(html`<crm-served-panel></crm-served-panel>`);
    expect(element.textContent).to.equal('served panel');
  });

  it('with integrity, imports exactly the verified bytes from a Blob URL', async () => {
    const name = uniqueName('verified');
    const source = entrySource(name, [`crm-${name}`]);
    const plugin = await loadPlugin(manifestFor(name, {integrity: await sri(source)}), {
      baseUrl: base,
      fetch: memoryFetch({[`${base}index.js`]: source}),
    });
    expect(plugin.entryUrl).to.equal(`${base}index.js`);
    expect(probe()[name]).to.match(/^blob:/);
    expect(customElements.get(`crm-${name}`)).to.be.a('function');
  });

  it('with bad integrity, refuses the entry and never runs it', async () => {
    const name = uniqueName('tampered');
    const signed = entrySource(name, [`crm-${name}`]);
    const served = `${signed}\nwindow.crmkitProbe.tampered = true;`;
    const error = await rejection(
      loadPlugin(manifestFor(name, {integrity: await sri(signed)}), {
        baseUrl: base,
        fetch: memoryFetch({[`${base}index.js`]: served}),
      }),
    );
    expect(error.code).to.equal('integrity-mismatch');
    expect(error.message).to.contain(await sri(served));
    expect(probe()[name]).to.equal(undefined);
    expect(customElements.get(`crm-${name}`)).to.equal(undefined);
  });

  it('an entry with a syntax error is entry-import-failed', async () => {
    const name = uniqueName('syntax');
    const source = 'export const = ;';
    const error = await rejection(
      loadPlugin(manifestFor(name, {integrity: await sri(source)}), {
        baseUrl: base,
        fetch: memoryFetch({[`${base}index.js`]: source}),
      }),
    );
    expect(error.code).to.equal('entry-import-failed');
    expect(error.pluginId).to.equal(`com.example.${name}`);
  });

  it('an entry that does not define its tag is element-not-defined', async () => {
    const name = uniqueName('lazy');
    const source = entrySource(name, []);
    const registry = new PluginRegistry();
    const error = await rejection(
      loadPlugin(manifestFor(name, {integrity: await sri(source)}), {
        baseUrl: base,
        fetch: memoryFetch({[`${base}index.js`]: source}),
        registry,
      }),
    );
    expect(error.code).to.equal('element-not-defined');
    expect(error.message).to.contain(`<crm-${name}>`);
    expect(probe()[name]).to.match(/^blob:/, 'the module ran');
    expect(registry.plugins).to.have.length(0);
    expect(registry.failures.map((f) => f.error.code)).to.deep.equal(['element-not-defined']);
  });

  it('a tag the page already defines is refused before the entry runs', async () => {
    const name = uniqueName('taken');
    customElements.define(`crm-${name}`, class extends HTMLElement {});
    const source = entrySource(name, []);
    const error = await rejection(
      loadPlugin(manifestFor(name, {integrity: await sri(source)}), {
        baseUrl: base,
        fetch: memoryFetch({[`${base}index.js`]: source}),
      }),
    );
    expect(error.code).to.equal('tag-conflict');
    expect(probe()[name]).to.equal(undefined);
  });

  it('aborting while the manifest downloads rejects with aborted', async () => {
    const controller = new AbortController();
    const stalled = ((_url: string, init?: RequestInit) =>
      new Promise<Response>((_resolve, reject) => {
        init?.signal?.addEventListener('abort', () => reject(init.signal?.reason));
        controller.abort();
      })) as typeof fetch;
    const error = await rejection(
      loadPlugin(`${base}plugin.json`, {fetch: stalled, signal: controller.signal}),
    );
    expect(error.code).to.equal('aborted');
  });

  it('two plugins where one fails: the good one loads and works, the page goes on', async () => {
    const good = uniqueName('good');
    const bad = uniqueName('bad');
    const goodSource = entrySource(good, [`crm-${good}`]);
    const badSource = 'throw new Error("plugin crashed while loading");';
    const registry = new PluginRegistry();
    let changes = 0;
    registry.addEventListener('change', () => changes++);
    const result = await loadPlugins(
      [
        manifestFor(bad, {integrity: await sri(badSource), entry: 'bad.js'}),
        manifestFor(good, {integrity: await sri(goodSource), entry: 'good.js'}),
      ],
      {
        baseUrl: base,
        fetch: memoryFetch({[`${base}good.js`]: goodSource, [`${base}bad.js`]: badSource}),
        registry,
      },
    );
    expect(result.loaded.map((p) => p.manifest.name)).to.deep.equal([good]);
    expect(result.failed.map((f) => [f.source, f.error.code])).to.deep.equal([
      [`manifest com.example.${bad}`, 'entry-import-failed'],
    ]);
    expect(result.failed[0]?.error.message).to.contain('plugin crashed while loading');
    expect(changes).to.equal(2);
    const element = await fixture(`<crm-${good}></crm-${good}>`);
    expect(element).to.be.instanceOf(customElements.get(`crm-${good}`)!);
  });
});
