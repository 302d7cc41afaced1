import type {Plugin} from 'rollup';

/** Collapses the whitespace of html`…` and css`…` template literals' static text in `code`. */
export function minifyTemplateLiterals(code: string): string;
export function minifyTemplates(options?: {include?: (id: string) => boolean}): Plugin;
