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
 * paying one each. Each group waits one event-loop turn (setImmediate) first, so the requests read
 * in that turn join it. A failing group is written again item by item, so one bad item fails only
 * its own caller.
 */
export function createGroupCommit<I, O>(
  db: Db,
  write: GroupWrite<I, O>,
  options: { maxItems: number },
): GroupCommit<I, O> {
  const queue: Waiting<I, O>[] = [];
  let flushing = false;

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

  async function flush(): Promise<void> {
    while (queue.length) {
      await commit(queue.splice(0, options.maxItems));
      // A turn for the requests that arrived meanwhile (SQLite's commit blocks the loop) to join.
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
    flushing = false;
  }

  function submit(item: I): Promise<O> {
    return new Promise<O>((resolve, reject) => {
      queue.push({ item, resolve, reject });
      if (flushing) return;
      flushing = true;
      setImmediate(() => void flush());
    });
  }

  return { submit };
}
