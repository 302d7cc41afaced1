import {formatPointer, MAX_JSON_DEPTH} from '@crmkit/json-kit';
import {has, isObject} from '../is-object.js';
import {lintDraft, type LintDraft} from '../lint-finding.js';
import {pathOf} from '../lint-words.js';

/**
 * The deepest nesting of all/any/not a rule may reach, counting through shared conditions (a
 * reference counts one level plus the depth of the condition it names). Real rulesets need a handful;
 * the limit keeps every recursive reader far inside the stack: the schema validator (ajv overflows
 * near 780 levels), the compiler, json-rules-engine's constructor, the symbolic first-rule check and
 * the explanation.
 */
export const MAX_CONDITION_DEPTH = 100;

type Segment = string | number;

/**
 * `nesting-too-deep` for a value (a ruleset given as an object; a text is refused before parsing, by
 * the JSON locator) that nests deeper than MAX_JSON_DEPTH levels anywhere. Without recursion.
 */
function checkJsonDepth(value: unknown): LintDraft[] {
  const stack: {v: unknown; depth: number; at: Segment[]}[] = [{v: value, depth: 1, at: []}];
  while (stack.length) {
    const {v, depth, at} = stack.pop() as {v: unknown; depth: number; at: Segment[]};
    if (v === null || typeof v !== 'object') continue;
    if (depth > MAX_JSON_DEPTH) {
      const pointer = formatPointer(at);
      return [
        lintDraft(
          'nesting-too-deep.value',
          {limit: MAX_JSON_DEPTH, path: pathOf(pointer)},
          pointer,
        ),
      ];
    }
    const children: [Segment, unknown][] = Array.isArray(v)
      ? v.map((x, i) => [i, x])
      : Object.keys(v).map((k) => [k, (v as Record<string, unknown>)[k]]);
    for (const [k, x] of children) stack.push({v: x, depth: depth + 1, at: [...at, k]});
  }
  return [];
}

/** A condition tree's own depth, and where it references shared conditions (at which depth). */
interface TreeDepth {
  /** The first node deeper than the limit within the tree itself, if any. */
  tooDeep?: Segment[];
  depth: number;
  references: {name: string; depth: number; at: Segment[]}[];
}

/** Walks one condition tree without recursion (children of all/any, then not). */
function treeDepth(root: unknown, at: Segment[]): TreeDepth {
  const result: TreeDepth = {depth: 0, references: []};
  const stack: {c: unknown; depth: number; at: Segment[]}[] = [{c: root, depth: 1, at}];
  while (stack.length) {
    const {c, depth, at: here} = stack.pop() as {c: unknown; depth: number; at: Segment[]};
    if (!isObject(c)) continue;
    if (depth > MAX_CONDITION_DEPTH) {
      result.tooDeep ??= here;
      continue;
    }
    result.depth = Math.max(result.depth, depth);
    if (typeof c.condition === 'string' && has(c, 'condition'))
      result.references.push({name: c.condition, depth, at: here});
    if (has(c, 'not')) stack.push({c: c.not, depth: depth + 1, at: [...here, 'not']});
    for (const op of ['any', 'all'] as const)
      if (Array.isArray(c[op]))
        (c[op] as unknown[]).forEach((x, i) =>
          stack.push({c: x, depth: depth + 1, at: [...here, op, i]}),
        );
  }
  return result;
}

/**
 * `nesting-too-deep` for conditions nested deeper than MAX_CONDITION_DEPTH, in a rule or a shared
 * condition, directly or through references. One finding per rule or shared condition, at the node
 * that goes past the limit (the reference, when the depth comes through one).
 */
function checkConditionDepth(ruleset: Record<string, unknown>): LintDraft[] {
  const shared = isObject(ruleset.sharedConditions) ? ruleset.sharedConditions : {};
  const trees = new Map<string, TreeDepth>();
  const tree = (name: string) => {
    let t = trees.get(name);
    if (!t) trees.set(name, (t = treeDepth(shared[name], ['sharedConditions', name])));
    return t;
  };
  /** A shared condition's depth through its references, with the deepest chain of names. */
  const effective = new Map<string, {depth: number; via: string[]}>();
  const open = new Set<string>();
  const depthOf = (name: string): {depth: number; via: string[]} => {
    const known = effective.get(name);
    if (known) return known;
    // A cycle (reported as circular-condition) adds nothing here. Every reference adds a level, so a
    // chain of more names than the limit is too deep whatever it holds: the recursion over names
    // stops there and stays shallow.
    if (!has(shared, name) || open.has(name)) return {depth: 0, via: []};
    if (open.size > MAX_CONDITION_DEPTH) return {depth: MAX_CONDITION_DEPTH + 1, via: [name]};
    open.add(name);
    const t = tree(name);
    let best = {depth: t.tooDeep ? MAX_CONDITION_DEPTH + 1 : t.depth, via: [name]};
    for (const r of t.references) {
      const inner = depthOf(r.name);
      if (r.depth + inner.depth > best.depth)
        best = {depth: r.depth + inner.depth, via: [name, ...inner.via]};
    }
    open.delete(name);
    effective.set(name, best);
    return best;
  };

  const drafts: LintDraft[] = [];
  const check = (t: TreeDepth) => {
    let where = t.tooDeep;
    let via: string[] = [];
    if (!where)
      for (const r of t.references) {
        const inner = depthOf(r.name);
        if (r.depth + inner.depth > MAX_CONDITION_DEPTH) {
          where = r.at;
          via = inner.via;
          break;
        }
      }
    if (!where) return;
    const pointer = formatPointer(where);
    drafts.push(
      lintDraft(
        'nesting-too-deep.conditions',
        {limit: MAX_CONDITION_DEPTH, path: pathOf(pointer), via},
        pointer,
      ),
    );
  };
  for (const name of Object.keys(shared)) check(tree(name));
  const rules = Array.isArray(ruleset.rules) ? (ruleset.rules as unknown[]) : [];
  rules.forEach((rule, i) => {
    if (isObject(rule) && has(rule, 'conditions'))
      check(treeDepth(rule.conditions, ['rules', i, 'conditions']));
  });
  return drafts;
}

/**
 * What must hold before any recursive check runs: no value nested deeper than MAX_JSON_DEPTH, no
 * conditions deeper than MAX_CONDITION_DEPTH. With any finding here the linter checks nothing else.
 */
export function checkNesting(value: unknown): LintDraft[] {
  const json = checkJsonDepth(value);
  if (json.length || !isObject(value)) return json;
  return checkConditionDepth(value);
}
