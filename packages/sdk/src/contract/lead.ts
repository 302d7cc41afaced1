/** Lead Status values. Only a `Qualified` lead can be rejected. */
export const LEAD_STATUSES = [
  'Qualifying',
  'Qualified',
  'Converted',
  'Rejected',
  'Archived',
] as const;
export type LeadStatus = (typeof LEAD_STATUSES)[number];

/** Ownership modes of a record type: User (owner required), Book (book, no owner), Mixed (neither). */
export const OWNERSHIP_MODES = ['user', 'mixed', 'book'] as const;
export type OwnershipMode = (typeof OWNERSHIP_MODES)[number];

/** The key of the reject code that always requires a reason, whatever its label. */
export const OTHER_REJECT_CODE = 'OTHER';

/** Longest reject reason accepted, in characters (after trimming). */
export const MAX_REJECT_REASON_LENGTH = 2000;

/** A user as the host knows them (the subset a plugin may see). */
export interface UserRef {
  id: string;
  name: string;
}

/** What is recorded when a lead is rejected. */
export interface Rejection {
  /** The reject code's stable key. */
  code: string;
  /** The reason, trimmed; absent when none was given. */
  reason?: string;
  rejectedBy: UserRef;
  /** ISO 8601 date-time. */
  rejectedAt: string;
  /**
   * How the reject reassigned the owner, when it did, so that a page can show it again after a
   * reload. Absent when the owner was not reassigned, and from hosts that do not record it.
   */
  assignment?: AssignmentOutcome;
}

export interface Lead {
  id: string;
  firstName: string;
  lastName: string;
  company: string;
  status: LeadStatus;
  ownerId: string | null;
  originalOwnerId: string | null;
  /** Grows by 1 with every change; send it as `ifMatch` for optimistic concurrency. */
  version: number;
  /** Display names of the owners, when the host provides them. */
  ownerName?: string | null;
  originalOwnerName?: string | null;
  email?: string;
  phone?: string;
  country?: string;
  region?: string;
  rating?: string;
  source?: string;
  /** Present when the lead is rejected. */
  rejection?: Rejection;
}

/** One entry of the reject-code picklist, labelled in the caller's locale, in picklist order. */
export interface RejectCodeOption {
  key: string;
  label: string;
  active: boolean;
}

/** Lead settings a plugin may read. */
export interface LeadSettings {
  ownershipMode: OwnershipMode;
}

/** The body of a reject request. */
export interface RejectLeadInput {
  rejectCode: string;
  rejectReason?: string;
  reassignOwner: boolean;
}

/** Options of a reject request. */
export interface RejectLeadOptions {
  /** The lead version the user saw; a newer one on the server is a `version-conflict`. */
  ifMatch?: number;
  /** The same key sent again returns the first answer and changes nothing more. */
  idempotencyKey?: string;
  signal?: AbortSignal;
}

/** How the Assignment Manager reassigned a rejected lead. */
export interface AssignmentOutcome {
  outcome: 'assigned' | 'unassigned-owner';
  ownerId: string;
  /** The name of the rule that matched, or null when the unassigned owner got the lead. */
  rule: string | null;
}

export interface RejectLeadResult {
  lead: Lead;
  /** Present when the owner was reassigned. */
  assignment?: AssignmentOutcome;
}
