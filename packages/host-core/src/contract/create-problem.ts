import type {FieldError, Privilege, Problem} from '@crmkit/sdk';
import {PROBLEM_CODES} from './problem-codes.js';
import type {ProblemCode} from './problem-codes.js';
import {PROBLEM_DETAILS} from './problem-details.js';
import type {ProblemDetailParams} from './problem-details.js';

/** A problem document of the contract, with its optional extension members. */
export interface ContractProblem extends Problem {
  type: string;
  detail: string;
  code: ProblemCode;
  errors?: Array<FieldError & {line?: number; column?: number}>;
  privilege?: Privilege;
  currentVersion?: number;
  /** `permissions-not-accepted`: the permissions the version adds to what was accepted. */
  added?: Privilege[];
  /** The plugin the problem is about (`outside-plugin-scope`, plugin refusals). */
  pluginId?: string;
}

export interface CreateProblemOptions {
  /** `de` or `en` (anything else: English). */
  locale?: string;
  /** A specific detail; default: the code's sentence from PROBLEM_DETAILS with `params`. */
  detail?: string;
  params?: ProblemDetailParams;
  errors?: ContractProblem['errors'];
  privilege?: Privilege;
  currentVersion?: number;
  added?: Privilege[];
  pluginId?: string;
}

/** Builds the RFC 9457 document the contract sends for `code`: status, fixed title, detail in `locale`. */
export function createProblem(
  code: ProblemCode,
  options: CreateProblemOptions = {},
): ContractProblem {
  const {status, title} = PROBLEM_CODES[code];
  const texts = PROBLEM_DETAILS[code];
  const text = options.locale?.toLowerCase().startsWith('de') ? texts.de : texts.en;
  const problem: ContractProblem = {
    type: `urn:crmkit:problem:${code}`,
    status,
    title,
    detail:
      options.detail ??
      text({...options.params, privilege: options.privilege ?? options.params?.privilege}),
    code,
  };
  if (options.errors) problem.errors = options.errors;
  if (options.privilege) problem.privilege = options.privilege;
  if (options.currentVersion !== undefined) problem.currentVersion = options.currentVersion;
  if (options.added) problem.added = options.added;
  if (options.pluginId !== undefined) problem.pluginId = options.pluginId;
  return problem;
}
