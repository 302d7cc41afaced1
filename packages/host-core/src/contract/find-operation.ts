import type {HttpMethod, OpenApiDocument, OpenApiOperation} from './openapi-types.js';

/** The operation a request addresses, found by method and path. */
export interface OperationMatch {
  operation: OpenApiOperation;
  method: HttpMethod;
  /** The path as written in the document, e.g. `/api/leads/{id}`. */
  pathTemplate: string;
  /** The path parameters, decoded. */
  params: Record<string, string>;
}

/** `{allowed}`: the path exists, but not with this method (for 405 and its `Allow` header). */
export type OperationLookup = OperationMatch | {allowed: string[]} | undefined;

const METHODS: readonly HttpMethod[] = ['get', 'put', 'post', 'delete', 'patch'];

/** A function that finds the operation of a method and path in `document` (no ajv needed). */
export function createOperationFinder(
  document: OpenApiDocument,
): (method: string, pathname: string) => OperationLookup {
  const templates = Object.keys(document.paths).map((template) => {
    const names: string[] = [];
    const source = template
      .replace(/[.*+?^$()|[\]\\]/g, '\\$&')
      .replace(/\{(\w+)\}/g, (_m, n: string) => {
        names.push(n);
        return '([^/]+)';
      });
    return {template, names, regex: new RegExp(`^${source}$`)};
  });
  return (method, pathname) => {
    const lower = method.toLowerCase() as HttpMethod;
    for (const {template, names, regex} of templates) {
      const m = regex.exec(pathname);
      if (!m) continue;
      const item = document.paths[template]!;
      const operation = item[lower];
      if (!operation) return {allowed: METHODS.filter((x) => item[x]).map((x) => x.toUpperCase())};
      const params: Record<string, string> = {};
      names.forEach((n, i) => (params[n] = decodeSegment(m[i + 1]!)));
      return {operation, method: lower, pathTemplate: template, params};
    }
    return undefined;
  };
}

/** A path segment decoded; a malformed escape (`%E0%A4%A`) stays as it was sent. */
function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
