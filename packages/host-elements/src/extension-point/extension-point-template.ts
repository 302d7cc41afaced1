import {html, ref, repeat} from '@microsoft/fast-element';
import type {
  CrmExtensionPoint,
  ExtensionPointAction,
  ExtensionPointError,
} from './crm-extension-point.js';

/**
 * `<crm-extension-point>`: the action buttons, the inline plugin elements, an alert region for mount
 * errors, and the modal dialog an opened plugin element is slotted into.
 */
export const extensionPointTemplate = html<CrmExtensionPoint>`
  <div
    part="actions"
    class="actions"
    role="group"
    aria-label="${(x) => x.text('actionsLabel')}"
    ?hidden="${(x) => x.actions.length === 0}"
  >
    ${repeat(
      (x) => x.actions,
      html<ExtensionPointAction, CrmExtensionPoint>`
        <button
          part="action"
          class="action"
          type="button"
          data-key="${(x) => x.key}"
          data-plugin-id="${(x) => x.plugin.manifest.id}"
          data-action-id="${(x) => x.action.id}"
          aria-haspopup="dialog"
          @click="${(x, c) => c.parent.open(x.key)}"
        >
          ${(x, c) => c.parent.localized(x.action.label)}
        </button>
      `,
    )}
  </div>
  <div part="panels" class="panels"><slot name="panel"></slot></div>
  <div part="errors" class="errors" role="alert">
    ${repeat(
      (x) => x.errors,
      html<ExtensionPointError, CrmExtensionPoint>`
        <p part="error" class="error">
          <span>${(x, c) => c.parent.errorText(x)}</span>
          <button
            part="dismiss"
            class="dismiss"
            type="button"
            @click="${(x, c) => c.parent.dismissError(x.key)}"
          >
            ${(_x, c) => c.parent.text('dismiss')}
          </button>
        </p>
      `,
    )}
  </div>
  <dialog
    part="dialog"
    class="dialog"
    aria-labelledby="dialog-title"
    ${ref('dialog')}
    @cancel="${(x, c) => x.handleDialogCancel(c.event)}"
    @close="${(x) => x.handleDialogClose()}"
  >
    <div part="dialog-header" class="header">
      <h2 part="dialog-title" class="title" id="dialog-title">
        ${(x) => x.localized(x.openLabel)}
      </h2>
      <button
        part="close-button"
        class="close"
        type="button"
        aria-label="${(x) => x.text('close')}"
        title="${(x) => x.text('close')}"
        @click="${(x) => x.close('close-button')}"
      >
        <span aria-hidden="true">×</span>
      </button>
    </div>
    <div part="dialog-body" class="body"><slot name="dialog"></slot></div>
  </dialog>
`;
