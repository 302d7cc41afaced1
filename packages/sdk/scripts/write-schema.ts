// Writes the files generated from PLUGIN_MANIFEST_SCHEMA (see manifest-artifacts.ts).
// Run after changing src/manifest/schema/plugin-manifest-schema.ts:
//   node --conditions=@crmkit/source --import tsx packages/sdk/scripts/write-schema.ts
import {mkdirSync, writeFileSync} from 'node:fs';
import {dirname} from 'node:path';
import {SCHEMA_FILE, VALIDATOR_FILE, schemaJson, validatorSource} from './manifest-artifacts.js';

for (const [file, text] of [
  [SCHEMA_FILE, await schemaJson()],
  [VALIDATOR_FILE, await validatorSource()],
] as const) {
  mkdirSync(dirname(file), {recursive: true});
  writeFileSync(file, text);
  console.log(`wrote ${file}`);
}
