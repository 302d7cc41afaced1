export {createMockHost} from './create-mock-host.js';
export {defaultMockAssign} from './default-mock-assign.js';
export {handleMockRequest} from './handle-mock-request.js';
export {DEFAULT_MOCK_RULESET, createMockHostState} from './mock-host-state.js';
export {MockProblem} from './mock-problem.js';

export type {MockHost, MockHostOptions} from './create-mock-host.js';
export type {
  MockAssign,
  MockAssignContext,
  MockHostRuntime,
  MockLintFinding,
  MockLintRuleset,
} from './mock-host-runtime.js';
export type {IdempotentAnswer, MockHostSeed, MockHostState} from './mock-host-state.js';
export type {MockReply, MockRequest, MockRoute} from './mock-route.js';
