import type {OpenApiDocument} from './openapi-types.js';

/**
 * The document's own keywords, which ajv must be told about in strict mode: `components` (the root
 * that holds the schemas), the problem codes' `x-crmkit-status`/`x-crmkit-title`, and on embedded
 * schemas `x-crmkit-source` (the package schema it was copied from) and `x-crmkit-request-check`.
 */
export const CONTRACT_KEYWORDS: readonly string[] = [
  'components',
  'x-crmkit-status',
  'x-crmkit-title',
  'x-crmkit-source',
  'x-crmkit-request-check',
];

/**
 * The components as the host checks a request before its handler runs (400 `invalid-body`). A schema
 * with `x-crmkit-request-check` is replaced there by that schema: the ruleset and the plugin manifest
 * are described in full (answers are validated against them, clients get their types), but in a
 * request only their JSON type is checked, because their own validators (the ruleset linter, the
 * manifest validator) answer with 422 `invalid-ruleset` / `invalid-manifest` and every finding.
 */
export function requestComponents(
  components: OpenApiDocument['components'],
): OpenApiDocument['components'] {
  const schemas = Object.fromEntries(
    Object.entries(components.schemas).map(([name, schema]) => [
      name,
      schema['x-crmkit-request-check'] ?? schema,
    ]),
  );
  return {...components, schemas};
}
