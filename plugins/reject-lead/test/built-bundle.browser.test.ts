// Guards the crash that shipped once: the built dist/index.js (what `crmkit pack` ships) threw in its
// constructor under Lit's production build, because a build step renamed a private member to a name
// Lit's own production build uses. These tests load that file with Lit's production build.
import {expect, fixture, html} from '@open-wc/testing';
import {LitElement} from 'lit';
import '../dist/index.js';

describe('the built bundle under Lit production', () => {
  it('runs against Lit production, not its development build', () => {
    // Lit's development build has the static `enableWarning`; the production build drops it.
    expect((LitElement as unknown as {enableWarning?: unknown}).enableWarning).to.equal(undefined);
  });

  it('constructs, connects and renders <crm-reject-lead> without throwing', async () => {
    const created = document.createElement('crm-reject-lead');
    expect(created).to.be.instanceOf(LitElement);
    const el = await fixture(html`<crm-reject-lead lead-id="L-1001"></crm-reject-lead>`);
    expect(el.shadowRoot?.querySelector('[part="message"]')).not.to.equal(null);
    expect(el.getAttribute('lead-id')).to.equal('L-1001');
  });

  it('keeps no `_private` member names that a minifier could have renamed into Lit’s', async () => {
    const source = await (await fetch(new URL('../dist/index.js', import.meta.url))).text();
    expect(source).not.to.match(/\bthis\._[a-z]\w*/);
  });
});
