import type { Db, Tx } from './database.ts';

/** Registers work to run once the transaction has committed (publishing events, waking workers). */
export type OnCommit = (effect: () => void | Promise<void>) => void;

/**
 * Runs `fn` in one transaction; effects registered with `onCommit` run only after a successful commit,
 * so no one is told about a change that was rolled back.
 */
export async function transaction<T>(db: Db, fn: (tx: Tx, onCommit: OnCommit) => Promise<T>): Promise<T> {
  const effects: (() => void | Promise<void>)[] = [];
  const result = await db.transaction().execute((tx) => fn(tx, (effect) => effects.push(effect)));
  for (const effect of effects) await effect();
  return result;
}
