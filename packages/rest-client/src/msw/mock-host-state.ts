import type {Lead, OwnershipMode} from '@crmkit/sdk';
import {
  DEFAULT_REJECT_CODES,
  DEMO_OWNERSHIP_MODE,
  DEMO_UNASSIGNED_OWNER,
  DEMO_USERS,
  demoLeads,
} from '@crmkit/host-core';
import type {DemoRejectCode, DemoUser} from '@crmkit/host-core';
import type {AuditEntry, InstalledPlugin} from '../rest-admin-api.js';

/** A remembered successful answer to an `Idempotency-Key`. */
export interface IdempotentAnswer {
  /** The lead id and the request body as understood (reason trimmed). */
  fingerprint: string;
  status: number;
  body: unknown;
}

/**
 * Everything the mock host knows, in memory. Tests may read and change it directly (e.g. put a lead
 * into another status); `reset()` of the mock host restores the initial data.
 */
export interface MockHostState {
  users: DemoUser[];
  /** By lead id, in id order. */
  leads: Map<string, Lead>;
  /** In picklist order. */
  rejectCodes: DemoRejectCode[];
  ownershipMode: OwnershipMode;
  /** The active assignment ruleset as an admin stored it. */
  ruleset: Record<string, unknown>;
  plugins: InstalledPlugin[];
  /** Oldest first. */
  audit: AuditEntry[];
  /** By `<user id> <key>`. */
  idempotency: Map<string, IdempotentAnswer>;
}

/** The initial data the mock host starts from (and returns to on `reset()`). */
export interface MockHostSeed {
  users?: readonly DemoUser[];
  leads?: readonly Lead[];
  rejectCodes?: readonly DemoRejectCode[];
  ownershipMode?: OwnershipMode;
  ruleset?: Record<string, unknown>;
  plugins?: readonly InstalledPlugin[];
}

/**
 * The mock's default ruleset: what `DEFAULT_MOCK_ASSIGN` does, written in the @crmkit/assignment format
 * (back to the original owner while active, else the unassigned owner).
 */
export const DEFAULT_MOCK_RULESET: Readonly<Record<string, unknown>> = {
  recordType: 'lead',
  description: 'Rejected leads go back to their original owner while that user is active.',
  unassignedOwner: DEMO_UNASSIGNED_OWNER,
  rules: [
    {
      name: 'original-owner',
      conditions: {all: [{fact: 'lead', path: '$.status', operator: 'equal', value: 'Rejected'}]},
      event: {type: 'assign', params: {to: 'originalOwner'}},
    },
  ],
};

const clone = <T>(value: T): T => structuredClone(value);

/** A fresh state from `seed` (default: the demo data), deep-copied so the seed is never changed. */
export function createMockHostState(seed: MockHostSeed = {}): MockHostState {
  const leads = clone([...(seed.leads ?? demoLeads())]).sort((a, b) =>
    a.id < b.id ? -1 : a.id > b.id ? 1 : 0,
  );
  return {
    users: clone([...(seed.users ?? DEMO_USERS)]),
    leads: new Map(leads.map((lead) => [lead.id, lead])),
    rejectCodes: clone([...(seed.rejectCodes ?? DEFAULT_REJECT_CODES)]),
    ownershipMode: seed.ownershipMode ?? DEMO_OWNERSHIP_MODE,
    ruleset: clone(seed.ruleset ?? DEFAULT_MOCK_RULESET),
    plugins: clone([...(seed.plugins ?? [])]),
    audit: [],
    idempotency: new Map(),
  };
}
