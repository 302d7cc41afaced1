// Writes the files generated from openapi.json (the source of truth), formatted by Prettier:
// - openapi.json itself: the package schemas it embeds (embedded-schemas.ts) copied afresh from their
//   source files, so that editing @crmkit/sdk's manifest schema or @crmkit/assignment's ruleset
//   schema and running this script is all it takes;
// - src/contract/openapi-document.ts: the document as a plain module (no JSON loader needed);
// - src/contract/generated/request-validators.js: ajv's standalone ESM validators of every request
//   body and header/query parameter, so that the mock host validates requests in a browser without
//   ajv or its CommonJS runtime.
// openapi-document.test.ts and embedded-schemas.test.ts fail when any is out of date.
// Run: node --conditions=@crmkit/source --import tsx packages/host-core/scripts/write-openapi-module.ts
import {mkdirSync, writeFileSync} from 'node:fs';
import {dirname} from 'node:path';
import {documentModuleSource, openapiSource, requestValidatorsSource} from './openapi-artifacts.js';
import {DOCUMENT_MODULE_FILE, REQUEST_VALIDATORS_FILE, SOURCE_FILE} from './openapi-artifacts.js';

// openapi.json first: the other two are generated from it.
writeFileSync(SOURCE_FILE, await openapiSource());
console.log(`wrote ${SOURCE_FILE}`);
for (const [file, text] of [
  [DOCUMENT_MODULE_FILE, await documentModuleSource()],
  [REQUEST_VALIDATORS_FILE, await requestValidatorsSource()],
] as const) {
  mkdirSync(dirname(file), {recursive: true});
  writeFileSync(file, text);
  console.log(`wrote ${file}`);
}
