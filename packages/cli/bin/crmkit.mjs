#!/usr/bin/env node
// The `crmkit` command. Runs the TypeScript sources through tsx, resolving workspace packages to their
// sources (the `source` export condition), so it works in a checkout without a build step.
import {register} from 'node:module';
import {register as registerTsx} from 'tsx/esm/api';

registerTsx();
register('./source-condition.mjs', import.meta.url);
const {main} = await import('../src/main.ts');
process.exitCode = await main(process.argv.slice(2));
