import { Hono } from "hono";
import { createLocalJWKSet } from "jose";
import type { Kysely } from "kysely";
import * as v from "valibot";
import { requireSession } from "../auth/session-middleware";
import type { SessionVerifier } from "../auth/verify-session";
import type { DemoIssuer } from "../demo/issuer";
import { createSampleUser, currentAuthenticatorCodes, SampleRequest, type ApiCall } from "../demo/sample";
import { ApiError, errors } from "../errors";
import { MfaAssertionError, verifyMfaAssertion } from "../mfa/assertions";
import { findUserBySubject } from "../store/users";
import { listOutboxMessages } from "../store/outbox";
import type { Database } from "../store/schema";
import type { SigningKeyRing } from "../store/signing-keys";
import { parseBody } from "./body";
import { methodNotAllowed, readJson, readOptionalJson } from "./http";

const SessionRequest = v.strictObject({
  username: v.pipe(
    v.string("Enter a username."),
    v.trim(),
    v.regex(/^[A-Za-z0-9._@+-]{1,64}$/, "Use 1–64 letters, digits, or . _ @ + -"),
  ),
  authAgeSeconds: v.optional(v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(30 * 24 * 3600)), 0),
});

/** What the demo page's "backend" is sent after the widget's verify flow: the assertion and the nonce it chose. */
const MfaSignInRequest = v.strictObject({
  assertion: v.pipe(
    v.string("Send the assertion the widget answered."),
    v.minLength(1, "Send the assertion the widget answered."),
    v.maxLength(8192, "An assertion is at most 8192 characters."),
  ),
  // As POST /api/mfa/challenges takes it: the same nonce has to reach both.
  nonce: v.pipe(v.string("Send the nonce given to the widget."), v.regex(/^[\x21-\x7e]{1,256}$/, "Must be 1 to 256 visible ASCII characters.")),
});

export interface DemoRouteDeps {
  issuer: DemoIssuer;
  db: Kysely<Database>;
  /** The app's MFA assertion keys: the demo backend checks assertions against them, without fetching its own JWKS. */
  signingKeys: Pick<SigningKeyRing, "jwks">;
  /** What an assertion must say: `iss` (PUBLIC_URL) and `aud` (MFA_ASSERTION_AUDIENCE). */
  assertions: { issuer: string; audience: string };
  /** Checks the demo page's session tokens, as the API does: the inbox and the codes are the session's own. */
  verifySession: SessionVerifier;
  /** The app's own API, called as the widget would call it: how a sample user is set up. */
  api: ApiCall;
  /** SECRETS_KEY: the authenticator secrets the sample's app shows codes of are kept encrypted under it. */
  secretsKey: Buffer;
}

/**
 * Demo mode only: a stand-in identity provider for the demo page, the outbox of codes it "sent", and the
 * page's stand-in backend for "Sign in with MFA", which checks the widget's assertion as a host's backend would.
 */
export function demoRoutes({ issuer, db, signingKeys, assertions, verifySession, api, secretsKey }: DemoRouteDeps) {
  const session = requireSession(verifySession);
  return new Hono()
    // With a session: the messages sent for its user (by their own requests), newest first, never anyone else's —
    // the demo page's inbox. Without one, every message, as before per-user inboxes (DESIGN.md's GET /demo/outbox,
    // which test harnesses read codes from); a session that fails to verify is refused.
    .get(
      "/outbox",
      (c, next) => (c.req.header("Authorization") ? session(c, next) : next()),
      async (c) => {
        const owner = (c.var as { session?: { subject: string } }).session?.subject;
        const rows = await listOutboxMessages(db, owner);
        c.header("Cache-Control", "no-store");
        return c.json({
          messages: rows.map((m) => ({ id: m.id, channel: m.channel, to: m.recipient, text: m.text, createdAt: m.created_at })),
        });
      },
    )
    .all("/outbox", methodNotAllowed(["GET"]))
    // A sample user for one visitor: a filled profile, MFA on, an authenticator app, an email device, recovery codes.
    .post("/sample", async (c) => {
      const { username } = parseBody(SampleRequest, await readOptionalJson(c));
      c.header("Cache-Control", "no-store");
      // A sample already made (the visitor's browser remembers its username) is signed in again, as it is.
      if (username && (await findUserBySubject(db, `demo|${username}`))) {
        return c.json({ username, ...(await issuer.issueToken({ username, authAgeSeconds: 0 })), created: false });
      }
      const sample = await createSampleUser({ issuer, api, db, username });
      return c.json({ ...sample, created: true }, 201);
    })
    .all("/sample", methodNotAllowed(["POST"]))
    // What the user's authenticator apps show now: the demo made their secrets, so it can show the codes.
    .get("/authenticator-codes", session, async (c) => {
      c.header("Cache-Control", "no-store");
      return c.json({ codes: await currentAuthenticatorCodes(db, secretsKey, c.var.session.subject) });
    })
    .all("/authenticator-codes", methodNotAllowed(["GET"]))
    .get("/jwks.json", (c) => {
      c.header("Cache-Control", "public, max-age=300");
      return c.json(issuer.jwks);
    })
    .all("/jwks.json", methodNotAllowed(["GET"]))
    .post("/session", async (c) => {
      const result = v.safeParse(SessionRequest, await readJson(c));
      if (!result.success) {
        const fields: Record<string, string> = {};
        for (const issue of result.issues) fields[v.getDotPath(issue) ?? "body"] ??= issue.message;
        throw errors.validationFailed(fields);
      }
      const { token, expiresAt } = await issuer.issueToken(result.output);
      c.header("Cache-Control", "no-store");
      return c.json({ token, expiresAt });
    })
    .all("/session", methodNotAllowed(["POST"]))
    .post("/mfa-sign-in", async (c) => {
      const { assertion, nonce } = parseBody(MfaSignInRequest, await readJson(c));
      c.header("Cache-Control", "no-store");
      try {
        // The JWKS is read for each sign-in, so a rotated key is honoured at once.
        const claims = await verifyMfaAssertion(assertion, {
          issuer: assertions.issuer,
          audience: assertions.audience,
          nonce,
          jwks: createLocalJWKSet(await signingKeys.jwks()),
        });
        return c.json({ username: claims.preferred_username, method: claims.mfa_method });
      } catch (err) {
        if (err instanceof MfaAssertionError) throw new ApiError(401, "mfa_assertion_invalid", err.message);
        throw err;
      }
    })
    .all("/mfa-sign-in", methodNotAllowed(["POST"]));
}
