import {css} from 'lit';

/**
 * Styles of `<crm-reject-lead>`: colours, font, radius and spacing come from `--crm-*` custom
 * properties, with light defaults and dark ones under `prefers-color-scheme: dark`; muted text,
 * surface and border default to mixes of the text and background colours, so they follow both.
 */
export const rejectLeadStyles = css`
  :host {
    --t: var(--crm-color-text, #1d2330);
    --bg: var(--crm-color-background, #fff);
    --p: var(--crm-color-primary, #0a58a8);
    --op: var(--crm-color-on-primary, #fff);
    --d: var(--crm-color-danger, #b0221b);
    --m: var(--crm-color-text-muted, color-mix(in srgb, var(--t) 78%, var(--bg)));
    --s: var(--crm-color-surface, color-mix(in srgb, var(--t) 6%, var(--bg)));
    --b: var(--crm-color-border, color-mix(in srgb, var(--t) 60%, var(--bg)));
    --r: var(--crm-radius, 6px);
    --sp: var(--crm-spacing, 0.75rem);
    display: block;
    padding: var(--sp);
    font: 1rem/1.45 var(--crm-font-family, system-ui, sans-serif);
    color: var(--t);
    background: var(--bg);
    border: 1px solid var(--b);
    border-radius: var(--r);
  }
  @media (prefers-color-scheme: dark) {
    :host {
      --t: var(--crm-color-text, #e8eaed);
      --bg: var(--crm-color-background, #1c1e22);
      --p: var(--crm-color-primary, #8ab4f8);
      --op: var(--crm-color-on-primary, #0b1a33);
      --d: var(--crm-color-danger, #f4a7a1);
    }
  }
  h2 {
    margin: 0 0 var(--sp);
  }
  dl {
    display: grid;
    grid-template-columns: auto 1fr;
    gap: 0.25rem var(--sp);
    margin: 0 0 var(--sp);
    padding: var(--sp);
    background: var(--s);
  }
  dt,
  .help {
    color: var(--m);
  }
  dd {
    margin: 0;
    overflow-wrap: anywhere;
  }
  form > div {
    margin-bottom: var(--sp);
  }
  select,
  textarea,
  button {
    font: inherit;
    color: inherit;
    background: var(--bg);
    border: 1px solid var(--b);
    border-radius: var(--r);
    padding: 0.4rem 0.8rem;
  }
  select,
  textarea {
    display: block;
    box-sizing: border-box;
    width: 100%;
  }
  [aria-invalid='true'],
  .banner {
    border-color: var(--d);
  }
  p {
    margin: 0.25rem 0 0;
  }
  .error,
  .over {
    color: var(--d);
    font-weight: 600;
  }
  .banner,
  .summary {
    margin: 0 0 var(--sp);
    padding: var(--sp);
    border: 1px solid var(--p);
    background: var(--s);
  }
  .banner {
    border-color: var(--d);
  }
  .primary {
    color: var(--op);
    background: var(--p);
    margin-right: 0.5rem;
  }
  :focus-visible {
    outline: 3px solid var(--p);
    outline-offset: 2px;
  }
  .sr {
    position: absolute;
    clip: rect(0 0 0 0);
  }
`;
