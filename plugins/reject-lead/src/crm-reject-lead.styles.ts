import {css} from 'lit';

/**
 * Styles of `<crm-reject-lead>`. Every colour, the font, radius and spacing come from `--crm-*` custom
 * properties with light defaults, and dark defaults under `prefers-color-scheme: dark`; a host sets the
 * public properties to theme it. Private `--_*` properties hold the resolved values.
 */
export const rejectLeadStyles = css`
  :host {
    --_font: var(--crm-font-family, system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif);
    --_text: var(--crm-color-text, #1d2330);
    --_muted: var(--crm-color-text-muted, #4f5766);
    --_bg: var(--crm-color-background, #ffffff);
    --_surface: var(--crm-color-surface, #f4f6f9);
    --_border: var(--crm-color-border, #7b8494);
    --_primary: var(--crm-color-primary, #0a58a8);
    --_on-primary: var(--crm-color-on-primary, #ffffff);
    --_danger: var(--crm-color-danger, #b0221b);
    --_danger-bg: var(--crm-color-danger-background, #fdecea);
    --_success: var(--crm-color-success, #1b6b32);
    --_success-bg: var(--crm-color-success-background, #e7f5ea);
    --_focus: var(--crm-focus-ring-color, #1a73e8);
    --_radius: var(--crm-radius, 6px);
    --_space: var(--crm-spacing, 0.75rem);

    display: block;
    box-sizing: border-box;
    max-width: var(--crm-reject-lead-max-width, 40rem);
    padding: calc(var(--_space) * 1.5);
    font-family: var(--_font);
    font-size: var(--crm-font-size, 1rem);
    line-height: 1.45;
    color: var(--_text);
    background: var(--_bg);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
  }

  @media (prefers-color-scheme: dark) {
    :host {
      --_text: var(--crm-color-text, #e8eaed);
      --_muted: var(--crm-color-text-muted, #b4bac4);
      --_bg: var(--crm-color-background, #1c1e22);
      --_surface: var(--crm-color-surface, #272a30);
      --_border: var(--crm-color-border, #8a93a3);
      --_primary: var(--crm-color-primary, #8ab4f8);
      --_on-primary: var(--crm-color-on-primary, #0b1a33);
      --_danger: var(--crm-color-danger, #f4a7a1);
      --_danger-bg: var(--crm-color-danger-background, #3a1d1b);
      --_success: var(--crm-color-success, #8fd19e);
      --_success-bg: var(--crm-color-success-background, #17301d);
      --_focus: var(--crm-focus-ring-color, #8ab4f8);
    }
  }

  :host([hidden]) {
    display: none;
  }

  *,
  *::before,
  *::after {
    box-sizing: border-box;
  }

  h2 {
    margin: 0 0 var(--_space);
    font-size: 1.25em;
  }

  h2:focus {
    outline: none;
  }

  dl {
    display: grid;
    grid-template-columns: max-content 1fr;
    gap: calc(var(--_space) / 3) var(--_space);
    margin: 0 0 var(--_space);
    padding: var(--_space);
    background: var(--_surface);
    border-radius: var(--_radius);
  }

  dt {
    color: var(--_muted);
  }

  dd {
    margin: 0;
    overflow-wrap: anywhere;
    white-space: pre-wrap;
  }

  .field {
    margin-bottom: var(--_space);
  }

  label,
  .label {
    display: block;
    margin-bottom: 0.25rem;
    font-weight: 600;
  }

  .hint {
    font-weight: 400;
    color: var(--_muted);
  }

  select,
  textarea {
    display: block;
    width: 100%;
    padding: 0.45rem 0.55rem;
    font: inherit;
    color: var(--_text);
    background: var(--_bg);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
  }

  textarea {
    min-height: 6rem;
    resize: vertical;
  }

  [aria-invalid='true'] {
    border-color: var(--_danger);
    box-shadow: 0 0 0 1px var(--_danger);
  }

  .check {
    display: flex;
    gap: 0.5rem;
    align-items: flex-start;
  }

  .check input {
    width: 1.1rem;
    height: 1.1rem;
    margin: 0.2rem 0 0;
    accent-color: var(--_primary);
  }

  .check label {
    margin: 0;
  }

  .counter,
  .help {
    margin: 0.25rem 0 0;
    font-size: 0.875em;
    color: var(--_muted);
  }

  .counter.over {
    color: var(--_danger);
    font-weight: 600;
  }

  .field-error {
    margin: 0.25rem 0 0;
    font-size: 0.875em;
    font-weight: 600;
    color: var(--_danger);
  }

  .banner {
    margin: 0 0 var(--_space);
    padding: var(--_space);
    border-radius: var(--_radius);
    border: 1px solid var(--_danger);
    color: var(--_text);
    background: var(--_danger-bg);
  }

  .banner p {
    margin: 0 0 0.5rem;
  }

  .banner p:last-child {
    margin-bottom: 0;
  }

  .summary {
    padding: var(--_space);
    border: 1px solid var(--_success);
    border-radius: var(--_radius);
    background: var(--_success-bg);
  }

  .summary dl {
    background: transparent;
    padding: 0;
  }

  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem;
    margin-top: calc(var(--_space) * 1.25);
  }

  button {
    padding: 0.5rem 1rem;
    font: inherit;
    font-weight: 600;
    color: var(--_text);
    background: var(--_bg);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    cursor: pointer;
  }

  button.primary {
    color: var(--_on-primary);
    background: var(--_primary);
    border-color: var(--_primary);
  }

  button[aria-disabled='true'],
  button:disabled {
    cursor: not-allowed;
    opacity: 0.75;
  }

  :focus-visible {
    outline: 3px solid var(--_focus);
    outline-offset: 2px;
  }

  .required-mark {
    color: var(--_danger);
  }

  .visually-hidden {
    position: absolute;
    width: 1px;
    height: 1px;
    overflow: hidden;
    clip: rect(0 0 0 0);
    white-space: nowrap;
  }
`;
