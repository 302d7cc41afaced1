// The contract cases, step by step against the msw mock host AND the real dev host at once, in English
// and in German: every problem's `title`, `detail` and field messages must be the same text on both,
// since plugins show these texts to users (status and code are checked by the other two files). The
// mock is called through its own `fetch` (no msw interception of the dev host's real HTTP).
import {after, test} from 'node:test';
import assert from 'node:assert/strict';
import {createMockHost} from '@crmkit/rest-client/msw';
import {startDevHost} from '@crmkit/dev-host';
import type {DevHost} from '@crmkit/dev-host';
import {contractMockHostOptions} from './contract-assignment.js';
import {CONTRACT_CASES} from './contract-cases.js';
import type {ContractRequest} from './contract-cases.js';

const mockUrl = 'http://crm.test';
const mock = createMockHost({baseUrl: mockUrl, ...contractMockHostOptions()});
let host: DevHost | undefined;

after(async () => {
  await host?.close();
});

interface Texts {
  status: number;
  title?: string;
  detail?: string;
  errors?: Array<{field: string; code: string; message: string}>;
}

async function texts(
  send: typeof fetch,
  baseUrl: string,
  request: ContractRequest,
  language: string,
): Promise<Texts> {
  const headers: Record<string, string> = {'Accept-Language': language};
  if (request.as !== undefined) headers.Authorization = `Bearer ${request.as}`;
  if (request.authorization !== undefined) headers.Authorization = request.authorization;
  let body: string | undefined;
  if (request.rawBody !== undefined || request.body !== undefined) {
    headers['Content-Type'] = 'application/json';
    body = request.rawBody ?? JSON.stringify(request.body);
  }
  Object.assign(headers, request.headers);
  const response = await send(`${baseUrl}${request.path}`, {
    method: request.method,
    headers,
    body,
  });
  const text = await response.text();
  if (!/problem\+json/.test(response.headers.get('Content-Type') ?? ''))
    return {status: response.status};
  const problem = JSON.parse(text) as Texts;
  return {
    status: response.status,
    title: problem.title,
    detail: problem.detail,
    errors: (problem.errors ?? []).map(({field, code, message}) => ({field, code, message})),
  };
}

for (const language of ['en', 'de']) {
  for (const contractCase of CONTRACT_CASES) {
    test(`${contractCase.name} [${language}]: the same texts from the mock and the dev host`, async () => {
      mock.reset();
      await host?.close();
      host = await startDevHost({port: 0, db: ':memory:', log: () => {}});
      for (const [index, step] of contractCase.steps.entries()) {
        const where = `step ${index + 1}: ${step.request.method} ${step.request.path}`;
        const fromMock = await texts(mock.fetch, mockUrl, step.request, language);
        const fromHost = await texts(fetch, host.url, step.request, language);
        assert.deepEqual(fromMock, fromHost, `${where}: mock (actual) vs dev host (expected)`);
      }
    });
  }
}
