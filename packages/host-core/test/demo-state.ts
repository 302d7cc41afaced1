// The demo data as a memory store's state, a fresh copy each call: what host-core's tests start from.
import {DEFAULT_REJECT_CODES, DEMO_ROLES, DEMO_USERS, demoLeads} from '../src/demo-data.js';
import type {MemoryStoreState} from '../src/store/memory-store.js';

export const demoState = (): MemoryStoreState => ({
  users: structuredClone([...DEMO_USERS]),
  roles: structuredClone([...DEMO_ROLES]),
  leads: new Map(demoLeads().map((l) => [l.id, l])),
  rejectCodes: structuredClone([...DEFAULT_REJECT_CODES]),
  ownershipMode: 'mixed',
  rulesets: [],
  plugins: [],
  pluginPackages: [],
  audit: [],
});
