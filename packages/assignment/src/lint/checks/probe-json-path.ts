import {Almanac} from 'json-rules-engine';
import {LEAD_FACT_FIELDS, nowFacts} from '../../lead-facts.js';

/**
 * json-rules-engine's own path resolver (jsonpath-plus with `wrap: false`, safe filter evaluation: a
 * path's filter runs no code of the ruleset), taken from an almanac so that the linter reads a path
 * exactly as the engine does. It is synchronous.
 */
const resolvePath = (
  new Almanac({}) as unknown as {pathResolver: (v: object, p: string) => unknown}
).pathResolver;

/** A lead with only what every lead the Assignment Manager sees has. */
const MINIMAL_LEAD = {id: 'L-1', status: 'Rejected', ownerId: null, originalOwnerId: null};
/** A lead with every field set. */
const FULL_LEAD = Object.fromEntries(
  LEAD_FACT_FIELDS.map((f) => [f, f === 'version' ? 3 : f.endsWith('Id') ? 'u-1' : `${f} value`]),
);
const MINIMAL_USER = {id: 'u-1', managerId: null, active: true};
const FULL_USER = {id: 'u-1', name: 'User One', role: 'Sales Rep', managerId: 'u-2', active: true};
const NOW = nowFacts(new Date(Date.UTC(2026, 10, 28, 12)));

/** The facts a path is tried on: the least each fact has, then all of it. */
const PROBES: Readonly<Record<string, readonly object[]>> = {
  lead: [MINIMAL_LEAD, FULL_LEAD],
  owner: [MINIMAL_USER, FULL_USER],
  originalOwner: [MINIMAL_USER, FULL_USER],
  now: [NOW],
};

/**
 * Whether json-rules-engine fails to read `path` of `fact` (e.g. `$[?(@.x==)]`: jsonpath-plus throws
 * "Expected expression after ==" once it applies the filter to a field): the error's message, and
 * whether it fails for every lead (on the least the fact always has; `owner` and `originalOwner` may
 * be null, and a path is not applied to null). Undefined when the path reads fine.
 */
export function probeJsonPath(
  fact: string,
  path: string,
): {reason: string; every: boolean} | undefined {
  const probes = PROBES[fact] ?? [];
  for (let i = 0; i < probes.length; i++) {
    try {
      resolvePath(probes[i] as object, path);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      return {reason, every: i === 0 && (fact === 'lead' || fact === 'now')};
    }
  }
  return undefined;
}
