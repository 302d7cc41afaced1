export {createMockHost} from './create-mock-host.js';
export {DEFAULT_MOCK_RULESET} from './default-mock-ruleset.js';

export type {MockHost, MockHostOptions, MockHostSeed} from './create-mock-host.js';
