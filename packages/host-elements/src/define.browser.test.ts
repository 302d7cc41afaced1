// The host elements from plain HTML: markup only (no framework, no lit), the side-effect entry, a
// manifest URL in an attribute, and a plugin served as a plain JavaScript file next to its manifest.
import {expect, oneEvent, waitUntil} from '@open-wc/testing';
import {Updates} from '@microsoft/fast-element';
import type {PluginContext} from '@crmkit/sdk';
import './define.js';
import type {PluginsLoadedEvent} from './events/plugins-loaded-event.js';
import {MAX, spyHost} from '../test/test-plugins.js';

// FAST renders on animation frames, which a page running in the background does not get.
Updates.setMode(false);

const MANIFEST_URL = new URL('../test/fixtures/hello-plugin/plugin.json', import.meta.url).pathname;

describe('plain HTML', () => {
  let container: HTMLElement;
  afterEach(() => container?.remove());

  it('defines the elements when define.js has been imported', () => {
    expect(customElements.get('crm-plugin-host')).to.be.a('function');
    expect(customElements.get('crm-extension-point')).to.be.a('function');
    expect(customElements.get('crm-plugin-frame')).to.be.a('function');
  });

  it('loads a plugin from plugin-urls, offers its action and mounts it, with markup only', async () => {
    container = document.createElement('div');
    document.body.append(container);
    container.innerHTML = `
      <crm-plugin-host locale="de" plugin-urls="${MANIFEST_URL}">
        <h1>Lead L-1001</h1>
        <crm-extension-point name="lead.detail.actions" record-id="L-1001"></crm-extension-point>
      </crm-plugin-host>`;
    const host = container.querySelector('crm-plugin-host')!;
    const loaded = oneEvent(host, 'crm-plugins-loaded') as Promise<PluginsLoadedEvent>;
    host.host = spyHost();
    host.user = MAX;
    const event = await loaded;
    expect(event.failed).to.deep.equal([]);
    expect(event.loaded.map((p) => p.manifest.id)).to.deep.equal(['dev.crmkit.test-hello']);
    expect(event.loaded[0]!.entryUrl).to.match(/\/test\/fixtures\/hello-plugin\/index\.js$/);

    const point = container.querySelector('crm-extension-point')!;
    const button = point.shadowRoot!.querySelector<HTMLButtonElement>('button[part="action"]')!;
    expect(button.textContent!.trim()).to.equal('Hallo sagen');
    button.click();
    const note = point.querySelector('crm-hello-note') as HTMLElement & {context: PluginContext};
    expect(note.context.pluginId).to.equal('dev.crmkit.test-hello');
    expect(note.shadowRoot!.querySelector('.greeting')!.textContent).to.equal(
      'Hallo, Max Mustermann (L-1001)',
    );

    note.shadowRoot!.querySelector('button')!.click();
    await waitUntil(() => !point.querySelector('crm-hello-note'), 'plugin closed itself');
    expect(point.shadowRoot!.activeElement).to.equal(button);
  });
});
