import type { Kysely, Transaction } from "kysely";
import type { Database } from "./schema";

type Db = Kysely<Database> | Transaction<Database>;

export type RateDecision = { allowed: true } | { allowed: false; retryAfterSeconds: number };

/**
 * Counts one event against `key`: at most `limit` per window of `windowMs`, the window starting at
 * its first event. One guarded upsert, so processes sharing the database share the count.
 */
export async function takeRateLimit(
  db: Db,
  key: string,
  limit: number,
  windowMs: number,
  now: Date,
): Promise<RateDecision> {
  const nowIso = now.toISOString();
  const windowOver = new Date(now.getTime() - windowMs).toISOString();
  const result = await db
    .insertInto("rate_limits")
    .values({ key, window_start: nowIso, count: 1 })
    .onConflict((oc) =>
      oc
        .column("key")
        .doUpdateSet((eb) => ({
          count: eb
            .case()
            .when("rate_limits.window_start", "<=", windowOver)
            .then(1)
            .else(eb("rate_limits.count", "+", 1))
            .end(),
          window_start: eb
            .case()
            .when("rate_limits.window_start", "<=", windowOver)
            .then(nowIso)
            .else(eb.ref("rate_limits.window_start"))
            .end(),
        }))
        .where((eb) => eb.or([eb("rate_limits.window_start", "<=", windowOver), eb("rate_limits.count", "<", limit)])),
    )
    .executeTakeFirst();
  if (Number(result.numInsertedOrUpdatedRows ?? 0) > 0) return { allowed: true };
  const row = await db.selectFrom("rate_limits").select("window_start").where("key", "=", key).executeTakeFirst();
  const reopensAt = row ? Date.parse(row.window_start) + windowMs : now.getTime() + windowMs;
  return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((reopensAt - now.getTime()) / 1000)) };
}

export async function deleteRateLimits(db: Db, keyPrefix: string): Promise<void> {
  await db.deleteFrom("rate_limits").where("key", "like", `${keyPrefix}%`).execute();
}
