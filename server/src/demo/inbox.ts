import { AsyncLocalStorage } from "node:async_hooks";
import { createMiddleware } from "hono/factory";
import { decodeJwt } from "jose";
import type { OtpMessage } from "../notify/types";

/**
 * Demo mode: which session a message is sent for. Every code goes out while a request of the API runs, and only
 * after that request's session token was verified; the demo inbox keeps each message under that session's subject,
 * and shows a person only the messages kept under theirs.
 */
interface InboxScope {
  /** The request's `Authorization` header. */
  authorization?: string;
  /** Outside a request (a security notice sent later): the subject it is for. */
  owner?: string | null;
  /** While the demo sets up a sample user: the codes sent land here instead (nobody is sent them). */
  capture?: OtpMessage[];
}

const scope = new AsyncLocalStorage<InboxScope>();

/** Remembers each API request's Authorization header while it runs (an enclosing scope, e.g. a capture, wins). */
export const inboxOwnerScope = () =>
  createMiddleware(async function inboxOwner(c, next) {
    if (scope.getStore()) return next();
    await scope.run({ authorization: c.req.header("Authorization") }, next);
  });

/** The subject of the session the current request runs for, or null outside a request with a session. */
export function currentInboxOwner(): string | null {
  const owner = scope.getStore()?.owner;
  if (owner !== undefined) return owner;
  const match = /^Bearer +([^\s]+) *$/i.exec(scope.getStore()?.authorization ?? "");
  if (!match?.[1]) return null;
  try {
    // Already verified: a code is only ever sent after the session middleware accepted this very token.
    const { sub } = decodeJwt(match[1]);
    return typeof sub === "string" ? sub : null;
  } catch {
    return null;
  }
}

/** Runs `work` (sending a message outside any request) with its messages kept for the session subject `owner`. */
export const sendingFor = <T>(owner: string | null, work: () => Promise<T>): Promise<T> => scope.run({ owner }, work);

/** Where the current request's messages are to be captured instead of sent, if anywhere. */
export const currentCapture = (): OtpMessage[] | undefined => scope.getStore()?.capture;

/** Runs `work` with every message it sends captured (returned in `captured`) instead of sent or kept. */
export async function capturingMessages<T>(work: () => Promise<T>): Promise<{ result: T; captured: OtpMessage[] }> {
  const captured: OtpMessage[] = [];
  const result = await scope.run({ capture: captured }, work);
  return { result, captured };
}
