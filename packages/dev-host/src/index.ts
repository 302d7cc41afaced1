export {startDevHost} from './start-dev-host.js';
export {readBundledPlugin} from './db/seed-demo-data.js';

export type {DevHost, DevHostOptions} from './start-dev-host.js';
export type {BundledPlugin} from './db/seed-demo-data.js';
export type {PageHandler} from './server/page-handler.js';
export type {RejectFaults} from '@crmkit/host-core';
