#!/usr/bin/env node
// `crmkit` from the TypeScript sources, for this checkout only (`npm run crmkit`; not in the package):
// tsx compiles on the fly and the `@crmkit/source` export condition resolves the workspace's @crmkit/*
// packages to their sources too, so no build is needed.
import {register} from 'node:module';
import {register as registerTsx} from 'tsx/esm/api';

/** Module-resolution hook that adds the `@crmkit/source` condition (a data: URL: no extra file). */
const sourceCondition = `export async function resolve(specifier, context, nextResolve) {
  return nextResolve(specifier, {...context, conditions: [...context.conditions, '@crmkit/source']});
}`;

registerTsx();
register(`data:text/javascript,${encodeURIComponent(sourceCondition)}`);
const {main} = await import('../src/main.ts');
process.exitCode = await main(process.argv.slice(2));
