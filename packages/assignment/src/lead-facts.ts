/**
 * What the rules see. This package imports nothing else of crmkit's, so it defines its own view of a
 * lead and of a user; the host maps its records onto these (see `toLeadFacts`).
 */

/** The lead as it is after rejection: every field a rule can read through `{"fact": "lead", "path": "$.…"}`. */
export interface LeadFacts {
  id: string;
  firstName?: string;
  lastName?: string;
  company?: string;
  /** Lead Status; `Rejected` whenever the Assignment Manager runs on a reject. */
  status: string;
  /** The owner before reassignment (null when the lead has none). */
  ownerId: string | null;
  /** The lead's original owner (null when unknown). */
  originalOwnerId: string | null;
  email?: string;
  phone?: string;
  /** ISO 3166-1 alpha-2 country code, e.g. `DE`. */
  country?: string;
  /** Sales region, e.g. `EMEA`, `NA`, `APAC`. */
  region?: string;
  /** Lead rating, e.g. `A`, `B`, `C`. */
  rating?: string;
  /** Lead source, e.g. `Web`, `Referral`. */
  source?: string;
  /** The reject code's stable key, e.g. `DUPLICATE`, `OTHER`. */
  rejectCode?: string;
  /** The reject reason, trimmed; absent when none was given. */
  rejectReason?: string;
  /** Id of the user who rejected the lead. */
  rejectedById?: string;
  /** When the lead was rejected (ISO 8601). */
  rejectedAt?: string;
  /** The lead's version number. */
  version?: number;
}

/** Every field of `LeadFacts`, in documentation order (the linter accepts exactly these). */
export const LEAD_FACT_FIELDS = [
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
  'rejectCode',
  'rejectReason',
  'rejectedById',
  'rejectedAt',
  'version',
] as const;

/** A user as the Assignment Manager needs one: who manages them and whether they can own leads. */
export interface UserRecord {
  id: string;
  name?: string;
  role?: string;
  /** The user's manager, or null. */
  managerId: string | null;
  /** Only active users receive leads. */
  active: boolean;
}

/** Every field of `UserRecord` (the `owner` and `originalOwner` facts). */
export const USER_FACT_FIELDS = ['id', 'name', 'role', 'managerId', 'active'] as const;

/** The `now` fact: when the evaluation runs, in UTC. */
export interface NowFacts {
  /** ISO 8601, e.g. `2026-11-28T12:00:00.000Z` (ISO strings compare correctly as strings). */
  iso: string;
  /** Milliseconds since the epoch. */
  epochMs: number;
  /** Hour of the day, 0–23, UTC. */
  hourUtc: number;
  /** ISO weekday, 1 (Monday) – 7 (Sunday), UTC. */
  weekdayUtc: number;
}

/** Every field of `NowFacts`. */
export const NOW_FACT_FIELDS = ['iso', 'epochMs', 'hourUtc', 'weekdayUtc'] as const;

/** The facts a ruleset's conditions can name, and the fields each has. */
export const FACT_FIELDS: Readonly<Record<string, readonly string[]>> = {
  lead: LEAD_FACT_FIELDS,
  owner: USER_FACT_FIELDS,
  originalOwner: USER_FACT_FIELDS,
  now: NOW_FACT_FIELDS,
};

/** The facts a ruleset's conditions can name. */
export const FACT_NAMES: readonly string[] = Object.keys(FACT_FIELDS);

/** All facts of one evaluation. */
export interface AssignmentFacts {
  lead: LeadFacts;
  /** The current owner's record, or null when the lead has no owner or the owner is unknown. */
  owner: UserRecord | null;
  /** The original owner's record, or null. */
  originalOwner: UserRecord | null;
  now: NowFacts;
}

/** The `now` fact for a date. */
export function nowFacts(date: Date): NowFacts {
  const day = date.getUTCDay();
  return {
    iso: date.toISOString(),
    epochMs: date.getTime(),
    hourUtc: date.getUTCHours(),
    weekdayUtc: day === 0 ? 7 : day,
  };
}
