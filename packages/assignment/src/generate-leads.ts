import type {LeadFacts} from './lead-facts.js';

/** A small, fast, seeded PRNG (mulberry32): the same seed gives the same leads on every machine. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface GenerateLeadsOptions {
  count: number;
  seed?: number;
  /** Owner ids to draw from; default the demo users' (including the inactive `petra`). */
  ownerIds?: readonly string[];
}

const COUNTRIES: readonly [string, string][] = [
  ['DE', 'EMEA'],
  ['AT', 'EMEA'],
  ['CH', 'EMEA'],
  ['GB', 'EMEA'],
  ['FR', 'EMEA'],
  ['US', 'NA'],
  ['CA', 'NA'],
  ['JP', 'APAC'],
  ['AU', 'APAC'],
  ['SG', 'APAC'],
];
const RATINGS = ['A', 'B', 'B', 'C', 'C', 'C'];
const SOURCES = ['Web', 'Web', 'Trade Show', 'Referral', 'Partner', 'Cold Call'];
/** Reject codes weighted roughly as a sales team uses them. */
const REJECT_CODES = [
  'DUPLICATE',
  'DUPLICATE',
  'DUPLICATE',
  'FAILED_TO_REACH_CONTACT',
  'FAILED_TO_REACH_CONTACT',
  'NO_BUSINESS_OPPORTUNITY',
  'NO_BUSINESS_OPPORTUNITY',
  'INVALID_PHONE_NUMBER',
  'INSUFFICIENT_DATA',
  'OTHER',
  'OTHER',
  'RECENTLY_CONTACTED',
  'DO_NOT_CONTACT_AGAIN',
  'THIRD_PARTY_CONTACT',
  'INAPPROPRIATE_CONTACT',
  'OPPORTUNITY_IN_PROGRESS',
  'DATA_ENTRY_SYSTEM_ERROR',
  'ALREADY_OWNS_PRODUCT',
  'TARGETING_CRITERIA_NOT_MET',
];
const COMPANIES = [
  'Nordwind Logistik GmbH',
  'Alpenblick Software AG',
  'Blue Harbor Ltd',
  'Solara Energy',
  'Meridian Foods',
  'Atlas Freight Inc',
];
const DEMO_OWNERS = ['max', 'jonas', 'petra', 'sofia', 'max', 'jonas', 'anna'];

/**
 * Realistic rejected leads, one at a time (nothing is kept: memory stays flat for any count). Each is
 * as the Assignment Manager sees it after rejection: status Rejected, a reject code (a reason for
 * OTHER and sometimes otherwise), region, country, rating, source, owner and original owner (now and
 * then missing or unknown, to exercise the fallbacks).
 */
export function* generateLeads(options: GenerateLeadsOptions): Generator<LeadFacts> {
  const random = seededRandom(options.seed ?? 1);
  const owners = options.ownerIds ?? DEMO_OWNERS;
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
  // Dates are drawn from a table (one per day, at 09:30 UTC): formatting a Date per lead would cost
  // more than evaluating the rules.
  const start = Date.UTC(2026, 0, 1, 9, 30);
  const days = Array.from({length: 300}, (_, d) => new Date(start + d * 86_400_000).toISOString());
  for (let i = 0; i < options.count; i++) {
    const [country, region] = pick(COUNTRIES);
    const rejectCode = pick(REJECT_CODES);
    const r = random();
    const originalOwnerId = r < 0.04 ? null : r < 0.06 ? 'former-employee' : pick(owners);
    const ownerId = random() < 0.7 ? originalOwnerId : pick(owners);
    const lead: LeadFacts = {
      id: `G-${i + 1}`,
      company: pick(COMPANIES),
      status: 'Rejected',
      ownerId,
      originalOwnerId,
      country,
      region,
      rating: pick(RATINGS),
      source: pick(SOURCES),
      rejectCode,
      rejectedById: pick(owners),
      rejectedAt: pick(days),
      version: 2,
    };
    if (rejectCode === 'OTHER' || random() < 0.2) lead.rejectReason = 'Generated reason';
    yield lead;
  }
}
