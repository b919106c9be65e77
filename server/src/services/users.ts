import { randomUUID } from "node:crypto";
import type { Kysely } from "kysely";
import type { Store } from "../store/db";
import type { Database } from "../store/schema";
import { noticeLanguage } from "../notify/security-text";
import { currentRequest } from "../request-context";
import { findUserBySubject, insertAuditEvent, insertUserIfMissing, setUserLocale, setUsername, type UserRow } from "../store/users";
import type { Session } from "./session";

/**
 * The session user's row for a read: one query for a returning user; a first visit or a changed
 * username takes the writing path (userForSession in a transaction).
 */
export async function userForRead(store: Pick<Store, "db" | "transact">, session: Session, now: string): Promise<UserRow> {
  return (await readForSession(store, session, now, async (db) => {
    const user = await findUserBySubject(db, session.subject);
    return user && { user };
  })).user;
}

/**
 * A read of the session user's row with what belongs to it (`find`, one statement, answers nothing when there is no
 * row for the subject): a first visit or a changed username takes the writing path first, then `find` runs again.
 */
export async function readForSession<R extends { user: UserRow }>(
  store: Pick<Store, "db" | "transact">,
  session: Session,
  now: string,
  find: (db: Kysely<Database>) => Promise<R | undefined>,
): Promise<R> {
  let found = await find(store.db);
  if (found?.user.username !== session.username) {
    await store.transact((trx) => userForSession(trx, session, now));
    found = await find(store.db);
    if (!found) throw new Error("user row missing after insert");
  }
  return { ...found, user: await rememberLanguage(store, found.user) };
}

/**
 * Keeps the language the person's widget speaks (its Accept-Language) for the security notices written to them
 * later, outside any request. Written only when it changed: a read stays one query.
 */
async function rememberLanguage(store: Pick<Store, "transact">, row: UserRow): Promise<UserRow> {
  const language = noticeLanguage(currentRequest()?.acceptLanguage);
  if (!language || language === row.locale) return row;
  await store.transact((trx) => setUserLocale(trx, row.id, language));
  return { ...row, locale: language };
}

/** The session user's row, created on first visit; the username follows the identity provider's. */
export async function userForSession(db: Kysely<Database>, session: Session, now: string): Promise<UserRow> {
  const row = await findUserBySubject(db, session.subject);
  if (row) {
    if (row.username === session.username) return row;
    await setUsername(db, row.id, session.username);
    return { ...row, username: session.username };
  }
  const inserted = await insertUserIfMissing(db, { id: randomUUID(), subject: session.subject, username: session.username, now });
  const created = await findUserBySubject(db, session.subject);
  if (!created) throw new Error("user row missing after insert");
  if (inserted) await insertAuditEvent(db, { userId: created.id, action: "user.created", detail: {}, now });
  return created;
}
