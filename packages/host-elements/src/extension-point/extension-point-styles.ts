import {css} from '@microsoft/fast-element';

/** `<crm-extension-point>`: a block; buttons in a wrapping row; a centered modal dialog. */
export const extensionPointStyles = css`
  :host {
    display: block;
    --_gap: var(--crm-extension-point-gap, 0.5rem);
    --_accent: var(--crm-extension-point-accent, #0b57d0);
    --_radius: var(--crm-extension-point-radius, 0.375rem);
    --_surface: var(--crm-extension-point-surface, #ffffff);
    --_text: var(--crm-extension-point-text, #1f1f1f);
    --_error: var(--crm-extension-point-error-color, #a50e0e);
  }
  :host([hidden]),
  [hidden] {
    display: none !important;
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_gap);
  }
  .action {
    font: inherit;
    padding: 0.375rem 0.875rem;
    border: 1px solid var(--_accent);
    border-radius: var(--_radius);
    background: transparent;
    color: var(--_accent);
    cursor: pointer;
  }
  .action:hover {
    background: color-mix(in srgb, var(--_accent) 8%, transparent);
  }
  .action:focus-visible,
  .close:focus-visible,
  .dismiss:focus-visible {
    outline: 2px solid var(--_accent);
    outline-offset: 2px;
  }
  .panels {
    display: grid;
    gap: var(--_gap);
  }
  .errors {
    color: var(--_error);
  }
  .error {
    display: flex;
    align-items: baseline;
    gap: var(--_gap);
    margin: var(--_gap) 0 0;
  }
  .dismiss {
    font: inherit;
    font-size: 0.875em;
    border: none;
    background: none;
    color: inherit;
    text-decoration: underline;
    cursor: pointer;
    padding: 0;
  }
  .dialog {
    width: var(--crm-extension-point-dialog-width, min(40rem, calc(100vw - 2rem)));
    max-height: calc(100vh - 2rem);
    padding: 0;
    border: none;
    border-radius: var(--_radius);
    background: var(--_surface);
    color: var(--_text);
    box-shadow: 0 0.5rem 2rem rgb(0 0 0 / 30%);
  }
  .dialog::backdrop {
    background: rgb(0 0 0 / 40%);
  }
  .header {
    display: flex;
    align-items: center;
    justify-content: space-between;
    gap: var(--_gap);
    padding: 0.75rem 1rem;
    border-bottom: 1px solid color-mix(in srgb, currentColor 15%, transparent);
  }
  .title {
    margin: 0;
    font-size: 1.125rem;
  }
  .close {
    font: inherit;
    font-size: 1.25rem;
    line-height: 1;
    min-width: 2rem;
    min-height: 2rem;
    border: none;
    border-radius: var(--_radius);
    background: transparent;
    color: inherit;
    cursor: pointer;
  }
  .body {
    padding: 1rem;
  }
  @media (prefers-color-scheme: dark) {
    :host {
      --_accent: var(--crm-extension-point-accent, #a8c7fa);
      --_surface: var(--crm-extension-point-surface, #1f1f1f);
      --_text: var(--crm-extension-point-text, #e3e3e3);
      --_error: var(--crm-extension-point-error-color, #f28b82);
    }
  }
`;
