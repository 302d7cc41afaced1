// Types of the generated standalone validator (plugin-manifest-validator.js).

/** One schema violation, as ajv reports it. */
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

/** Validates a value against PLUGIN_MANIFEST_SCHEMA; on failure, `validate.errors` holds every error. */
export declare const validate: ((data: unknown) => boolean) & {errors?: SchemaError[] | null};
export default validate;
