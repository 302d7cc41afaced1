import {FASTElement, attr, html, css} from '@microsoft/fast-element';

const template = html<TestRecordBadge>`<span part="label">${(x) => x.label}</span>`;
const styles = css`
  :host([hidden]) {
    display: none;
  }
`;

/**
 * A minimal FAST 3 element for the toolchain's own tests: attributes mapped with explicit kebab-case
 * names, a boolean attribute, and a derived label rendered by its template.
 */
export class TestRecordBadge extends FASTElement {
  @attr({attribute: 'record-id'}) recordId = '';
  @attr({attribute: 'record-type'}) recordType = 'lead';
  @attr({attribute: 'is-locked', mode: 'boolean'}) isLocked = false;

  get label(): string {
    return `${this.recordType}:${this.recordId}${this.isLocked ? ' (locked)' : ''}`;
  }
}

export const definition = TestRecordBadge.define({name: 'test-record-badge', template, styles});

declare global {
  interface HTMLElementTagNameMap {
    'test-record-badge': TestRecordBadge;
  }
}
