import { sql, type Expression, type Insertable, type Kysely, type Selectable, type Transaction } from "kysely";
import type { Engine } from "./migrations";
import { compiledOnce, nestedRows, parseNested } from "./nested";
import type { Database, ProfileChangesTable } from "./schema";
import type { UserRow } from "./users";

export type ProfileChangeRow = Selectable<ProfileChangesTable>;
type Db = Kysely<Database> | Transaction<Database>;

/** Opens the change, replacing the field's earlier one (its code stops working; the unique index keeps one per field). */
export async function replaceProfileChange(db: Db, change: Insertable<ProfileChangesTable>): Promise<void> {
  await deleteFieldChange(db, change.user_id, change.field);
  await db.insertInto("profile_changes").values(change).execute();
}

/** The user's change by id: another user's id finds nothing. */
export function findProfileChange(db: Db, userId: string, id: string): Promise<ProfileChangeRow | undefined> {
  return db.selectFrom("profile_changes").selectAll().where("id", "=", id).where("user_id", "=", userId).executeTakeFirst();
}

/** What the API shows of an open change. */
export type OpenChangeRow = Pick<ProfileChangeRow, "id" | "field" | "kind" | "value" | "expires_at">;

/**
 * The user's open changes: unused, unexpired and not locked (`maxAttempts` wrong codes), oldest first. `userId` is a
 * value, or a reference to the outer query's user id when nested (nestedRows).
 */
export function openChangesQuery(db: Kysely<Database>, userId: string | Expression<string>, now: string, maxAttempts: number) {
  return db
    .selectFrom("profile_changes")
    .select(["profile_changes.id", "profile_changes.field", "profile_changes.kind", "profile_changes.value", "profile_changes.expires_at"])
    .where("profile_changes.user_id", "=", userId)
    .where("profile_changes.consumed", "=", 0)
    .where("profile_changes.expires_at", ">", now)
    .where("profile_changes.attempts", "<", maxAttempts)
    .orderBy("profile_changes.created_at")
    .orderBy("profile_changes.field");
}

export function listOpenProfileChanges(db: Kysely<Database>, userId: string, now: string, maxAttempts: number): Promise<OpenChangeRow[]> {
  return openChangesQuery(db, userId, now, maxAttempts).execute();
}

const userWithOpenChanges = compiledOnce(3, (db, engine, subject: string, now: string, maxAttempts: number) =>
  db
    .selectFrom("users")
    .selectAll("users")
    .select(nestedRows(engine, openChangesQuery(db, sql.ref<string>("users.id"), now, maxAttempts)).as("open_changes"))
    .where("users.subject", "=", subject),
);

/**
 * The user with this subject and their open changes (as listOpenProfileChanges finds them), in one statement:
 * GET /api/profile is one round trip.
 */
export async function findUserWithOpenChanges(
  db: Kysely<Database>,
  engine: Engine,
  subject: string,
  now: string,
  maxAttempts: number,
): Promise<{ user: UserRow; changes: OpenChangeRow[] } | undefined> {
  const [row] = (await userWithOpenChanges(db, engine, subject, now, maxAttempts)).rows;
  if (!row) return undefined;
  const { open_changes, ...user } = row;
  return { user, changes: parseNested(open_changes) };
}

/**
 * Consumes the change's code if `codeHash` matches and it is unused, unexpired and not locked — one conditional
 * UPDATE, so of any number of parallel submissions exactly one wins.
 */
export async function consumeProfileChange(
  db: Db,
  userId: string,
  id: string,
  codeHash: string,
  now: string,
  maxAttempts: number,
): Promise<boolean> {
  const result = await db
    .updateTable("profile_changes")
    .set({ consumed: 1 })
    .where("id", "=", id)
    .where("user_id", "=", userId)
    .where("code_hash", "=", codeHash)
    .where("consumed", "=", 0)
    .where("expires_at", ">", now)
    .where("attempts", "<", maxAttempts)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Counts a wrong code, never past `maxAttempts`; answers the attempts now used. */
export async function recordWrongChangeCode(db: Db, id: string, maxAttempts: number): Promise<number> {
  await db
    .updateTable("profile_changes")
    .set((eb) => ({ attempts: eb("attempts", "+", 1) }))
    .where("id", "=", id)
    .where("consumed", "=", 0)
    .where("attempts", "<", maxAttempts)
    .execute();
  const row = await db.selectFrom("profile_changes").select("attempts").where("id", "=", id).executeTakeFirst();
  return row?.attempts ?? maxAttempts;
}

/** A new code for the same change: the attempt count carries over, so resending never unlocks. */
export async function replaceChangeCode(db: Db, id: string, code: { codeHash: string; expiresAt: string; sentAt: string }): Promise<void> {
  await db
    .updateTable("profile_changes")
    .set({ code_hash: code.codeHash, expires_at: code.expiresAt, sent_at: code.sentAt })
    .where("id", "=", id)
    .where("consumed", "=", 0)
    .execute();
}

export async function deleteProfileChange(db: Db, userId: string, id: string): Promise<boolean> {
  const result = await db.deleteFrom("profile_changes").where("id", "=", id).where("user_id", "=", userId).executeTakeFirst();
  return Number(result.numDeletedRows) === 1;
}

export async function deleteFieldChange(db: Db, userId: string, field: string): Promise<void> {
  await db.deleteFrom("profile_changes").where("user_id", "=", userId).where("field", "=", field).execute();
}
