// Writes packages/assignment/schema/lead-assignment-ruleset.schema.json from RULESET_SCHEMA, formatted
// by the repository's Prettier settings.
// Run: node --conditions=@crmkit/source --import tsx packages/assignment/scripts/write-schema.ts
import {writeFileSync} from 'node:fs';
import {fileURLToPath} from 'node:url';
import * as prettier from 'prettier';
import {RULESET_SCHEMA} from '../src/ruleset-schema.js';

const file = fileURLToPath(
  new URL('../schema/lead-assignment-ruleset.schema.json', import.meta.url),
);
const options = (await prettier.resolveConfig(file)) ?? {};
writeFileSync(
  file,
  await prettier.format(JSON.stringify(RULESET_SCHEMA), {...options, filepath: file}),
);
console.log(`wrote ${file}`);
