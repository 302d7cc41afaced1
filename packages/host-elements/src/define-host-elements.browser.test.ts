// Elements used before they are defined: properties set early (FAST 3 re-applies own properties that
// shadow a prototype accessor on upgrade), and an extension point upgraded before its host. This file
// must not import define.js, so that it controls when each element is defined.
import {expect} from '@open-wc/testing';
import {Updates} from '@microsoft/fast-element';
import {PluginRegistry} from '@crmkit/sdk';
import type {PluginContext} from '@crmkit/sdk';
import {defineExtensionPoint} from './extension-point/define-extension-point.js';
import {definePluginHost} from './plugin-host/define-plugin-host.js';
import {
  MAX,
  TestVanillaPlugin,
  defineTestElement,
  spyHost,
  testManifest,
} from '../test/test-plugins.js';

// FAST renders on animation frames, which a page running in the background does not get.
Updates.setMode(false);

describe('elements used before they are defined', () => {
  it('keeps properties set before the upgrade and finds a host defined after the point', async () => {
    defineTestElement('crm-early-note', TestVanillaPlugin);
    const registry = new PluginRegistry();
    registry.register({
      manifest: testManifest({id: 'dev.test.early', tag: 'crm-early-note', label: {en: 'Early'}}),
      entryUrl: 'https://plugins.test/early.js',
    });

    const host = document.createElement('crm-plugin-host');
    const point = document.createElement('crm-extension-point');
    expect(customElements.get('crm-plugin-host')).to.equal(undefined);
    // Set while both are still plain HTMLElements.
    Object.assign(host, {host: spyHost(), user: MAX, registry});
    Object.assign(point, {name: 'lead.detail.actions', recordId: 'L-7'});
    host.append(point);
    document.body.append(host);

    try {
      await defineExtensionPoint();
      expect(point.connection).to.equal(undefined);
      await definePluginHost();
      await new Promise((resolve) => setTimeout(resolve));

      expect(host.hasHost).to.equal(true);
      expect(host.user).to.equal(MAX);
      expect(host.registry).to.equal(registry);
      expect(point.connection?.ready).to.equal(true);
      const buttons = point.shadowRoot!.querySelectorAll('button[part="action"]');
      expect([...buttons].map((b) => b.textContent?.trim())).to.deep.equal(['Early']);

      expect(point.open('dev.test.early/open')).to.equal(true);
      const note = point.querySelector('crm-early-note') as HTMLElement & {
        leadId: string;
        context: PluginContext;
      };
      expect(note.leadId).to.equal('L-7');
      expect(note.context.user.id).to.equal('max');
    } finally {
      host.remove();
    }
  });

  it('does nothing when the elements are defined a second time', async () => {
    await definePluginHost();
    await defineExtensionPoint();
    expect(customElements.get('crm-plugin-host')).to.be.a('function');
  });
});
