// Writes packages/sdk/schema/plugin-manifest.schema.json from PLUGIN_MANIFEST_SCHEMA (the source of
// truth), formatted by Prettier. plugin-manifest-schema.test.ts fails when the file is out of date.
// Run: node --conditions=source --import tsx packages/sdk/scripts/write-schema.ts
import {writeFileSync} from 'node:fs';
import {fileURLToPath} from 'node:url';
import * as prettier from 'prettier';
import {PLUGIN_MANIFEST_SCHEMA} from '../src/plugin-manifest-schema.js';

const file = fileURLToPath(new URL('../schema/plugin-manifest.schema.json', import.meta.url));
const options = (await prettier.resolveConfig(file)) ?? {};
const text = await prettier.format(JSON.stringify(PLUGIN_MANIFEST_SCHEMA), {
  ...options,
  filepath: file,
});
writeFileSync(file, text);
console.log(`wrote ${file}`);
