import { randomBytes } from "node:crypto";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { exportJWK, exportSPKI, generateKeyPair, SignJWT, type JWK, type JWTPayload } from "jose";
import { createApp } from "../src/app";
import { createSessionVerifier } from "../src/auth/verify-session";
import { loadConfig, type Config } from "../src/config";
import { outboxNotifier } from "../src/notify/outbox";
import type { Notifiers } from "../src/notify/types";
import { NoticeDispatcher } from "../src/services/security-notices";
import { openStore, type Store } from "../src/store/db";
import { freshPostgresSchema } from "../../testkit/postgres";

export const ISSUER = "https://id.example.test";
export const AUDIENCE = "profile-widget-test";

export interface TestKeys {
  privateKey: CryptoKey;
  publicPem: string;
  publicJwk: JWK;
  kid: string;
}

export async function makeKeys(alg: "ES256" | "RS256" = "ES256"): Promise<TestKeys> {
  const { privateKey, publicKey } = await generateKeyPair(alg, { extractable: true });
  const kid = randomBytes(6).toString("hex");
  return {
    privateKey,
    publicPem: await exportSPKI(publicKey),
    publicJwk: { ...(await exportJWK(publicKey)), kid, alg, use: "sig" },
    kid,
  };
}

/** Signs a session token like an identity provider would; `claims` override the defaults. */
export async function signToken(
  keys: TestKeys,
  claims: JWTPayload & { preferred_username?: string; auth_time?: number } = {},
  header: Record<string, unknown> = {},
): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  const payload: JWTPayload = {
    iss: ISSUER,
    aud: AUDIENCE,
    sub: "user-1",
    preferred_username: "ada",
    iat: now,
    exp: now + 600,
    auth_time: now,
    ...claims,
  };
  for (const [k, val] of Object.entries(payload)) if (val === undefined) delete payload[k];
  return new SignJWT(payload)
    .setProtectedHeader({ alg: keys.publicJwk.alg ?? "ES256", kid: keys.kid, ...header })
    .sign(keys.privateKey);
}

export function testConfig(overrides: Record<string, string> = {}, keys?: TestKeys): Config {
  return loadConfig({
    DATABASE_URL: "sqlite::memory:",
    AUTH_PUBLIC_KEY: keys?.publicPem ?? "unused",
    AUTH_ISSUER: ISSUER,
    AUTH_AUDIENCE: AUDIENCE,
    CORS_ORIGINS: "https://host.example.test",
    SECRETS_KEY: randomBytes(32).toString("base64"),
    ...overrides,
  });
}

/** The engines the store runs on here: SQLite always, PostgreSQL when TEST_DATABASE_URL is set. */
export const ENGINES: Array<"sqlite" | "postgres"> = process.env.TEST_DATABASE_URL ? ["sqlite", "postgres"] : ["sqlite"];

/** A fresh, empty database of the engine: an in-memory SQLite, or a new schema in the test PostgreSQL. */
export async function freshDatabaseUrl(engine: "sqlite" | "postgres"): Promise<{ url: string; drop: () => Promise<void> }> {
  if (engine === "sqlite") return { url: "sqlite::memory:", drop: async () => {} };
  const base = process.env.TEST_DATABASE_URL;
  if (!base) throw new Error("TEST_DATABASE_URL is not set");
  return freshPostgresSchema(base, "t");
}

export interface TestApp {
  app: ReturnType<typeof createApp>;
  store: Store;
  keys: TestKeys;
  config: Config;
  close: () => Promise<void>;
  /** Sends a request the way the widget does: JSON body, Bearer token. */
  call: (
    method: string,
    path: string,
    options?: { token?: string | null; body?: unknown; headers?: Record<string, string> },
  ) => Promise<Response>;
  tokenFor: (username: string, claims?: JWTPayload & { auth_time?: number }) => Promise<string>;
  /** The code in the newest outbox message to `to` (the default notifiers write there). */
  outboxCode: (to: string) => Promise<string>;
  /** Sends the security notices due by the app's clock through its email notifier; answers how many messages went. */
  dispatchNotices: () => Promise<number>;
}

/**
 * An app on a fresh database. SMS and email codes go to the outbox table unless `notifiers` says
 * otherwise, SECRETS_KEY is random, and `now` (if given) is the MFA service's clock.
 */
export async function buildTestApp(
  options: {
    engine?: "sqlite" | "postgres";
    /** An existing database instead of a fresh one (it is not dropped at close). */
    databaseUrl?: string;
    env?: Record<string, string>;
    keys?: TestKeys;
    notifiers?: Notifiers;
    now?: () => Date;
    noticeBurstMs?: number;
  } = {},
): Promise<TestApp> {
  const keys = options.keys ?? (await makeKeys());
  const db = options.databaseUrl ? { url: options.databaseUrl, drop: async () => {} } : await freshDatabaseUrl(options.engine ?? "sqlite");
  const config = testConfig({ DATABASE_URL: db.url, SECRETS_KEY: randomBytes(32).toString("base64"), ...options.env }, keys);
  const store = await openStore(config.databaseUrl);
  const notifiers = options.notifiers ?? { sms: outboxNotifier(store.db, "sms"), email: outboxNotifier(store.db, "email") };
  const app = createApp({
    config,
    store,
    verifySession: await createSessionVerifier(config.auth),
    notifiers,
    now: options.now,
    noticeBurstMs: options.noticeBurstMs,
  });
  const dispatcher = notifiers.email
    ? new NoticeDispatcher(store, { email: notifiers.email, appName: config.webauthn.rpName, now: options.now })
    : null;
  const tokenFor = (username: string, claims: JWTPayload = {}) =>
    signToken(keys, { sub: `sub-${username}`, preferred_username: username, ...claims });
  const call: TestApp["call"] = async (method, path, { token, body, headers = {} } = {}) => {
    const h: Record<string, string> = { ...headers };
    const t = token === undefined ? await tokenFor("ada") : token;
    if (t) h.Authorization = `Bearer ${t}`;
    if (body !== undefined && !h["Content-Type"]) h["Content-Type"] = "application/json";
    return app.request(path, {
      method,
      headers: h,
      body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body),
    });
  };
  const outboxCode = async (to: string) => {
    const row = await store.db
      .selectFrom("outbox")
      .select("text")
      .where("recipient", "=", to)
      .orderBy("id", "desc")
      .executeTakeFirst();
    const code = row?.text.match(/\b(\d{6})\b/)?.[1];
    if (!code) throw new Error(`no code was sent to ${to}`);
    return code;
  };
  return {
    app,
    store,
    keys,
    config,
    call,
    tokenFor,
    outboxCode,
    dispatchNotices: async () => (dispatcher ? dispatcher.runOnce() : 0),
    close: async () => {
      await store.close();
      await db.drop();
    },
  };
}

/** A loopback port nothing listens on (taken from the system, then let go): for a server to start on, or to fail at. */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
