import {expect, fixture, html} from '@open-wc/testing';
import {Updates} from '@microsoft/fast-element';
import {definition, type TestRecordBadge} from './record-badge.js';

before(() => definition);

describe('a FAST 3 element with kebab-case attributes', () => {
  it('maps kebab-case attributes to camelCase properties and renders them', async () => {
    const el = await fixture<TestRecordBadge>(
      html`<test-record-badge record-id="L-7" record-type="lead"></test-record-badge>`,
    );
    expect(el.recordId).to.equal('L-7');
    expect(el.shadowRoot!.querySelector('[part=label]')!.textContent).to.equal('lead:L-7');
  });

  it('reflects properties back to their kebab-case attributes', async () => {
    const el = await fixture<TestRecordBadge>(html`<test-record-badge></test-record-badge>`);
    el.recordId = 'L-9';
    el.isLocked = true;
    await Updates.next();
    expect(el.getAttribute('record-id')).to.equal('L-9');
    expect(el.hasAttribute('is-locked')).to.equal(true);
    expect(el.shadowRoot!.querySelector('[part=label]')!.textContent).to.equal('lead:L-9 (locked)');
  });

  it('removes a boolean attribute when the property turns false', async () => {
    const el = await fixture<TestRecordBadge>(
      html`<test-record-badge record-id="L-1" is-locked></test-record-badge>`,
    );
    expect(el.isLocked).to.equal(true);
    el.isLocked = false;
    await Updates.next();
    expect(el.hasAttribute('is-locked')).to.equal(false);
  });
});
