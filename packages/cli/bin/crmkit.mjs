#!/usr/bin/env node
// The `crmkit` command: runs the compiled JavaScript in ../dist (built by `npm run build`, shipped in the
// package) with plain Node. To run the TypeScript sources in a checkout, use ./crmkit-dev.mjs.
import {main} from '../dist/main.js';

process.exitCode = await main(process.argv.slice(2));
