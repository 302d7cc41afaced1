/** The parts of an OpenAPI 3.1 document that crmkit's contract tooling reads. */
export interface OpenApiDocument {
  openapi: string;
  info: {title: string; version: string; [key: string]: unknown};
  paths: Record<string, OpenApiPathItem>;
  components: {
    schemas: Record<string, JsonSchema>;
    parameters: Record<string, OpenApiParameter>;
    responses: Record<string, OpenApiResponse>;
    [key: string]: unknown;
  };
  [key: string]: unknown;
}

export type HttpMethod = 'get' | 'put' | 'post' | 'delete' | 'patch';

export type OpenApiPathItem = Partial<Record<HttpMethod, OpenApiOperation>>;

export interface OpenApiOperation {
  operationId: string;
  summary?: string;
  description?: string;
  /** The privilege the operation needs; null: any signed-in user. */
  'x-crmkit-privilege': string | null;
  parameters?: Array<OpenApiParameter | OpenApiRef>;
  requestBody?: {
    description?: string;
    required?: boolean;
    content: Record<string, {schema: JsonSchema}>;
  };
  responses: Record<string, OpenApiResponse | OpenApiRef>;
  [key: string]: unknown;
}

export interface OpenApiParameter {
  name: string;
  in: 'path' | 'query' | 'header';
  required?: boolean;
  description?: string;
  schema: JsonSchema;
}

export interface OpenApiResponse {
  description: string;
  headers?: Record<string, unknown>;
  content?: Record<string, {schema: JsonSchema}>;
}

export interface OpenApiRef {
  $ref: string;
}

// A JSON Schema (draft 2020-12) object; kept open on purpose.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type JsonSchema = Record<string, any>;
