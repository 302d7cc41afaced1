import type {AssignmentOutcome, Lead} from '@crmkit/sdk';
import type {LeadRow, UserRecord} from './host-store.js';

const OPTIONAL_FIELDS = [
  ['email', 'email'],
  ['phone', 'phone'],
  ['country', 'country'],
  ['region', 'region'],
  ['rating', 'rating'],
  ['source', 'source'],
] as const;

/** The contract's Lead JSON of a stored row, with the owners' names from `users`. */
export function leadFromRow(row: LeadRow, users: ReadonlyMap<string, UserRecord>): Lead {
  const lead: Lead = {
    id: row.id,
    firstName: row.first_name,
    lastName: row.last_name,
    company: row.company,
    status: row.status,
    ownerId: row.owner_id,
    originalOwnerId: row.original_owner_id,
    ownerName: row.owner_id ? (users.get(row.owner_id)?.name ?? null) : null,
    originalOwnerName: row.original_owner_id
      ? (users.get(row.original_owner_id)?.name ?? null)
      : null,
    version: row.version,
  };
  for (const [column, field] of OPTIONAL_FIELDS) {
    const value = row[column];
    if (value !== null) lead[field] = value;
  }
  if (row.status === 'Rejected' && row.reject_code && row.rejected_by && row.rejected_at) {
    lead.rejection = {
      code: row.reject_code,
      ...(row.reject_reason ? {reason: row.reject_reason} : {}),
      rejectedBy: {id: row.rejected_by, name: users.get(row.rejected_by)?.name ?? ''},
      rejectedAt: row.rejected_at,
      ...(row.reject_assignment
        ? {assignment: JSON.parse(row.reject_assignment) as AssignmentOutcome}
        : {}),
    };
  }
  return lead;
}

/** The stored row of a Lead (names are not stored: they come from the users). */
export function rowFromLead(lead: Lead): LeadRow {
  return {
    id: lead.id,
    first_name: lead.firstName,
    last_name: lead.lastName,
    company: lead.company,
    status: lead.status,
    owner_id: lead.ownerId,
    original_owner_id: lead.originalOwnerId,
    version: lead.version,
    email: lead.email ?? null,
    phone: lead.phone ?? null,
    country: lead.country ?? null,
    region: lead.region ?? null,
    rating: lead.rating ?? null,
    source: lead.source ?? null,
    reject_code: lead.rejection?.code ?? null,
    reject_reason: lead.rejection?.reason ?? null,
    rejected_by: lead.rejection?.rejectedBy.id ?? null,
    rejected_at: lead.rejection?.rejectedAt ?? null,
    reject_assignment: lead.rejection?.assignment
      ? JSON.stringify(lead.rejection.assignment)
      : null,
  };
}

/** The row as the reject UPDATE leaves it (before any reassignment). */
export function rejectedRow(
  row: LeadRow,
  change: {code: string; reason: string | null; by: string; at: string},
): LeadRow {
  return {
    ...row,
    status: 'Rejected',
    reject_code: change.code,
    reject_reason: change.reason,
    rejected_by: change.by,
    rejected_at: change.at,
    reject_assignment: null,
    version: row.version + 1,
  };
}
