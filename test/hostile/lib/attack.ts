// What an attack is and how a category of them is run and counted: an attack throws (an assertion)
// when it broke something and returns when the host held. Each category prints one line,
// `<category>: N attacks, N held`, and the suite a total line; every broken attack is listed by name
// with what went wrong.

export interface Attack {
  name: string;
  /** Resolves when the host held; rejects (an AssertionError, say) with what broke. */
  run(): Promise<void>;
  /** Runs after every other attack of its category has finished (a check that nothing changed). */
  last?: boolean;
}

export interface Category {
  name: string;
  /** The attacks, made when the category runs (they may need the host started first). */
  attacks(): Attack[] | Promise<Attack[]>;
  /** Attacks run one after another unless this is set (independent ones may race). */
  concurrency?: number;
  /** Removes what the category made (not an attack: not counted). */
  cleanup?(): void | Promise<void>;
}

export interface Tally {
  category: string;
  attacks: number;
  held: number;
  broken: Array<{name: string; why: string}>;
  ms: number;
}

/** `name: 12 attacks, 12 held` (and how many broke, when any did). */
export function tallyLine(t: Pick<Tally, 'category' | 'attacks' | 'held'>): string {
  const broke = t.attacks - t.held;
  return `${t.category}: ${t.attacks} attacks, ${t.held} held${broke ? `, ${broke} BROKE` : ''}`;
}

/** Runs every attack of a category (bounded concurrency), counting the ones that held. */
export async function runCategory(category: Category): Promise<Tally> {
  const started = performance.now();
  const attacks = await category.attacks();
  const tally: Tally = {
    category: category.name,
    attacks: attacks.length,
    held: 0,
    broken: [],
    ms: 0,
  };
  let queue = attacks.filter((a) => !a.last);
  const worker = async () => {
    for (let attack = queue.shift(); attack; attack = queue.shift()) {
      try {
        await attack.run();
        tally.held++;
      } catch (error) {
        const why = error instanceof Error ? error.message : String(error);
        tally.broken.push({name: attack.name, why: why.split('\n').slice(0, 6).join('\n')});
      }
    }
  };
  await Promise.all(Array.from({length: Math.max(1, category.concurrency ?? 1)}, worker));
  queue = attacks.filter((a) => a.last);
  await worker();
  await category.cleanup?.();
  tally.ms = performance.now() - started;
  return tally;
}

/** An attack from a name and a function (the common case). */
export const attack = (name: string, run: () => Promise<void> | void): Attack => ({
  name,
  run: async () => run(),
});

/** An attack that runs after the others of its category: what they did must not show. */
export const lastly = (name: string, run: () => Promise<void> | void): Attack => ({
  ...attack(name, run),
  last: true,
});
