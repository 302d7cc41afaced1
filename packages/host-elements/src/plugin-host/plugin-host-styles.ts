import {css} from '@microsoft/fast-element';

/** `<crm-plugin-host>`: a block around the page content; the status region small and muted. */
export const pluginHostStyles = css`
  :host {
    display: block;
  }
  :host([hidden]),
  [hidden] {
    display: none !important;
  }
  .status {
    color: var(--crm-plugin-host-status-color, #5f6368);
    font-size: var(--crm-plugin-host-status-font-size, 0.8125rem);
  }
  .summary,
  .notification {
    margin: 0.25rem 0;
  }
  .failures {
    margin: 0;
    padding-inline-start: 1.25rem;
    color: var(--crm-plugin-host-error-color, #a50e0e);
  }
  .notification.error {
    color: var(--crm-plugin-host-error-color, #a50e0e);
  }
  @media (prefers-color-scheme: dark) {
    .status {
      color: var(--crm-plugin-host-status-color, #bdc1c6);
    }
    .failures,
    .notification.error {
      color: var(--crm-plugin-host-error-color, #f28b82);
    }
  }
`;
