import type {DemoUser} from '@crmkit/host-core';
import type {MockHostRuntime} from './mock-host-runtime.js';

/** A request as a mock route sees it: authenticated, authorized, its body parsed and valid. */
export interface MockRequest {
  runtime: MockHostRuntime;
  user: DemoUser;
  /** `de` or `en`: the language of labels and messages. */
  locale: string;
  /** The raw `Accept-Language` header, for labels in more languages. */
  acceptLanguage: string | null;
  params: Record<string, string>;
  query: URLSearchParams;
  headers: Headers;
  body: unknown;
  /** The body as sent (for positions in it). */
  rawBody: string;
}

export interface MockReply {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

/** One operation of the contract in the mock host. Refusals are thrown as `MockProblem`. */
export type MockRoute = (request: MockRequest) => MockReply | Promise<MockReply>;
