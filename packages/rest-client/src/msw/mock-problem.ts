import {createProblem} from '../contract/create-problem.js';
import type {ContractProblem, CreateProblemOptions} from '../contract/create-problem.js';
import type {ProblemCode} from '../contract/problem-codes.js';

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
