import {expect, html, oneEvent, waitUntil} from '@open-wc/testing';
import {Updates} from '@microsoft/fast-element';
import {PluginRegistry} from '@crmkit/sdk';
import type {PluginContext, PluginManifest} from '@crmkit/sdk';
import '../define.js';
import type {CrmExtensionPoint} from '../extension-point/crm-extension-point.js';
import type {CrmPluginHost} from './crm-plugin-host.js';
import {
  LEAD,
  MAX,
  TestLitPlugin,
  TestVanillaPlugin,
  defineTestElement,
  spyHost,
  testManifest,
  uniqueTag,
} from '../../test/test-plugins.js';
import {axeViolations} from '../../test/load-axe.js';
import {mountElement, mountFixture, removeFixtures} from '../../test/mount-fixture.js';

// FAST renders on animation frames, which a page running in the background (the test runner runs
// files in parallel pages) does not get: render synchronously instead.
Updates.setMode(false);

type PluginElement = HTMLElement & {context?: PluginContext};

async function settle(): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve));
}

/** `oneEvent`, typed by the event map. */
function once<K extends keyof GlobalEventHandlersEventMap>(
  target: EventTarget,
  type: K,
): Promise<GlobalEventHandlersEventMap[K]> {
  return oneEvent<GlobalEventHandlersEventMap[K]>(target, type);
}

/** A host (not yet connected) with a user, a host API and the given load options. */
function createHost(options: Partial<CrmPluginHost['loadOptions']> = {}): CrmPluginHost {
  const host = document.createElement('crm-plugin-host');
  host.host = spyHost();
  host.user = MAX;
  host.loadOptions = {baseUrl: 'https://plugins.test/', ...options};
  const point = document.createElement('crm-extension-point');
  point.setAttribute('name', 'lead.detail.actions');
  point.setAttribute('record-id', 'L-1001');
  host.append(point);
  return host;
}

async function connect(host: CrmPluginHost): Promise<CrmExtensionPoint> {
  mountElement(host);
  await settle();
  return host.querySelector('crm-extension-point')!;
}

function labels(point: CrmExtensionPoint): string[] {
  return [...point.shadowRoot!.querySelectorAll('button[part="action"]')].map(
    (b) => b.textContent?.trim() ?? '',
  );
}

/** An importModule that defines `tag` for entry URLs containing `name`, and fails for `fail`. */
function importer(defs: Record<string, {tag: string; base?: CustomElementConstructor}>) {
  return async (url: string) => {
    const match = Object.entries(defs).find(([name]) => url.includes(name));
    if (!match) throw new TypeError(`Failed to fetch dynamically imported module: ${url}`);
    const [, {tag, base}] = match;
    if (!customElements.get(tag)) defineTestElement(tag, base ?? TestVanillaPlugin);
    return {};
  };
}

function withEntry(manifest: PluginManifest, entry: string): PluginManifest {
  return {...manifest, entry};
}

afterEach(removeFixtures);

describe('<crm-plugin-host> loading plugins', () => {
  it('loads manifests given as `sources` and offers their actions', async () => {
    const tag = uniqueTag('reject');
    const host = createHost({importModule: importer({'good.js': {tag, base: TestLitPlugin}})});
    const loaded = once(host, 'crm-plugins-loaded');
    host.sources = [withEntry(testManifest({id: 'dev.test.good', tag}), 'good.js')];
    const point = await connect(host);
    const event = await loaded;
    expect(event.loaded.map((p) => p.manifest.id)).to.deep.equal(['dev.test.good']);
    expect(event.failed).to.deep.equal([]);
    await host.loaded;
    await settle();
    expect(host.registry!.plugins.map((p) => p.manifest.id)).to.deep.equal(['dev.test.good']);
    expect(labels(point)).to.deep.equal(['Reject']);
    expect(point.open('dev.test.good/open')).to.equal(true);
    expect(point.querySelector(tag)).to.not.equal(null);
  });

  it('reports a plugin whose entry fails to import and still loads the other', async () => {
    const good = uniqueTag('good');
    const host = createHost({importModule: importer({'good.js': {tag: good}})});
    const failures: Array<{source: string; code: string}> = [];
    host.addEventListener('crm-plugin-load-failed', (e) =>
      failures.push({source: e.source, code: e.error.code}),
    );
    host.sources = [
      withEntry(testManifest({id: 'dev.test.broken', tag: uniqueTag('broken')}), 'broken.js'),
      withEntry(testManifest({id: 'dev.test.good', tag: good, label: {en: 'Good'}}), 'good.js'),
    ];
    const point = await connect(host);
    await host.loaded;
    await settle();
    expect(failures.map((f) => f.code)).to.deep.equal(['entry-import-failed']);
    expect(labels(point)).to.deep.equal(['Good']);
    expect(point.open('dev.test.good/open')).to.equal(true);

    const status = host.shadowRoot!.querySelector('[role="status"]')!;
    expect(status.textContent).to.contain('1 plugin(s) could not be loaded.');
    expect(status.textContent).to.contain('dev.test.broken');
    expect(status.textContent).to.contain('entry-import-failed');
    expect(await axeViolations(host)).to.deep.equal([]);
  });

  it('reports a declared tag the entry never defines, in German', async () => {
    const host = createHost({importModule: async () => ({})});
    host.locale = 'de';
    const failed = once(host, 'crm-plugin-load-failed');
    host.sources = [
      withEntry(testManifest({id: 'dev.test.undefined', tag: uniqueTag('nope')}), 'x.js'),
    ];
    await connect(host);
    expect((await failed).error.code).to.equal('element-not-defined');
    await host.loaded;
    await settle();
    const status = host.shadowRoot!.querySelector('[role="status"]')!;
    expect(status.textContent).to.contain('1 Plugin(s) konnte(n) nicht geladen werden.');
    expect(status.textContent).to.contain('Plugin konnte nicht geladen werden: dev.test.undefined');
  });

  it('loads manifest URLs from the plugin-urls attribute', async () => {
    const first = uniqueTag('first');
    const second = uniqueTag('second');
    const manifests: Record<string, PluginManifest> = {
      'https://plugins.test/a/plugin.json': testManifest({
        id: 'dev.test.a',
        tag: first,
        label: {en: 'A'},
      }),
      'https://plugins.test/b/plugin.json': testManifest({
        id: 'dev.test.b',
        tag: second,
        label: {en: 'B'},
      }),
    };
    const requested: string[] = [];
    const host = createHost({
      fetch: async (input: RequestInfo | URL) => {
        const url = String(input instanceof Request ? input.url : input);
        requested.push(url);
        const manifest = manifests[url];
        return manifest
          ? new Response(JSON.stringify(manifest), {headers: {'content-type': 'application/json'}})
          : new Response('not found', {status: 404});
      },
      importModule: importer({'/a/': {tag: first}, '/b/': {tag: second}}),
    });
    host.setAttribute(
      'plugin-urls',
      'https://plugins.test/a/plugin.json,\n https://plugins.test/b/plugin.json',
    );
    expect(host.sources).to.deep.equal([
      'https://plugins.test/a/plugin.json',
      'https://plugins.test/b/plugin.json',
    ]);
    const point = await connect(host);
    await host.loaded;
    await settle();
    expect(requested).to.include.members(Object.keys(manifests));
    expect(labels(point)).to.deep.equal(['A', 'B']);
  });

  it('replaces the plugins it loaded when `sources` change, importing each plugin once', async () => {
    const a = uniqueTag('a');
    const b = uniqueTag('b');
    const imported: string[] = [];
    const load = importer({'a.js': {tag: a}, 'b.js': {tag: b}});
    const host = createHost({
      importModule: (url) => {
        imported.push(url.replace('https://plugins.test/', ''));
        return load(url);
      },
    });
    host.sources = [withEntry(testManifest({id: 'dev.test.a', tag: a, label: {en: 'A'}}), 'a.js')];
    const point = await connect(host);
    await host.loaded;
    host.sources = [withEntry(testManifest({id: 'dev.test.b', tag: b, label: {en: 'B'}}), 'b.js')];
    await host.loaded;
    await settle();
    expect(labels(point)).to.deep.equal(['B']);

    const given = new PluginRegistry();
    host.registry = given;
    host.sources = [withEntry(testManifest({id: 'dev.test.a', tag: a, label: {en: 'A'}}), 'a.js')];
    await host.loaded;
    await settle();
    expect(host.registry).to.equal(given);
    expect(given.plugins.map((p) => p.manifest.id)).to.deep.equal(['dev.test.a']);
    expect(labels(point)).to.deep.equal(['A']);

    // Both again, in another order: nothing is imported again and the order follows `sources`.
    host.registry = undefined;
    host.sources = [
      withEntry(testManifest({id: 'dev.test.b', tag: b, label: {en: 'B'}}), 'b.js'),
      withEntry(testManifest({id: 'dev.test.a', tag: a, label: {en: 'A'}}), 'a.js'),
    ];
    await host.loaded;
    await settle();
    expect(labels(point)).to.deep.equal(['B', 'A']);
    expect(host.failures).to.deep.equal([]);
    expect(imported).to.deep.equal(['a.js', 'b.js']);
  });
});

describe('<crm-plugin-host> changing sources while loading', () => {
  it('imports a plugin once when the list changes before it finished loading', async () => {
    const a = uniqueTag('a');
    const b = uniqueTag('b');
    const imported: string[] = [];
    const load = importer({'a.js': {tag: a}, 'b.js': {tag: b}});
    const host = createHost({
      importModule: async (url) => {
        imported.push(url.replace('https://plugins.test/', ''));
        await new Promise((resolve) => setTimeout(resolve, 20));
        return load(url);
      },
    });
    const manifestA = withEntry(testManifest({id: 'dev.test.a', tag: a, label: {en: 'A'}}), 'a.js');
    const manifestB = withEntry(testManifest({id: 'dev.test.b', tag: b, label: {en: 'B'}}), 'b.js');
    const events: string[][] = [];
    host.addEventListener('crm-plugins-loaded', (e) =>
      events.push(e.loaded.map((p) => p.manifest.id)),
    );
    host.sources = [manifestA];
    host.sources = [manifestA, manifestB];
    const point = await connect(host);
    await host.loaded;
    await settle();
    expect(imported).to.deep.equal(['a.js', 'b.js']);
    expect(host.failures).to.deep.equal([]);
    // Only the newest list was registered and announced.
    expect(events).to.deep.equal([['dev.test.a', 'dev.test.b']]);
    expect(labels(point)).to.deep.equal(['A', 'B']);
  });

  it('tries a failed source again on reload(), keeping the ones that loaded', async () => {
    const tag = uniqueTag('flaky');
    let attempts = 0;
    const host = createHost();
    const good = uniqueTag('good');
    const manifest = withEntry(testManifest({id: 'dev.test.flaky', tag, label: {en: 'F'}}), 'f.js');
    host.loadOptions = {
      ...host.loadOptions,
      importModule: async (url: string) => {
        if (url.endsWith('g.js')) {
          defineTestElement(good, TestVanillaPlugin);
          return {};
        }
        attempts += 1;
        if (attempts === 1) throw new TypeError('Failed to fetch dynamically imported module');
        defineTestElement(tag, TestVanillaPlugin);
        return {};
      },
    };
    host.sources = [
      withEntry(testManifest({id: 'dev.test.good', tag: good, label: {en: 'G'}}), 'g.js'),
      manifest,
    ];
    const point = await connect(host);
    await host.loaded;
    expect(host.failures.map((f) => f.error.code)).to.deep.equal(['entry-import-failed']);
    expect(labels(point)).to.deep.equal(['G']);

    await host.reload();
    await settle();
    expect(attempts).to.equal(2);
    expect(host.failures).to.deep.equal([]);
    expect(labels(point)).to.deep.equal(['G', 'F']);
  });
});

describe('<crm-plugin-host> installed plugins as {manifest, baseUrl}', () => {
  /** An importModule that records each URL and defines `tag` when the URL ends in `entry`. */
  function recordingImporter(entry: string, tag: string, imported: string[]) {
    return async (url: string) => {
      imported.push(url);
      if (!url.endsWith(entry))
        throw new TypeError(`Failed to fetch dynamically imported module: ${url}`);
      if (!customElements.get(tag)) defineTestElement(tag, TestVanillaPlugin);
      return {};
    };
  }

  it('loads the stored manifest with its entry resolved in its package folder, relative to the page', async () => {
    const tag = uniqueTag('installed');
    const imported: string[] = [];
    const host = createHost({
      baseUrl: undefined,
      importModule: recordingImporter('dist/index.js', tag, imported),
    });
    const manifest = withEntry(testManifest({id: 'dev.test.installed', tag}), 'dist/index.js');
    host.sources = [{manifest, baseUrl: '/plugins/dev.test.installed/0.1.0/'}];
    const point = await connect(host);
    await host.loaded;
    await settle();
    const entryUrl = `${location.origin}/plugins/dev.test.installed/0.1.0/dist/index.js`;
    expect(imported).to.deep.equal([entryUrl]);
    expect(host.failures).to.deep.equal([]);
    const [plugin] = host.registry!.plugins;
    expect(plugin!.entryUrl).to.equal(entryUrl);
    expect(plugin!.manifestUrl).to.equal(undefined, 'no manifest was fetched');
    expect(plugin!.manifest.id).to.equal('dev.test.installed');
    expect(labels(point)).to.deep.equal(['Reject']);
    expect(point.open('dev.test.installed/open')).to.equal(true);
    expect(point.querySelector(tag)).to.not.equal(null);
  });

  it('resolves the folder against loadOptions.baseUrl, as a folder even without a trailing slash', async () => {
    const tag = uniqueTag('installed');
    const imported: string[] = [];
    const host = createHost({
      baseUrl: 'https://crm.example/app/',
      importModule: recordingImporter('dist/index.js', tag, imported),
    });
    const manifest = withEntry(testManifest({id: 'dev.test.folder', tag}), 'dist/index.js');
    host.sources = [{manifest, baseUrl: 'plugins/dev.test.folder/0.2.0'}];
    await connect(host);
    await host.loaded;
    expect(host.failures).to.deep.equal([]);
    expect(imported).to.deep.equal([
      'https://crm.example/app/plugins/dev.test.folder/0.2.0/dist/index.js',
    ]);
  });

  it('loads installed plugins beside URL and manifest sources, each once', async () => {
    const installed = uniqueTag('installed');
    const object = uniqueTag('object');
    const fetched = uniqueTag('fetched');
    const imported: string[] = [];
    const load = importer({
      '/installed/': {tag: installed},
      'object.js': {tag: object},
      '/fetched/': {tag: fetched},
    });
    const fetchedManifest = withEntry(
      testManifest({id: 'dev.test.fetched', tag: fetched, label: {en: 'C'}}),
      'index.js',
    );
    const host = createHost({
      fetch: async () =>
        new Response(JSON.stringify(fetchedManifest), {
          headers: {'content-type': 'application/json'},
        }),
      importModule: (url) => {
        imported.push(url);
        return load(url);
      },
    });
    const sources = () => [
      {
        manifest: withEntry(
          testManifest({id: 'dev.test.installed', tag: installed, label: {en: 'A'}}),
          'dist/index.js',
        ),
        baseUrl: 'https://plugins.test/installed/1.0.0/',
      },
      withEntry(testManifest({id: 'dev.test.object', tag: object, label: {en: 'B'}}), 'object.js'),
      'https://plugins.test/fetched/plugin.json',
    ];
    let loads = 0;
    host.addEventListener('crm-plugins-loaded', () => (loads += 1));
    host.sources = sources();
    const point = await connect(host);
    await host.loaded;
    await settle();
    expect(host.failures).to.deep.equal([]);
    expect(labels(point)).to.deep.equal(['A', 'B', 'C']);
    expect(imported).to.deep.equal([
      'https://plugins.test/installed/1.0.0/dist/index.js',
      'https://plugins.test/object.js',
      'https://plugins.test/fetched/index.js',
    ]);

    // A page re-rendering with an equal new list (new objects) loads nothing again.
    host.sources = sources();
    await host.loaded;
    expect(loads).to.equal(1);
    expect(imported).to.have.length(3);
  });

  it('refuses a stored manifest that is invalid, naming the plugin, and imports nothing', async () => {
    const tag = uniqueTag('bad');
    const imported: string[] = [];
    const host = createHost({importModule: recordingImporter('dist/index.js', tag, imported)});
    const manifest = withEntry(
      testManifest({id: 'dev.test.bad', tag, when: {status: ['Qualifed' as 'Qualified']}}),
      'dist/index.js',
    );
    const failed = once(host, 'crm-plugin-load-failed');
    host.sources = [{manifest, baseUrl: '/plugins/dev.test.bad/0.1.0/'}];
    await connect(host);
    const {error} = await failed;
    expect(error.code).to.equal('invalid-manifest');
    expect(error.pluginId).to.equal('dev.test.bad');
    expect(error.issues.map((i) => [i.code, i.pointer])).to.deep.include([
      'unknown-lead-status',
      '/actions/0/when/status/0',
    ]);
    expect(imported).to.deep.equal([]);
  });

  it('refuses an installed plugin listed without its manifest, and loads the others', async () => {
    const tag = uniqueTag('good');
    const host = createHost({importModule: importer({'good.js': {tag}})});
    host.sources = [
      {manifest: undefined as unknown as PluginManifest, baseUrl: '/plugins/x/1.0.0/'},
      withEntry(testManifest({id: 'dev.test.good', tag, label: {en: 'Good'}}), 'good.js'),
    ];
    const point = await connect(host);
    await host.loaded;
    await settle();
    expect(host.failures.map((f) => [f.source, f.error.code])).to.deep.equal([
      ['installed plugin at /plugins/x/1.0.0/', 'invalid-source'],
    ]);
    expect(labels(point)).to.deep.equal(['Good']);
  });

  it('imports only entry bytes that match the stored manifest’s integrity', async () => {
    const tag = uniqueTag('sri');
    const bytes = new TextEncoder().encode(`/* ${tag} */`);
    const digest = new Uint8Array(await crypto.subtle.digest('SHA-384', bytes));
    const integrity = `sha384-${btoa(String.fromCharCode(...digest))}`;
    const requested: string[] = [];
    let served = bytes;
    const host = createHost({
      fetch: async (input: RequestInfo | URL) => {
        requested.push(String(input));
        return new Response(served);
      },
      importModule: async () => {
        if (!customElements.get(tag)) defineTestElement(tag, TestVanillaPlugin);
        return {};
      },
    });
    const manifest = {
      ...withEntry(testManifest({id: 'dev.test.sri', tag}), 'dist/index.js'),
      integrity,
    };
    served = new TextEncoder().encode('/* changed on the server */');
    host.sources = [{manifest, baseUrl: '/plugins/dev.test.sri/0.1.0/'}];
    await connect(host);
    await host.loaded;
    expect(requested).to.deep.equal([
      'https://plugins.test/plugins/dev.test.sri/0.1.0/dist/index.js',
    ]);
    expect(host.failures.map((f) => f.error.code)).to.deep.equal(['integrity-mismatch']);

    served = bytes;
    await host.reload();
    expect(host.failures).to.deep.equal([]);
    expect(host.registry!.plugins.map((p) => p.manifest.id)).to.deep.equal(['dev.test.sri']);
  });
});

describe('<crm-plugin-host> with the lead-panel test plugin, as installed', () => {
  it('verifies and imports its real entry from the package folder and mounts the panel', async () => {
    // The stored manifest of an installed package carries the entry's integrity (crmkit pack adds it).
    const folder = '/test/fixtures/plugins/lead-panel/';
    const manifest = (await (await fetch(`${folder}plugin.json`)).json()) as PluginManifest;
    const entry = await (await fetch(`${folder}${manifest.entry}`)).arrayBuffer();
    const digest = new Uint8Array(await crypto.subtle.digest('SHA-384', entry));
    const integrity = `sha384-${btoa(String.fromCharCode(...digest))}`;

    const host = document.createElement('crm-plugin-host');
    const spy = spyHost();
    host.host = spy;
    host.user = MAX;
    host.locale = 'de';
    const point = document.createElement('crm-extension-point');
    point.setAttribute('name', 'lead.detail.panel');
    point.setAttribute('record-id', 'L-1001');
    host.append(point);
    host.sources = [{manifest: {...manifest, integrity}, baseUrl: folder}];
    mountElement(host);
    await host.loaded;
    expect(host.failures).to.deep.equal([]);
    expect(host.registry!.plugins[0]!.entryUrl).to.equal(
      new URL(`${folder}dist/index.js`, location.href).href,
    );

    const panel = point.querySelector<PluginElement & {leadId?: string}>('crm-lead-panel')!;
    expect(panel.slot).to.equal('panel');
    const text = (selector: string) =>
      panel.shadowRoot!.querySelector(selector)?.textContent?.trim() ?? '';
    await waitUntil(() => text('[data-field="company"] dd'), 'the panel shows the lead');
    expect(spy.calls).to.deep.equal(['getLead L-1001']);
    expect(text('h3')).to.equal('Lead-Zusammenfassung');
    expect(text('[data-field="company"] dt')).to.equal('Unternehmen');
    expect(text('[data-field="company"] dd')).to.equal('Beispiel GmbH');
    expect(text('[data-field="status"] dt')).to.equal('Lead-Status');
    expect(text('[data-field="status"] dd')).to.equal('Qualifiziert');

    // Another language: a new context, the panel follows.
    host.locale = 'en';
    await waitUntil(() => text('h3') === 'Lead summary', 'English heading');
    expect(text('[data-field="status"] dd')).to.equal('Qualified');

    // reject-lead's result event on the page updates the shown status without a read.
    const calls = spy.calls.length;
    document.body.dispatchEvent(
      new CustomEvent('crm-lead-rejected', {
        detail: {...LEAD, status: 'Rejected'},
        bubbles: true,
        composed: true,
      }),
    );
    expect(text('[data-field="status"] dd')).to.equal('Rejected');
    expect(spy.calls).to.have.length(calls);
    expect(await axeViolations(host)).to.deep.equal([]);
  });
});

describe('<crm-plugin-host> notifications and configs', () => {
  async function panelHost(id: string) {
    const tag = uniqueTag('panel');
    defineTestElement(tag, TestVanillaPlugin);
    const registry = new PluginRegistry();
    const config = {type: 'object', properties: {limit: {type: 'number', default: 5}}};
    registry.register({
      manifest: testManifest({id, tag, extensionPoint: 'lead.detail.panel', config}),
      entryUrl: 'https://plugins.test/panel.js',
    });
    const host = await mountFixture<CrmPluginHost>(html`
      <crm-plugin-host locale="en">
        <crm-extension-point name="lead.detail.panel" record-id="L-1001"></crm-extension-point>
      </crm-plugin-host>
    `);
    host.host = spyHost();
    host.user = MAX;
    host.registry = registry;
    await settle();
    const element = host.querySelector<PluginElement>(tag)!;
    return {host, element};
  }

  it('announces a plugin notification in its status region unless the page handles it', async () => {
    const {host, element} = await panelHost('dev.test.notify');
    const notified = once(host, 'crm-plugin-notify');
    element.context!.notify({kind: 'success', message: 'Lead rejected'});
    const event = await notified;
    expect(event.pluginId).to.equal('dev.test.notify');
    expect(event.notification).to.deep.equal({kind: 'success', message: 'Lead rejected'});
    await settle();
    const status = host.shadowRoot!.querySelector('[role="status"]')!;
    expect(status.textContent).to.contain('Lead rejected');

    host.addEventListener('crm-plugin-notify', (e) => e.preventDefault(), {once: true});
    element.context!.notify({kind: 'info', message: 'Handled by the page'});
    await settle();
    expect(status.textContent).to.not.contain('Handled by the page');
  });

  it('gives mounted plugins a new context when their config or the user changes', async () => {
    const {host, element} = await panelHost('dev.test.config');
    const before = element.context!;
    expect(before.config).to.deep.equal({limit: 5});
    host.configs = {'dev.test.config': {limit: 20}};
    await settle();
    expect(element.context).to.not.equal(before);
    expect(element.context!.config).to.deep.equal({limit: 20});

    const same = element.context;
    host.configs = {'dev.test.config': {limit: 20}, other: {x: 1}};
    expect(element.context).to.equal(same);

    host.user = {...MAX, id: 'sofia', name: 'Sofia'};
    expect(element.context!.user.id).to.equal('sofia');
  });

  it('serves the nearest host to an extension point inside nested hosts', async () => {
    const outer = await mountFixture<CrmPluginHost>(html`
      <crm-plugin-host locale="en">
        <crm-plugin-host locale="de">
          <crm-extension-point name="lead.detail.actions"></crm-extension-point>
        </crm-plugin-host>
      </crm-plugin-host>
    `);
    const point = outer.querySelector('crm-extension-point')!;
    expect(point.connection!.locale).to.equal('de');
  });
});
