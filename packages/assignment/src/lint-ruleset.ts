import Ajv2020, {type ErrorObject, type ValidateFunction} from 'ajv/dist/2020.js';
import {parseTree, printParseErrorCode, type ParseError} from 'jsonc-parser';
import {didYouMean} from './did-you-mean.js';
import {parseSimplePath} from './json-path.js';
import {FACT_FIELDS, FACT_NAMES, type UserRecord} from './lead-facts.js';
import type {LintFinding} from './lint-finding.js';
import {
  DECORATOR_NAMES,
  OPERATOR_NAMES,
  operatorMayThrow,
  operatorNeedsArrayValue,
  parseOperator,
} from './operators.js';
import {userLookup, type UserLookup} from './resolve-target.js';
import {RULESET_SCHEMA} from './ruleset-schema.js';
import type {Condition, Ruleset} from './ruleset.js';
import {SourcePositions, pointerSegments, toPointer} from './source-positions.js';
import {symbolicMatch} from './symbolic-match.js';

export interface LintOptions {
  /** The file name to put on every finding. */
  file?: string;
  /** Known users: then targets and the unassigned owner are checked against them. */
  users?: UserLookup | readonly UserRecord[];
}

export interface LintResult {
  /** Every finding, errors and warnings, in source order. */
  findings: LintFinding[];
  /** The ruleset, when there is no error. */
  ruleset?: Ruleset;
}

/** A finding before it gets its position. */
interface Draft {
  severity?: 'error' | 'warning';
  code: string;
  message: string;
  hint: string;
  pointer: string;
  /** Point at the property name rather than its value. */
  key?: boolean;
}

/** What every evaluated lead is known to be: rejected (the rules run after the rejection). */
const REJECTED = {lead: {status: 'Rejected'}};

const EXAMPLE_FIRST_RULE =
  '{"name": "rejected-to-original-owner", "conditions": {"all": [{"fact": "lead", "path": "$.status", "operator": "equal", "value": "Rejected"}]}, "event": {"type": "assign", "params": {"to": "originalOwner"}}}';

let validator: ValidateFunction | undefined;
function schemaValidator(): ValidateFunction {
  validator ??= new Ajv2020({
    allErrors: true,
    verbose: true,
    strict: true,
    strictRequired: false,
    strictTypes: false,
  }).compile(RULESET_SCHEMA);
  return validator;
}

const has = (o: unknown, k: string) =>
  o !== null && typeof o === 'object' && Object.prototype.hasOwnProperty.call(o, k);
const isObject = (o: unknown): o is Record<string, unknown> =>
  o !== null && typeof o === 'object' && !Array.isArray(o);
const quote = (v: unknown) => JSON.stringify(v);
const suggestion = (name: string, candidates: readonly string[]) => {
  const m = typeof name === 'string' ? didYouMean(name, candidates) : undefined;
  return m ? `Did you mean "${m}"? ` : '';
};

/** Schema errors as findings, dropping those the semantic checks below report more precisely. */
function schemaDrafts(errors: readonly ErrorObject[]): Draft[] {
  const drafts: Draft[] = [];
  const anyOfPaths = new Set(
    errors.filter((e) => e.keyword === 'anyOf').map((e) => e.instancePath),
  );
  for (const e of errors) {
    const path = e.instancePath;
    const last = pointerSegments(path).at(-1);
    // Operators, facts and user targets get their own, more specific findings.
    if (last === 'operator' || last === 'fact') continue;
    if (e.keyword === 'required' && e.params.missingProperty === 'userId') continue;
    if (e.keyword === 'if' || e.keyword === 'allOf') continue;
    if (e.keyword === 'required' && anyOfPaths.has(path) && e.schemaPath.includes('anyOf'))
      continue;
    switch (e.keyword) {
      case 'required': {
        const missing = e.params.missingProperty as string;
        drafts.push({
          code: 'schema-required',
          message: `${where(path)} is missing "${missing}".`,
          hint: requiredHint(path, missing),
          pointer: path,
        });
        break;
      }
      case 'additionalProperties':
      case 'propertyNames': {
        const name = (e.params.additionalProperty ?? e.params.propertyName) as string | undefined;
        if (name === undefined) break;
        const allowed = allowedKeys(e);
        drafts.push({
          code: 'schema-unknown-property',
          message: `${where(path)} does not take "${name}".`,
          hint:
            name === 'priority' && /^\/rules\/\d+$/.test(path)
              ? 'Rule order is the priority: the first matching rule wins. Move the rule instead of giving it a priority.'
              : `${suggestion(name, allowed)}Allowed here: ${allowed.join(', ')}.`,
          pointer: `${path}/${name.replace(/~/g, '~0').replace(/\//g, '~1')}`,
          key: true,
        });
        break;
      }
      case 'anyOf':
        drafts.push({
          code: 'schema-condition-root',
          message: `${where(path)} must be a boolean condition ("all", "any" or "not") or a reference ("condition").`,
          hint: 'Wrap the condition: {"all": [ … ]}.',
          pointer: path,
        });
        break;
      case 'enum':
      case 'const': {
        const allowed = (
          e.keyword === 'enum' ? e.params.allowedValues : [e.params.allowedValue]
        ) as unknown[];
        drafts.push({
          code: 'schema-enum',
          message: `${where(path)} is ${quote(e.data)}; it must be ${allowed.map(quote).join(' or ')}.`,
          hint: `${suggestion(String(e.data), allowed.map(String))}Use one of ${allowed.map(quote).join(', ')}.`,
          pointer: path,
        });
        break;
      }
      case 'propertyNames:enum':
        break;
      default:
        drafts.push({
          code: `schema-${e.keyword.replace(/[A-Z]/g, (c) => '-' + c.toLowerCase())}`,
          message: `${where(path)} ${e.message ?? 'is invalid'}.`,
          hint: schemaHint(e),
          pointer: path,
        });
    }
  }
  return drafts;
}

function allowedKeys(e: ErrorObject): string[] {
  const parent = e.parentSchema as Record<string, unknown> | undefined;
  if (e.keyword === 'propertyNames') {
    const names = (e.schema as {enum?: string[]}).enum;
    if (names) return names;
  }
  return Object.keys((parent?.properties as object) ?? {});
}

function requiredHint(path: string, missing: string): string {
  if (missing === 'fact' || missing === 'operator' || missing === 'value')
    return 'A fact condition needs "fact", "operator" and "value", e.g. {"fact": "lead", "path": "$.region", "operator": "equal", "value": "EMEA"}.';
  if (missing === 'event')
    return 'Add "event": {"type": "assign", "params": {"to": "originalOwner"}}.';
  if (missing === 'unassignedOwner')
    return 'Add "unassignedOwner": "<user id>", the user who receives leads no rule assigns.';
  if (missing === 'recordType') return 'Add "recordType": "lead".';
  return `Add "${missing}" to ${where(path)}.`;
}

function schemaHint(e: ErrorObject): string {
  if (e.keyword === 'type')
    return `Write a${/^[aeiou]/.test(String(e.params.type)) ? 'n' : ''} ${e.params.type} here.`;
  if (e.keyword === 'pattern' && e.instancePath.endsWith('/path'))
    return 'A path is JSONPath from the fact\'s root, e.g. "$.region".';
  if (e.keyword === 'minimum') return `Use a number of at least ${e.params.limit}.`;
  if (e.keyword === 'minLength') return 'Write a non-empty string.';
  return 'See packages/assignment/schema/lead-assignment-ruleset.schema.json.';
}

/** `rules[2].conditions.all[0]` for `/rules/2/conditions/all/0`. */
function where(pointer: string): string {
  const segments = pointerSegments(pointer);
  if (segments.length === 0) return 'The ruleset';
  return segments.map((s, i) => (/^\d+$/.test(s) ? `[${s}]` : i === 0 ? s : `.${s}`)).join('');
}

class SemanticLinter {
  readonly drafts: Draft[] = [];
  private readonly referenced = new Set<string>();

  constructor(
    private readonly ruleset: Ruleset,
    private readonly users?: (id: string) => UserRecord | undefined,
  ) {}

  run(): void {
    const rs = this.ruleset as unknown as Record<string, unknown>;
    const shared = isObject(rs.sharedConditions) ? rs.sharedConditions : {};
    for (const [name, c] of Object.entries(shared)) this.condition(c, ['sharedConditions', name]);
    this.cycles(shared);
    const rules = Array.isArray(rs.rules) ? (rs.rules as unknown[]) : [];
    const names = new Map<string, number>();
    rules.forEach((rule, i) => {
      if (!isObject(rule)) return;
      if (typeof rule.name === 'string') {
        const first = names.get(rule.name);
        if (first !== undefined)
          this.drafts.push({
            code: 'duplicate-rule-name',
            message: `Rule name "${rule.name}" is used by rules[${first}] and rules[${i}].`,
            hint: 'Give every rule a unique name: assignments and traces report the rule by name.',
            pointer: `/rules/${i}/name`,
          });
        else names.set(rule.name, i);
      }
      if (rule.conditions !== undefined)
        this.condition(rule.conditions, ['rules', i, 'conditions']);
      if (isObject(rule.event) && isObject(rule.event.params))
        this.target(rule.event.params, i, typeof rule.name === 'string' ? rule.name : `#${i}`);
    });
    for (const name of Object.keys(shared))
      if (!this.referenced.has(name))
        this.drafts.push({
          severity: 'warning',
          code: 'unused-shared-condition',
          message: `Shared condition "${name}" is not referenced by any rule.`,
          hint: `Reference it with {"condition": "${name}"} or remove it.`,
          pointer: toPointer(['sharedConditions', name]),
          key: true,
        });
    this.unassignedOwner(rs.unassignedOwner);
    this.reachability(rules);
  }

  private condition(c: unknown, at: (string | number)[]): void {
    if (!isObject(c)) return;
    for (const op of ['all', 'any'] as const)
      if (Array.isArray(c[op]))
        (c[op] as unknown[]).forEach((x, i) => this.condition(x, [...at, op, i]));
    if (has(c, 'not')) this.condition(c.not, [...at, 'not']);
    if (has(c, 'condition')) {
      const name = c.condition;
      if (typeof name === 'string') {
        this.referenced.add(name);
        const shared = (this.ruleset as {sharedConditions?: object}).sharedConditions;
        if (!isObject(shared) || !has(shared, name)) {
          const known = isObject(shared) ? Object.keys(shared) : [];
          this.drafts.push({
            code: 'unknown-condition',
            message: `No shared condition is named "${name}".`,
            hint: known.length
              ? `${suggestion(name, known)}Shared conditions: ${known.join(', ')}.`
              : 'Define it under "sharedConditions" at the top of the ruleset.',
            pointer: toPointer([...at, 'condition']),
          });
        }
      }
    }
    if (has(c, 'fact') || has(c, 'operator')) this.leaf(c, at);
  }

  private factAndPath(fact: unknown, path: unknown, at: (string | number)[]): void {
    if (typeof fact !== 'string' || !FACT_NAMES.includes(fact)) {
      this.drafts.push({
        code: 'unknown-fact',
        message: `Unknown fact ${quote(fact)}.`,
        hint: `${suggestion(String(fact), FACT_NAMES)}Rules can read the facts ${FACT_NAMES.join(', ')}.`,
        pointer: toPointer([...at, 'fact']),
      });
      return;
    }
    if (typeof path !== 'string' || path === '') return;
    const steps = parseSimplePath(path);
    if (!steps) {
      if (path.startsWith('$'))
        this.drafts.push({
          severity: 'warning',
          code: 'path-not-compiled',
          message: `Path ${quote(path)} is more than simple steps, so the whole ruleset runs on json-rules-engine (about 100× slower, and asynchronous).`,
          hint: 'Use simple paths like "$.region" or "$.address[\'zip\']".',
          pointer: toPointer([...at, 'path']),
        });
      return;
    }
    const field = steps[0];
    const fields = FACT_FIELDS[fact] as readonly string[];
    if (field !== undefined && !fields.includes(field))
      this.drafts.push({
        code: 'unknown-field',
        message: `The ${fact} fact has no field "${field}" (path ${quote(path)}).`,
        hint: `${suggestion(field, fields)}Fields of ${fact}: ${fields.join(', ')}.`,
        pointer: toPointer([...at, 'path']),
      });
  }

  private leaf(c: Record<string, unknown>, at: (string | number)[]): void {
    this.factAndPath(c.fact, c.path, at);
    if (!has(c, 'operator')) return; // the schema reports it missing
    const operator = c.operator;
    if (typeof operator !== 'string' || !parseOperator(operator)) {
      const base = typeof operator === 'string' ? (operator.split(':').at(-1) ?? '') : '';
      this.drafts.push({
        code: 'unknown-operator',
        message: `Unknown operator ${quote(operator)}.`,
        hint: `${suggestion(base, OPERATOR_NAMES)}Operators: ${OPERATOR_NAMES.join(', ')}; decorators (prefix with "name:"): ${DECORATOR_NAMES.join(', ')}.`,
        pointer: toPointer([...at, 'operator']),
      });
      return;
    }
    const value = c.value;
    const reference = isObject(value) && has(value, 'fact');
    if (reference) this.factAndPath(value.fact, value.path, [...at, 'value']);
    else if (operatorNeedsArrayValue(operator) && !Array.isArray(value)) {
      this.drafts.push({
        code: 'in-needs-array',
        message: `Operator "${operator}" needs an array value, got ${quote(value)}.`,
        hint: `Write the value as a list, e.g. [${quote(value)}].`,
        pointer: toPointer([...at, 'value']),
      });
      return;
    }
    // json-rules-engine rejects the whole evaluation when an operator throws (e.g. "in" reading
    // indexOf of a missing value); the compiled rules fail on the same leads.
    if (operatorMayThrow(operator, value, !reference))
      this.drafts.push({
        severity: 'warning',
        code: 'operator-may-fail',
        message: `Operator "${operator}" fails for leads where ${reference ? 'the referenced value' : 'the fact value'} is not an array (or string), and then no rule assigns the lead: the evaluation stops with rule-evaluation-failed.`,
        hint: reference
          ? 'Compare with a literal array value, or make sure the referenced field is always an array.'
          : operator.includes('swap')
            ? 'Use "contains" / "doesNotContain" on an array fact instead of "swap:in" / "swap:notIn".'
            : 'Give "someValue:" / "everyValue:" an array whose elements fit the inner operator (arrays for "in" / "notIn").',
        pointer: toPointer([...at, 'operator']),
      });
  }

  private cycles(shared: Record<string, unknown>): void {
    const refs = (c: unknown, out: string[]): string[] => {
      if (!isObject(c)) return out;
      if (typeof c.condition === 'string') out.push(c.condition);
      for (const op of ['all', 'any'] as const)
        if (Array.isArray(c[op])) for (const x of c[op] as unknown[]) refs(x, out);
      if (has(c, 'not')) refs(c.not, out);
      return out;
    };
    const reported = new Set<string>();
    for (const start of Object.keys(shared)) {
      const stack: string[] = [];
      const visit = (name: string): boolean => {
        if (stack.includes(name)) return name === start;
        if (!has(shared, name)) return false;
        stack.push(name);
        const found = refs(shared[name], []).some(visit);
        if (!found) stack.pop();
        return found;
      };
      if (visit(start) && !reported.has(start)) {
        stack.forEach((n) => reported.add(n));
        this.drafts.push({
          code: 'circular-condition',
          message: `Shared condition "${start}" refers to itself: ${[...stack, start].join(' → ')}.`,
          hint: 'Break the cycle: a shared condition may only reference conditions that do not lead back to it.',
          pointer: toPointer(['sharedConditions', start]),
          key: true,
        });
      }
    }
  }

  private target(params: Record<string, unknown>, i: number, rule: string): void {
    const at = `/rules/${i}/event/params`;
    if (params.to === 'user') {
      if (typeof params.userId !== 'string' || params.userId === '') {
        this.drafts.push({
          code: 'unresolvable-target',
          message: `Rule "${rule}" assigns to a user but names none.`,
          hint: 'Add "userId": "<user id>" to the event params, or pick another target.',
          pointer: at,
        });
        return;
      }
      this.user(params.userId, `${at}/userId`, `Rule "${rule}" assigns to`);
    } else if (params.userId !== undefined && typeof params.to === 'string')
      this.drafts.push({
        severity: 'warning',
        code: 'ignored-user-id',
        message: `Rule "${rule}" has a userId, but its target is "${params.to}", which ignores it.`,
        hint: 'Remove "userId", or set "to": "user".',
        pointer: `${at}/userId`,
        key: true,
      });
  }

  private user(id: string, pointer: string, what: string): boolean {
    if (!this.users) return true;
    const user = this.users(id);
    if (!user) {
      this.drafts.push({
        code: 'unresolvable-target',
        message: `${what} "${id}", who is not a known user.`,
        hint: 'Use the id of a user in the users file (leads go to users only, never a queue, territory or book).',
        pointer,
      });
      return false;
    }
    if (!user.active) {
      this.drafts.push({
        severity: 'warning',
        code: 'unresolvable-target',
        message: `${what} "${id}", who is inactive: the rule never applies.`,
        hint: 'Assign to an active user, or remove the rule.',
        pointer,
      });
      return false;
    }
    return true;
  }

  private unassignedOwner(id: unknown): void {
    if (typeof id !== 'string' || !this.users) return;
    const user = this.users(id);
    if (!user)
      this.drafts.push({
        code: 'unknown-unassigned-owner',
        message: `The unassigned owner "${id}" is not a known user.`,
        hint: 'Set "unassignedOwner" to the id of an active user: it receives every lead no rule assigns.',
        pointer: '/unassignedOwner',
      });
    else if (!user.active)
      this.drafts.push({
        severity: 'warning',
        code: 'inactive-unassigned-owner',
        message: `The unassigned owner "${id}" is inactive but would still receive every lead no rule assigns.`,
        hint: 'Set "unassignedOwner" to an active user.',
        pointer: '/unassignedOwner',
      });
  }

  private reachability(rules: unknown[]): void {
    const rs = this.ruleset;
    const first = rules[0];
    if (!isObject(first) || !isObject(first.conditions)) {
      if (rules.length === 0)
        this.drafts.push({
          severity: 'warning',
          code: 'first-rule-misses-rejected',
          message:
            'The ruleset has no rules, so every reassigned lead goes to the unassigned owner.',
          hint: `Oracle: "for correct behaviour of the Reject button the first rule in the group must assign rejected leads". Start with ${EXAMPLE_FIRST_RULE}.`,
          pointer: '/rules',
        });
    } else {
      const r = symbolicMatch(first.conditions as unknown as Condition, REJECTED, rs);
      if (r !== true)
        this.drafts.push({
          severity: 'warning',
          code: 'first-rule-misses-rejected',
          message:
            r === false
              ? `The first rule "${String(first.name)}" never matches a rejected lead, and the rules always see the lead after rejection (status Rejected).`
              : `The first rule "${String(first.name)}" matches only some rejected leads (it depends on more than the status).`,
          hint: `Oracle: "for correct behaviour of the Reject button the first rule in the group must assign rejected leads". Make the first rule match every rejected lead, e.g. ${EXAMPLE_FIRST_RULE}.`,
          pointer: '/rules/0/conditions',
        });
    }
    // A rule that matches every rejected lead and always resolves (a fixed, active user) ends evaluation.
    for (let j = 0; j < rules.length; j++) {
      const rule = rules[j];
      if (!isObject(rule) || !isObject(rule.conditions) || !isObject(rule.event)) continue;
      const params = rule.event.params as Record<string, unknown> | undefined;
      if (!isObject(params) || params.to !== 'user' || typeof params.userId !== 'string') continue;
      if (this.users && !this.users(params.userId)?.active) continue;
      if (symbolicMatch(rule.conditions as unknown as Condition, REJECTED, rs) !== true) continue;
      for (let k = j + 1; k < rules.length; k++)
        this.drafts.push({
          severity: 'warning',
          code: 'unreachable-rule',
          message: `Rule "${String((rules[k] as {name?: unknown})?.name)}" is never reached: rule "${String(rule.name)}" before it matches every rejected lead and always assigns to user "${params.userId}".`,
          hint: "Move this rule above the catch-all rule, narrow the catch-all's conditions, or remove this rule.",
          pointer: `/rules/${k}`,
        });
      break;
    }
  }
}

/**
 * Lints a ruleset (JSON text, or an already parsed value): JSON syntax, the JSON Schema, then what a
 * schema cannot say (unknown operators, facts and fields; duplicate rule names; `in`/`notIn` without an
 * array; targets that cannot resolve; unreachable rules; a first rule that misses rejected leads).
 * Every finding has a code, a message, a hint, a JSON pointer and a line:column.
 */
export function lintRuleset(input: string | unknown, options: LintOptions = {}): LintResult {
  const text = typeof input === 'string' ? input : undefined;
  const at = (f: Draft, positions?: SourcePositions): LintFinding => {
    const {line, column} = positions ? positions.of(f.pointer, f.key) : {line: 1, column: 1};
    return {
      severity: f.severity ?? 'error',
      code: f.code,
      message: f.message,
      hint: f.hint,
      pointer: f.pointer,
      line,
      column,
      ...(options.file !== undefined ? {file: options.file} : {}),
    };
  };
  let value: unknown = input;
  let positions: SourcePositions | undefined;
  if (text !== undefined) {
    const errors: ParseError[] = [];
    const root = parseTree(text, errors, {disallowComments: true, allowTrailingComma: false});
    positions = new SourcePositions(text, root);
    if (errors.length > 0 || !root) {
      const syntax = errors.length
        ? errors
        : [{error: 0, offset: 0, length: 0} as unknown as ParseError];
      return {
        findings: syntax.map((e) => ({
          ...at({code: 'invalid-json', message: '', hint: '', pointer: ''}),
          ...positions!.at(e.offset),
          message: root ? `Invalid JSON: ${printParseErrorCode(e.error)}.` : 'The file is empty.',
          hint: 'Fix the JSON syntax (no comments, no trailing commas, double-quoted names).',
        })),
      };
    }
    value = JSON.parse(text);
  }
  const drafts: Draft[] = [];
  const validate = schemaValidator();
  if (!validate(value)) drafts.push(...schemaDrafts(validate.errors ?? []));
  if (isObject(value)) {
    const users = options.users;
    const find = users
      ? Array.isArray(users)
        ? userLookup(new Map((users as UserRecord[]).map((u) => [u.id, u])))
        : userLookup(users as UserLookup)
      : undefined;
    const semantic = new SemanticLinter(value as unknown as Ruleset, find);
    semantic.run();
    drafts.push(...semantic.drafts);
  } else if (drafts.length === 0)
    drafts.push({
      code: 'schema-type',
      message: 'The ruleset must be a JSON object.',
      hint: 'Start from rules/lead-assignment.json.',
      pointer: '',
    });
  const seen = new Set<string>();
  const findings = drafts
    .filter((d) => {
      const key = `${d.code}|${d.pointer}|${d.message}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    })
    .map((d) => at(d, positions))
    .sort((a, b) => a.line - b.line || a.column - b.column);
  const ok = !findings.some((f) => f.severity === 'error');
  return ok ? {findings, ruleset: value as Ruleset} : {findings};
}
