import {
  assignOwner,
  compileRuleset,
  createAssigner,
  lintRuleset,
  parseRuleset,
  toLeadFacts,
} from '@crmkit/assignment';
import type {Assigner, CompiledRuleset, LintFinding} from '@crmkit/assignment';
import type {AssignmentOutcome, Lead, OwnershipMode} from '@crmkit/sdk';
import type {HostStore} from '../store/host-store.js';
import {HostProblem} from '../http/host-problem.js';
import type {BilingualFieldError} from '../http/host-problem.js';
import {AUDIT_ACTIONS} from '../texts/audit-actions.js';
import {hostText} from '../texts/host-texts.js';

/** A lint finding as a field error of the contract: the linter writes every finding in en and de. */
function toFieldError(finding: LintFinding): BilingualFieldError {
  const text = (lang: 'en' | 'de') => {
    const message = finding.messages?.[lang] ?? finding.message;
    const hint = finding.hints?.[lang] ?? finding.hint;
    return hint ? `${message} ${hint}` : message;
  };
  return {
    field: finding.pointer,
    code: finding.code,
    message: {en: text('en'), de: text('de')},
    line: finding.line,
    column: finding.column,
  };
}

/**
 * The active lead assignment ruleset: parsed and compiled ONCE when activated (at start and on each
 * successful PUT), never per request, and evaluated synchronously inside the reject transaction with
 * the cached users of the store.
 */
export class ActiveRuleset {
  readonly #store: HostStore;
  #compiled: CompiledRuleset | undefined;
  #text: string | undefined;
  /** The stored ruleset compiled, and the store's revision it was checked at. */
  #id: number | undefined;
  #revision: number | undefined;
  /** Whether the stored ruleset was read at all (an asynchronous store is read on first use). */
  #loaded = false;
  /** An asynchronous store's answer to the read at construction, not loaded yet. */
  #first: Promise<{id: number; body: string} | undefined> | undefined;
  /** Prepared assigners of the compiled ruleset, by ownership mode (made on first use). */
  #assigners = new Map<OwnershipMode, Assigner>();
  /** The users map the assigners were made with (a store may hand out a new one when users change). */
  #assignerUsers: ReadonlyMap<string, unknown> | undefined;

  readonly #log: (line: string) => void;

  constructor(store: HostStore, log: (line: string) => void = () => {}) {
    this.#store = store;
    this.#log = log;
    // A synchronous store answers at once; an asynchronous one's answer is loaded by the first
    // `current()` (read once: that call waits for this one).
    const active = store.activeRuleset();
    if (active instanceof Promise) {
      // Handled now, so a failure before the first request is no unhandled rejection; that request
      // sees it (503) and the next one reads again.
      active.catch(() => {});
      this.#first = active;
    } else this.#load(active);
  }

  /**
   * Compiles the ruleset the database marks active (after start or a reseed). One that no longer
   * passes (a newer linter, an edited database) is logged and left inactive: the server still starts,
   * reassignment fails with `assignment-failed` until an admin activates a valid ruleset.
   */
  async reload(): Promise<void> {
    this.#load(await this.#store.activeRuleset());
  }

  #load(active: {id: number; body: string} | undefined): void {
    this.#loaded = true;
    this.#id = active?.id;
    this.#revision = this.#store.revision;
    this.#text = active?.body;
    this.#compiled = undefined;
    this.#assigners.clear();
    if (!active) return;
    try {
      this.#compiled = compileRuleset(parseRuleset(active.body));
    } catch (error) {
      this.#log(
        `error: the stored assignment ruleset ${active.id} is invalid, reassignment is off until a valid one is activated: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  }

  /**
   * Compiles again when another process activated another ruleset (see `HostStore.revision`): the
   * host calls it after the store's refresh at the start of each request, and the reject transaction
   * after the refresh inside it, so the getters and `reassign` answer for what is committed.
   */
  async current(): Promise<void> {
    if (this.#loaded && this.#store.revision === this.#revision) return;
    const revision = this.#store.revision;
    const first = this.#first;
    this.#first = undefined;
    const active = await (first ?? this.#store.activeRuleset());
    if (!this.#loaded || active?.id !== this.#id) this.#load(active);
    this.#revision = revision;
  }

  /** The active ruleset as stored, parsed (undefined when none is active). */
  get ruleset(): unknown {
    return this.#text === undefined ? undefined : JSON.parse(this.#text);
  }

  /** Whether the active ruleset compiled to plain synchronous functions (else json-rules-engine runs it). */
  get synchronous(): boolean {
    return this.#compiled?.synchronous ?? true;
  }

  /** The same decision as `reassign`, through json-rules-engine when the ruleset needs it. */
  async decide(rejectedLead: Lead, ownershipMode: OwnershipMode): Promise<AssignmentOutcome> {
    if (!this.#compiled) throw new Error('no valid assignment ruleset is active');
    const {outcome, ownerId, rule} = await assignOwner(toLeadFacts(rejectedLead), {
      compiled: this.#compiled,
      users: this.#store.users,
      ownershipMode,
    });
    return {outcome, ownerId, rule};
  }

  /** The new owner of a lead as it is after its rejection (throws when no ruleset is active). */
  readonly reassign = (rejectedLead: Lead, ownershipMode: OwnershipMode): AssignmentOutcome => {
    if (!this.#compiled) throw new Error('no valid assignment ruleset is active');
    const users = this.#store.users;
    if (users !== this.#assignerUsers) {
      this.#assigners.clear();
      this.#assignerUsers = users;
    }
    let assign = this.#assigners.get(ownershipMode);
    if (!assign) {
      // Made once per users map: the SQLite store refills one map in place; the memory store hands
      // out a new map, so a test's change of a user is seen at the next reject.
      assign = createAssigner({compiled: this.#compiled, users, ownershipMode});
      this.#assigners.set(ownershipMode, assign);
    }
    const {outcome, ownerId, rule} = assign(toLeadFacts(rejectedLead));
    return {outcome, ownerId, rule};
  };

  /**
   * Lints `text` (the body as sent, so positions are right); any error refuses it with 422
   * `invalid-ruleset` and every error finding, and the active ruleset stays. Otherwise it is stored,
   * compiled and active, and the warnings are returned.
   */
  async activate(
    text: string,
    userId: string,
  ): Promise<{ruleset: unknown; warnings: BilingualFieldError[]}> {
    const {compiled, findings} = this.check(text);
    const id = await this.#store.transaction(async () => {
      const stored = await this.#store.activateRuleset(text, userId);
      await this.#store.audit(userId, AUDIT_ACTIONS.assignmentRulesActivated, null, {
        rules: compiled.ruleset.rules.map((r) => r.name),
        unassignedOwner: compiled.ruleset.unassignedOwner,
      });
      return stored;
    });
    this.#id = id;
    this.#compiled = compiled;
    this.#assigners.clear();
    this.#text = text;
    return {
      ruleset: JSON.parse(text),
      warnings: findings.filter((f) => f.severity === 'warning').map(toFieldError),
    };
  }

  /**
   * Lints and compiles a candidate ruleset as `activate` does, without storing it: 422
   * `invalid-ruleset` with every error finding, else the compiled rules and all findings.
   */
  check(text: string): {compiled: CompiledRuleset; findings: LintFinding[]} {
    const users = [...this.#store.users.values()].map((u) => ({
      id: u.id,
      name: u.name,
      role: u.role,
      managerId: u.managerId,
      active: u.active,
    }));
    const {findings} = lintRuleset(text, {users});
    const errors = findings.filter((f) => f.severity === 'error');
    if (errors.length) {
      throw new HostProblem(
        'invalid-ruleset',
        hostText('assignment-rules.not-activated', {count: errors.length}),
        {errors: errors.map(toFieldError)},
      );
    }
    return {compiled: compileRuleset(parseRuleset(text)), findings};
  }

  /** The active ruleset compiled, and its version (undefined when none is active and valid). */
  get active(): {version: number; compiled: CompiledRuleset} | undefined {
    return this.#compiled && this.#id !== undefined
      ? {version: this.#id, compiled: this.#compiled}
      : undefined;
  }

  /**
   * Activates version `version` again, as a new version (the history stays a line: every
   * activation is kept with who and when). Audited as a roll back.
   */
  async restore(version: number, userId: string): Promise<number | undefined> {
    const stored = (await this.#store.rulesetVersions()).find((v) => v.id === version);
    if (!stored) return undefined;
    const compiled = compileRuleset(parseRuleset(stored.body));
    const from = this.active?.version ?? null;
    const id = await this.#store.transaction(async () => {
      const activated = await this.#store.activateRuleset(stored.body, userId);
      await this.#store.audit(userId, AUDIT_ACTIONS.assignmentRulesRolledBack, null, {
        from,
        to: activated,
        restoredFrom: version,
      });
      return activated;
    });
    this.#id = id;
    this.#compiled = compiled;
    this.#assigners.clear();
    this.#text = stored.body;
    return id;
  }

  /**
   * Which rule would take how many of the current leads, each evaluated as if it were rejected now
   * and reassigned (first match wins; the rest go to the unassigned owner).
   */
  async stats(): Promise<{
    rules: {name: string; matched: number}[];
    unassignedOwner: number;
    total: number;
  }> {
    const compiled = this.#compiled;
    if (!compiled) return {rules: [], unassignedOwner: 0, total: 0};
    const counts = new Map(compiled.ruleset.rules.map((r) => [r.name, 0]));
    let unassignedOwner = 0;
    let total = 0;
    for (const row of await this.#store.leadRows()) {
      const lead = this.#store.toLead(row);
      const asRejected: Lead = {...lead, status: 'Rejected'};
      const decision = this.synchronous
        ? this.reassign(asRejected, 'mixed')
        : await this.decide(asRejected, 'mixed');
      total++;
      if (decision.rule === null) unassignedOwner++;
      else counts.set(decision.rule, (counts.get(decision.rule) ?? 0) + 1);
    }
    return {
      rules: [...counts].map(([name, matched]) => ({name, matched})),
      unassignedOwner,
      total,
    };
  }
}
