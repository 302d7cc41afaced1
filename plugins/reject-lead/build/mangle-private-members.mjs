// Rollup plugin: renames the private members a package names `_camelCase` (at least two letters after
// the underscore) to short names in the final chunk, with esbuild's property mangling. TypeScript's
// `private` does not survive compilation and esbuild does not shorten property names by itself; `#`
// fields would, but with legacy decorators esbuild lowers them to WeakMap helpers, which are larger.
// Safe because no code reaches those members by a string name (Lit's decorators name public and
// reactive properties, which do not start with `_`), and lit's own code has no such names.
import {transform} from 'esbuild';

export const PRIVATE_MEMBER = /^_[a-z][a-zA-Z]+$/;

export function manglePrivateMembers() {
  return {
    name: 'crmkit-mangle-private-members',
    async renderChunk(code) {
      const result = await transform(code, {
        format: 'esm',
        target: 'es2022',
        minify: true,
        mangleProps: PRIVATE_MEMBER,
        sourcemap: true,
        legalComments: 'none',
      });
      return {code: result.code, map: result.map};
    },
  };
}
