import {satisfies} from 'compare-versions';

const NR = '(?:0|[1-9]\\d*)';
const X = '(?:[xX*]|' + NR + ')';
const IDENT = '[0-9A-Za-z-]+';
const PARTIAL = `v?${NR}(?:\\.${X}(?:\\.${X}(?:-${IDENT}(?:\\.${IDENT})*)?(?:\\+${IDENT}(?:\\.${IDENT})*)?)?)?`;
const SIMPLE = `(?:(?:(?:<=|>=|<|>|=|~|\\^)\\s*)?${PARTIAL}|[xX*])`;
const SET = `(?:${PARTIAL} - ${PARTIAL}|${SIMPLE}(?: +${SIMPLE})*)`;
const RANGE = new RegExp(`^\\s*${SET}(?:\\s*\\|\\|\\s*${SET})*\\s*$`);
const ANY = /^[xX*]$/;
/** Longer ranges are refused before any pattern runs on them. */
export const MAX_RANGE_LENGTH = 256;

/** The numeric parts of a partial version before the first wildcard: `1.2.x` → [1, 2]. */
function numericParts(partial: string): number[] {
  const parts: number[] = [];
  for (const part of partial.replace(/^v/, '').split(/[-+]/)[0]!.split('.')) {
    if (!/^\d+$/.test(part)) break;
    parts.push(Number(part));
  }
  return parts;
}

/** `>=a <b` for a partial version that stands for a whole span (`1` = 1.x.x, `1.2` = 1.2.x). */
function span(partial: string): string | undefined {
  const [major = 0, minor, patch] = numericParts(partial);
  if (patch !== undefined) return undefined;
  return minor === undefined
    ? `>=${major}.0.0 <${major + 1}.0.0`
    : `>=${major}.${minor}.0 <${major}.${minor + 1}.0`;
}

/**
 * Rewrites what compare-versions reads differently from npm into plain comparators: a bare or `=`
 * partial version (`1.x`, `=1.2`) is a span, and a hyphen range's partial upper end excludes the next
 * version (`1.2 - 2` = `>=1.2.0 <3.0.0`).
 */
function normalize(set: string): string {
  const hyphen = /^(\S+) - (\S+)$/.exec(set);
  if (hyphen) {
    const [low, high] = [hyphen[1]!, hyphen[2]!];
    const upper = span(high);
    return `>=${low} ${upper ? upper.split(' ')[1] : `<=${high}`}`;
  }
  return set
    .replace(/([<>=~^]+)\s+/g, '$1')
    .split(/\s+/)
    .map((token) => {
      const bare = /^=?(v?\d.*)$/.exec(token);
      return (bare && span(bare[1]!)) ?? token;
    })
    .join(' ');
}

/**
 * Checks an npm-style semver range (`^0.1.0`, `~1.2`, `>=0.1.0 <2`, `1.x || 2.0.0 - 2.3.0`) against a
 * version. `invalid` when the range does not follow that grammar. Prereleases count like releases
 * (npm's `includePrerelease`): an SDK `1.1.0-beta.1` satisfies `>=1.0.0 <2`. Runs in browsers without
 * CommonJS (it uses compare-versions, an ES module).
 */
export function checkSdkRange(
  range: string,
  version: string,
): 'satisfied' | 'unsatisfied' | 'invalid' {
  if (range.length > MAX_RANGE_LENGTH || !RANGE.test(range)) return 'invalid';
  const sets = range.split('||').map((s) => s.trim());
  try {
    return sets.some((set) => ANY.test(set) || satisfies(version, normalize(set)))
      ? 'satisfied'
      : 'unsatisfied';
  } catch {
    return 'invalid';
  }
}
