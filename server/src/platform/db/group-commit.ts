import type { Db, Tx } from './database.ts';
import { transaction, type OnCommit } from './transaction.ts';

/** Writes a group of items in the given transaction; returns one result per item, in order. */
export type GroupWrite<I, O> = (tx: Tx, onCommit: OnCommit, items: I[]) => Promise<O[]>;

export interface GroupCommit<I, O> {
  /** Resolves with the item's result once the transaction holding it has committed. */
  submit: (item: I) => Promise<O>;
}

interface Waiting<I, O> {
  item: I;
  resolve: (out: O) => void;
  reject: (error: unknown) => void;
}

/**
 * Group commit: items submitted while a commit is under way wait and go into the next transaction
 * together, so concurrent writers share one commit (one fsync, one audit-chain lock) instead of
 * paying one each. A group starts one event-loop turn (setImmediate) after a slot frees, so
 * requests read in that turn join it. Up to `concurrency` groups are in flight: PostgreSQL's
 * transactions wait on round trips and overlap well; SQLite has one connection and takes 1. A
 * failing group is written again item by item, so one bad item fails only its own caller.
 */
export function createGroupCommit<I, O>(
  db: Db,
  write: GroupWrite<I, O>,
  options: { maxItems: number; concurrency?: number },
): GroupCommit<I, O> {
  const queue: Waiting<I, O>[] = [];
  const concurrency = options.concurrency ?? 1;
  let inFlight = 0;
  let scheduled = false;

  async function commit(group: Waiting<I, O>[]): Promise<void> {
    let committed = false;
    try {
      const out = await transaction(db, (tx, onCommit) => {
        onCommit(() => void (committed = true));
        return write(
          tx,
          onCommit,
          group.map((w) => w.item),
        );
      });
      group.forEach((w, i) => w.resolve(out[i]!));
    } catch (error) {
      // Once committed (an after-commit effect failed), writing again would store everything twice.
      if (committed || group.length === 1) return group.forEach((w) => w.reject(error));
      for (const w of group) await commit([w]);
    }
  }

  // Waits a turn first: the requests that arrived meanwhile (SQLite's commit blocks the loop) join.
  function schedule(): void {
    if (scheduled || !queue.length || inFlight >= concurrency) return;
    scheduled = true;
    setImmediate(() => {
      scheduled = false;
      while (queue.length && inFlight < concurrency) {
        inFlight += 1;
        void commit(queue.splice(0, options.maxItems)).finally(() => {
          inFlight -= 1;
          schedule();
        });
      }
    });
  }

  function submit(item: I): Promise<O> {
    return new Promise<O>((resolve, reject) => {
      queue.push({ item, resolve, reject });
      schedule();
    });
  }

  return { submit };
}
