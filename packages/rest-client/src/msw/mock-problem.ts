import {createProblem} from '@crmkit/host-core';
import type {ContractProblem, CreateProblemOptions} from '@crmkit/host-core';
import type {ProblemCode} from '@crmkit/host-core';

/** A refusal of the mock host: thrown by a route, answered as `application/problem+json`. */
export class MockProblem extends Error {
  readonly problem: ContractProblem;
  readonly headers: Record<string, string>;

  constructor(
    code: ProblemCode,
    options: CreateProblemOptions & {headers?: Record<string, string>} = {},
  ) {
    const problem = createProblem(code, options);
    super(problem.detail);
    this.name = 'MockProblem';
    this.problem = problem;
    this.headers = options.headers ?? {};
  }
}
