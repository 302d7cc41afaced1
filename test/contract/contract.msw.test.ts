// The contract cases against the msw mock host (@crmkit/rest-client/msw) in Node, through msw/node.
import {after, before} from 'node:test';
import {setupServer} from 'msw/node';
import {createMockHost} from '@crmkit/rest-client/msw';
import {contractMockHostOptions} from './contract-assignment.js';
import {runContractCases} from './run-contract-cases.js';

const baseUrl = 'http://crm.test';
const host = createMockHost({baseUrl, ...contractMockHostOptions()});
const server = setupServer(...host.handlers);

before(() => server.listen({onUnhandledRequest: 'error'}));
after(() => server.close());

runContractCases(() => ({
  baseUrl,
  reset: async () => host.reset(),
}));
