// Writes packages/rest-client/src/contract/openapi-document.ts from openapi.json (the source of truth),
// so that browsers and bundlers get the contract as a plain module without a JSON loader.
// openapi-document.test.ts fails when the module is out of date.
// Run: node --conditions=source --import tsx packages/rest-client/scripts/write-openapi-module.ts
import {readFileSync, writeFileSync} from 'node:fs';
import {fileURLToPath} from 'node:url';
import * as prettier from 'prettier';

const source = fileURLToPath(new URL('../openapi.json', import.meta.url));
const target = fileURLToPath(new URL('../src/contract/openapi-document.ts', import.meta.url));
const document: unknown = JSON.parse(readFileSync(source, 'utf8'));
const code = [
  '// Generated from packages/rest-client/openapi.json by scripts/write-openapi-module.ts: edit the JSON,',
  '// then run `node --conditions=source --import tsx packages/rest-client/scripts/write-openapi-module.ts`.',
  "import type {OpenApiDocument} from './openapi-types.js';",
  '',
  '/** The REST contract (OpenAPI 3.1), the same document as `@crmkit/rest-client/openapi.json`. */',
  `export const OPENAPI_DOCUMENT: OpenApiDocument = ${JSON.stringify(document)};`,
  '',
].join('\n');
const options = (await prettier.resolveConfig(target)) ?? {};
writeFileSync(target, await prettier.format(code, {...options, filepath: target}));
console.log(`wrote ${target}`);
