import {css} from '@microsoft/fast-element';

/** `<crm-plugin-frame>`: a block as wide as its container, as tall as the frame's content. */
export const pluginFrameStyles = css`
  :host {
    display: block;
  }
  :host([hidden]) {
    display: none;
  }
  .frame {
    display: block;
    width: 100%;
    height: var(--crm-plugin-frame-min-height, 0);
    border: none;
    /* The frame copies the page's color-scheme, so the iframe stays transparent. */
    background: transparent;
    color-scheme: inherit;
  }
`;
