import type {
  JsonSchema,
  OpenApiDocument,
  OpenApiOperation,
  OpenApiParameter,
  OpenApiRef,
} from './openapi-types.js';

/** The key of a request body's validator: `body:<schema name>`. */
export const bodyKey = (schemaName: string): string => `body:${schemaName}`;
/** The key of a parameter's validator: `<operationId>:<in>:<name>`. */
export const parameterKey = (operationId: string, where: string, name: string): string =>
  `${operationId}:${where}:${name}`;

/** A parameter as declared by the operation, `$ref`s resolved. */
export function operationParameters(
  document: OpenApiDocument,
  operation: OpenApiOperation,
): OpenApiParameter[] {
  return (operation.parameters ?? []).map((p: OpenApiParameter | OpenApiRef) =>
    '$ref' in p ? document.components.parameters[p.$ref.split('/').pop()!]! : p,
  );
}

/** The name of the components schema a request body refers to. */
export function bodySchemaName(operation: OpenApiOperation): string | undefined {
  const ref = operation.requestBody?.content['application/json']?.schema.$ref as string | undefined;
  return ref?.split('/').pop();
}

/** Every schema a request is checked against: each body schema, each header and query parameter. */
export function requestValidatorKeys(
  document: OpenApiDocument,
): Array<{key: string; schema: JsonSchema}> {
  const keys = new Map<string, JsonSchema>();
  for (const item of Object.values(document.paths)) {
    for (const operation of Object.values(item) as OpenApiOperation[]) {
      const name = bodySchemaName(operation);
      if (name) keys.set(bodyKey(name), {$ref: `#/components/schemas/${name}`});
      for (const p of operationParameters(document, operation)) {
        if (p.in === 'header' || p.in === 'query') {
          keys.set(parameterKey(operation.operationId, p.in, p.name), p.schema);
        }
      }
    }
  }
  return [...keys].map(([key, schema]) => ({key, schema}));
}
