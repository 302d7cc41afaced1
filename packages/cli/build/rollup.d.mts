import type {RollupOptions} from 'rollup';

/** The bare imports a crmkit host page maps to its own shared modules (lit, lit/decorators.js, the sdk). */
export declare const HOST_SHARED_MODULES: readonly string[];

export interface CrmkitPluginOptions {
  /** The plugin folder, holding plugin.json (pass `import.meta.dirname`; default: the working folder). */
  dir?: string;
  /** The entry source, relative to `dir` (default `src/index.ts`, else `src/index.js`). */
  input?: string;
  /** Bundle lit and the sdk too, for a host page without an import map. */
  selfContained?: boolean;
  /** The bare imports to leave to the host (default HOST_SHARED_MODULES). */
  external?: readonly string[];
  /** Minify (default true). */
  minify?: boolean;
  /** Fail the build when the entry is larger than this, min+gzip. */
  maxGzipBytes?: number;
}

/** The rollup config of a crmkit plugin: one ES module at plugin.json's `entry`. */
export declare function crmkitPlugin(options?: CrmkitPluginOptions): RollupOptions;
