// Types of the generated standalone validators (request-validators.js).

/** One schema violation, as ajv reports it. */
export interface SchemaError {
  keyword: string;
  instancePath: string;
  schemaPath: string;
  params: Record<string, unknown>;
  propertyName?: string;
  message?: string;
}

export type StandaloneValidator = ((data: unknown) => boolean) & {errors?: SchemaError[] | null};

/** Every validator by key: `body:<schema>` or `<operationId>:<header|query>:<name>`. */
export declare const VALIDATORS: Record<string, StandaloneValidator>;
