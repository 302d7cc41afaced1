import type {LeadFacts} from './lead-facts.js';

/** The shape of a crmkit lead record this function reads (structurally; no import of `@crmkit/sdk`). */
export interface LeadRecordLike {
  id: string;
  status: string;
  ownerId: string | null;
  originalOwnerId: string | null;
  firstName?: string;
  lastName?: string;
  company?: string;
  email?: string;
  phone?: string;
  country?: string;
  region?: string;
  rating?: string;
  source?: string;
  version?: number;
  rejection?: {code: string; reason?: string; rejectedBy?: {id: string}; rejectedAt?: string};
}

const copied = [
  'id',
  'firstName',
  'lastName',
  'company',
  'status',
  'ownerId',
  'originalOwnerId',
  'email',
  'phone',
  'country',
  'region',
  'rating',
  'source',
  'version',
] as const;

/**
 * The `lead` fact for a lead record: its own fields, with the rejection flattened into `rejectCode`,
 * `rejectReason`, `rejectedById` and `rejectedAt`. Absent fields stay absent (a rule reading them sees
 * `undefined`), so a missing value never passes for an empty string.
 */
export function toLeadFacts(lead: LeadRecordLike): LeadFacts {
  const facts: Record<string, unknown> = {};
  for (const key of copied) if (lead[key] !== undefined) facts[key] = lead[key];
  const rejection = lead.rejection;
  if (rejection) {
    facts.rejectCode = rejection.code;
    if (rejection.reason !== undefined) facts.rejectReason = rejection.reason;
    if (rejection.rejectedBy) facts.rejectedById = rejection.rejectedBy.id;
    if (rejection.rejectedAt !== undefined) facts.rejectedAt = rejection.rejectedAt;
  }
  return facts as unknown as LeadFacts;
}
