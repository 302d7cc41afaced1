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
import {CONTRACT_CASES} from './cases/index.js';
import type {ContractRequest} from './cases/contract-case.js';
import {sendContractRequest} from './run-contract-cases.js';

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

/** The texts of an answer: for a problem its title, detail and field messages. */
async function texts(
  send: typeof fetch,
  baseUrl: string,
  request: ContractRequest,
  language: string,
): Promise<Texts> {
  const {status, headers, body} = await sendContractRequest(baseUrl, request, send, {
    'Accept-Language': language,
  });
  if (!/problem\+json/.test(headers.get('Content-Type') ?? '')) return {status};
  const problem = body as Texts;
  return {
    status,
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
