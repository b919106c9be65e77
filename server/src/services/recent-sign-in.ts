import type { Kysely, Transaction } from "kysely";
import { hasStepUp } from "../store/mfa-challenges";
import type { Database } from "../store/schema";
import { isRecentSignIn, sessionKey, type Session } from "./session";

/**
 * Whether a protected change may go ahead: the user signed in within `maxAgeSeconds` (`auth_time`), or this
 * very session stepped up with a device since (another session of the same user gains nothing from it).
 */
export async function hasRecentSignIn(
  db: Kysely<Database> | Transaction<Database>,
  userId: string,
  session: Session,
  maxAgeSeconds: number,
  now: Date,
): Promise<boolean> {
  if (isRecentSignIn(session, maxAgeSeconds, now.getTime() / 1000)) return true;
  return hasStepUp(db, sessionKey(userId, session), now.toISOString());
}
