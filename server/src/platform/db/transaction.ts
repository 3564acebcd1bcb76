import type { Db, Tx } from './database.ts';

/** Registers work to run once the transaction has committed (publishing events, waking workers). */
export type OnCommit = (effect: () => void | Promise<void>) => void;

// PostgreSQL aborts one side of a deadlock (40P01) or of a serialization conflict (40001); both can
// succeed when run again. Writers take the audit chain's advisory lock and row locks in differing
// orders (a change records, then bumps the version; a batch writes rows, then records), so this can
// happen under load; rerunning is the standard remedy and cheaper than one global lock order.
const RETRYABLE = new Set(['40P01', '40001']);
const ATTEMPTS = 4;

/**
 * Runs `fn` in one transaction; effects registered with `onCommit` run only after a successful commit,
 * so no one is told about a change that was rolled back. `fn` may run more than once (see above): it
 * must keep its state in the transaction.
 */
export async function transaction<T>(db: Db, fn: (tx: Tx, onCommit: OnCommit) => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    const effects: (() => void | Promise<void>)[] = [];
    let result: T;
    try {
      result = await db.transaction().execute((tx) => fn(tx, (effect) => effects.push(effect)));
    } catch (error) {
      const code = (error as { code?: unknown }).code;
      if (attempt >= ATTEMPTS || typeof code !== 'string' || !RETRYABLE.has(code)) throw error;
      await new Promise((resolve) => setTimeout(resolve, 10 * attempt * Math.random()));
      continue;
    }
    for (const effect of effects) await effect();
    return result;
  }
}
