import {LEAD_FACT_FIELDS, type LeadFacts} from './lead-facts.js';

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

/** The fields flattened from `rejection`; every other lead fact is copied as it is. */
const fromRejection: ReadonlySet<string> = new Set([
  'rejectCode',
  'rejectReason',
  'rejectedById',
  'rejectedAt',
]);
const copied = LEAD_FACT_FIELDS.filter(
  (
    field,
  ): field is Exclude<
    (typeof LEAD_FACT_FIELDS)[number],
    'rejectCode' | 'rejectReason' | 'rejectedById' | 'rejectedAt'
  > => !fromRejection.has(field),
);

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
