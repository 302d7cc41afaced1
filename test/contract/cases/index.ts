// The REST contract's cases, run unchanged against the msw mock host (contract.msw.test.ts) and the
// real dev host over HTTP (contract.server.test.ts), and against both at once for their texts
// (contract.texts.test.ts). Each case starts from the demo data; its steps run in order, and every
// response is also validated against openapi.json by the runner. One file per area; the order below
// is the order the cases run in (they share a host, reset only after a case changed something).
import type {ContractCase} from './contract-case.js';
import {readCases} from './reads.js';
import {pagingCases} from './paging.js';
import {httpCases} from './http.js';
import {rejectSuccessCases} from './reject-success.js';
import {rejectRefusalCases} from './reject-refusals.js';
import {idempotencyCases} from './idempotency.js';
import {rejectCheckOrderCases} from './reject-check-order.js';
import {problemCases} from './problems.js';
import {adminSettingsCases} from './admin-settings.js';
import {adminRejectCodeCases} from './admin-reject-codes.js';
import {adminRuleCases} from './admin-rules.js';
import {adminPluginCases} from './admin-plugins.js';
import {auditCases} from './audit.js';
import {authCases} from './auth.js';

/** Every case of the contract, in a stable order. */
export const CONTRACT_CASES: readonly ContractCase[] = [
  ...readCases,
  ...pagingCases,
  ...httpCases,
  ...rejectSuccessCases,
  ...rejectRefusalCases,
  ...idempotencyCases,
  ...rejectCheckOrderCases,
  ...problemCases,
  ...adminSettingsCases,
  ...adminRejectCodeCases,
  ...adminRuleCases,
  ...adminPluginCases,
  ...auditCases,
  ...authCases,
];
