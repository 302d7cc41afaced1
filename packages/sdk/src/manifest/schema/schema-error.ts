/**
 * One violation of the manifest schema, as ajv's standalone validator reports it. A .ts file (not only
 * the generated validator's .d.ts) so that the emitted types of the modules reading it resolve.
 */
export interface SchemaError {
  keyword: string;
  /** JSON pointer of the offending value. */
  instancePath: string;
  /** Where in the schema the failing keyword is, e.g. `#/properties/id/pattern`. */
  schemaPath: string;
  params: Record<string, unknown>;
  /** Set when the error is about a property name (propertyNames). */
  propertyName?: string;
  message?: string;
}
