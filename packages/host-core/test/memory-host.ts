// A host over a memory store with the demo data, and one call at a time as a HostRequest: the routes
// of host-core tested without any environment.
import {createHost} from '../src/create-host.js';
import type {HostRequest} from '../src/http/host-request.js';
import {decodeBody} from '../src/http/parse-json-body.js';
import {MemoryStore} from '../src/store/memory-store.js';
import {demoState} from './demo-state.js';

export interface Answer {
  status: number;
  headers: Record<string, string>;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  body: any;
  bytes: Uint8Array;
}

export function memoryHost(options: {now?: () => Date} = {}) {
  const store = new MemoryStore(demoState(), options.now);
  const host = createHost({store});
  const call = async (
    method: string,
    path: string,
    options: {
      as?: string;
      json?: unknown;
      bytes?: Uint8Array;
      type?: string;
      headers?: Record<string, string>;
    } = {},
  ): Promise<Answer> => {
    const url = new URL(path, 'http://crm.test');
    const body =
      options.bytes ??
      (options.json === undefined
        ? new Uint8Array()
        : new TextEncoder().encode(JSON.stringify(options.json)));
    const headers: Record<string, string> = {
      ...(options.as ? {authorization: `Bearer ${options.as}`} : {}),
      ...(body.length
        ? {
            'content-type':
              options.type ?? (options.bytes ? 'application/gzip' : 'application/json'),
            'content-length': String(body.length),
          }
        : {}),
      ...options.headers,
    };
    const request: HostRequest = {
      method,
      pathname: url.pathname,
      query: url.searchParams,
      header: (name) => headers[name],
      // As the adapters read it: strict UTF-8 (host-core's decodeBody).
      readBody: async () => decodeBody(body),
      readBytes: async () => body,
      discardBody: () => {},
    };
    const response = await host.handle(request);
    const bytes =
      typeof response.body === 'string' ? new TextEncoder().encode(response.body) : response.body;
    const text = new TextDecoder().decode(bytes);
    const type = response.headers['content-type'] ?? '';
    return {
      status: response.status,
      headers: response.headers,
      body: /json/.test(type) && text ? JSON.parse(text) : text,
      bytes,
    };
  };
  return {store, host, call};
}
