import { AsyncResource } from "node:async_hooks";
import { sql, type Kysely, type Transaction } from "kysely";
import type { Database } from "./schema";

/** Runs `work` in a transaction and resolves once that transaction has committed. */
export type Transact = <T>(work: (trx: Transaction<Database>) => Promise<T>) => Promise<T>;

interface Job {
  work: (trx: Transaction<Database>) => Promise<unknown>;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

/** Most units of work that share one commit. */
const MAX_BATCH = 128;

/**
 * Group commit for SQLite. Units of work that arrive while the connection is busy share one
 * transaction and therefore one fsync; each runs inside its own savepoint, so one that fails is
 * rolled back alone and the others still commit. Nobody is answered before the commit has
 * returned, so every acknowledged write is as durable as a transaction of its own
 * (`synchronous = FULL`). If the commit itself fails, every unit of the batch fails with it.
 */
export function groupCommit(db: Kysely<Database>): Transact {
  const queue: Job[] = [];
  let scheduled = false;

  async function drain(): Promise<void> {
    while (queue.length > 0) {
      const batch = queue.splice(0, MAX_BATCH);
      const outcomes: Array<{ ok: true; value: unknown } | { ok: false; error: unknown }> = [];
      try {
        await db.transaction().execute(async (trx) => {
          for (const job of batch) {
            await sql`savepoint unit`.execute(trx);
            try {
              const value = await job.work(trx);
              await sql`release unit`.execute(trx);
              outcomes.push({ ok: true, value });
            } catch (error) {
              await sql`rollback to unit`.execute(trx);
              await sql`release unit`.execute(trx);
              outcomes.push({ ok: false, error });
            }
          }
        });
      } catch (error) {
        for (const job of batch) job.reject(error);
        continue;
      }
      batch.forEach((job, i) => {
        const outcome = outcomes[i]!;
        if (outcome.ok) job.resolve(outcome.value);
        else job.reject(outcome.error);
      });
    }
    scheduled = false;
  }

  return function transact<T>(work: (trx: Transaction<Database>) => Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      // Each unit runs in its caller's async context (the request it serves: its client, its demo inbox), not in
      // that of whichever caller happened to start the batch.
      queue.push({ work: AsyncResource.bind(work), resolve: resolve as (value: unknown) => void, reject });
      if (scheduled) return;
      scheduled = true;
      // After the event loop's I/O phase, so every request that arrived with this one joins its batch.
      setImmediate(() => void drain());
    });
  };
}
