import type {Plugin} from 'rollup';

export function customElementsManifest(options: {
  dir: string;
  outdir?: string;
  library?: 'litelement' | 'fast';
}): Plugin;
