import * as v from "valibot";
import { builtinProfile, loadProfileSchema, ProfileSchemaError, type ProfileDefinition } from "./profile-schema/definition";
import { DEFAULT_POOL, type PoolOptions } from "./store/db";
import { signingKeyProblem } from "./store/signing-keys";

/** Thrown when the environment is unusable; its message is one line naming the variable. */
export class ConfigError extends Error {
  override name = "ConfigError";
}

const DEFAULT_ALGORITHMS = ["RS256", "PS256", "ES256", "EdDSA"] as const;
const ASYMMETRIC_ALGORITHMS = new Set([
  "RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256", "ES384", "ES512", "EdDSA", "Ed25519",
]);

const int = (min: number, max: number) =>
  v.pipe(
    v.string(),
    v.trim(),
    v.regex(/^\d+$/, "must be a whole number"),
    v.transform(Number),
    v.minValue(min, `must be at least ${min}`),
    v.maxValue(max, `must be at most ${max}`),
  );

const bool = v.pipe(
  v.string(),
  v.trim(),
  v.toLowerCase(),
  v.picklist(["true", "false", "1", "0", "yes", "no"], "must be true or false"),
  v.transform((s) => s === "true" || s === "1" || s === "yes"),
);

const httpUrl = v.pipe(
  v.string(),
  v.trim(),
  v.url("must be an absolute URL"),
  v.check((s) => /^https?:/i.test(s), "must be an http(s) URL"),
);

const origin = v.pipe(
  v.string(),
  v.check((s) => !s.includes("*"), "wildcards are not allowed: list each origin exactly, like https://app.example.com"),
  httpUrl,
  v.check((s) => new URL(s).origin === s.replace(/\/$/, ""), "must be an origin (scheme://host[:port]) without a path"),
  v.transform((s) => new URL(s).origin),
);

const list = <T>(item: v.GenericSchema<string, T>) =>
  v.pipe(
    v.string(),
    v.transform((s) => s.split(",").map((x) => x.trim()).filter(Boolean)),
    v.minLength(1, "must not be empty"),
    v.array(item),
  );

const algorithm = v.pipe(
  v.string(),
  v.check((a) => ASYMMETRIC_ALGORITHMS.has(a), "only asymmetric algorithms are allowed (RS*, PS*, ES*, EdDSA)"),
);

/** `typ` header values of session tokens (RFC 9068 access tokens, plain JWTs); an absent `typ` is accepted too. */
const DEFAULT_TOKEN_TYPES = ["JWT", "at+jwt"] as const;
const tokenType = v.pipe(
  v.string(),
  v.regex(/^[A-Za-z0-9!#$&^_.+-]+(\/[A-Za-z0-9!#$&^_.+-]+)?$/, "must be media types like JWT or at+jwt"),
  v.check((t) => !/^(application\/)?(logout|secevent)\+jwt$/i.test(t), "logout and security event tokens are never sessions"),
);

const EnvSchema = v.object({
  PORT: v.optional(int(0, 65535), "8787"),
  HOST: v.optional(v.pipe(v.string(), v.trim(), v.minLength(1)), "127.0.0.1"),
  PUBLIC_URL: v.optional(origin),
  DATABASE_URL: v.optional(
    v.pipe(
      v.string(),
      v.trim(),
      v.check(
        (s) => /^sqlite:.+/.test(s) || /^postgres(ql)?:\/\/.+/.test(s),
        "must be sqlite:PATH, sqlite::memory: or postgres://…",
      ),
    ),
    "sqlite:./data/profile.db",
  ),
  // PostgreSQL only (SQLite has one connection): connections per process, how long a request waits for one before it
  // is answered 503, and how long one statement may run.
  DATABASE_POOL_SIZE: v.optional(int(1, 1000)),
  DATABASE_POOL_TIMEOUT_MS: v.optional(int(1, 600_000), String(DEFAULT_POOL.timeoutMs)),
  DATABASE_STATEMENT_TIMEOUT_MS: v.optional(int(1, 3_600_000), String(DEFAULT_POOL.statementTimeoutMs)),
  AUTH_JWKS_URL: v.optional(httpUrl),
  AUTH_PUBLIC_KEY: v.optional(v.pipe(v.string(), v.trim(), v.minLength(1))),
  AUTH_ISSUER: v.optional(v.pipe(v.string(), v.trim(), v.minLength(1))),
  AUTH_AUDIENCE: v.optional(v.pipe(v.string(), v.trim(), v.minLength(1))),
  AUTH_ALGORITHMS: v.optional(list(algorithm), DEFAULT_ALGORITHMS.join(",")),
  AUTH_TOKEN_TYPES: v.optional(list(tokenType), DEFAULT_TOKEN_TYPES.join(",")),
  AUTH_USERNAME_CLAIM: v.optional(v.pipe(v.string(), v.trim(), v.minLength(1)), "preferred_username"),
  SESSION_MAX_AGE_MINUTES: v.optional(int(1, 60 * 24 * 365), "60"),
  REAUTH_MAX_AGE_MINUTES: v.optional(int(1, 60 * 24), "10"),
  CORS_ORIGINS: v.optional(list(origin)),
  SMS_OTP_ENABLED: v.optional(bool, "true"),
  EMAIL_OTP_ENABLED: v.optional(bool, "true"),
  FIDO_PASSKEY_ENABLED: v.optional(bool, "true"),
  TOTP_ENABLED: v.optional(bool, "true"),
  MFA_MAX_DEVICES: v.optional(int(1, 50), "5"),
  WEBAUTHN_RP_ID: v.optional(v.pipe(v.string(), v.trim(), v.regex(/^[a-z0-9.-]+$/i, "must be a host name"))),
  // The operator's product name: passkey prompts, authenticator apps and every code message show it.
  WEBAUTHN_RP_NAME: v.optional(v.pipe(v.string(), v.trim(), v.minLength(1))),
  WEBAUTHN_ORIGINS: v.optional(list(origin)),
  SMTP_URL: v.optional(v.pipe(v.string(), v.trim(), v.regex(/^smtps?:\/\/.+/, "must be smtp://… or smtps://…"))),
  EMAIL_FROM: v.optional(v.pipe(v.string(), v.trim(), v.minLength(3))),
  // fetch refuses URLs with user:password (and would put them in its error): the secret signs the body instead.
  SMS_WEBHOOK_URL: v.optional(
    v.pipe(httpUrl, v.check((s) => !/^[a-z]+:\/\/[^/?#]*@/i.test(s), "must not contain user:password@ (SMS_WEBHOOK_SECRET signs each request)")),
  ),
  SMS_WEBHOOK_SECRET: v.optional(v.pipe(v.string(), v.minLength(16, "must be at least 16 characters"))),
  MFA_SIGNING_KEY: v.optional(
    v.pipe(
      v.string(),
      v.trim(),
      v.rawCheck(({ dataset, addIssue }) => {
        const problem = dataset.typed ? signingKeyProblem(dataset.value) : null;
        if (problem) addIssue({ message: problem });
      }),
    ),
  ),
  MFA_ASSERTION_AUDIENCE: v.optional(v.pipe(v.string(), v.trim(), v.minLength(1))),
  PROFILE_SCHEMA: v.optional(v.pipe(v.string(), v.trim(), v.minLength(1))),
  SECURITY_NOTIFICATIONS: v.optional(bool, "true"),
  ACTIVITY_RETENTION_DAYS: v.optional(int(1, 3650), "400"),
  // How many reverse proxies in front of the server append to X-Forwarded-For; 0 takes the socket's address.
  TRUST_PROXY: v.optional(
    v.pipe(
      v.string(),
      v.trim(),
      v.toLowerCase(),
      v.regex(/^(true|false|\d{1,2})$/, "must be false, true (one proxy) or the number of proxies"),
      v.transform((s) => (s === "true" ? 1 : s === "false" ? 0 : Number(s))),
    ),
    "0",
  ),
  SECRETS_KEY: v.optional(
    v.pipe(
      v.string(),
      v.trim(),
      v.check((s) => Buffer.from(s, "base64").length === 32, "must be 32 bytes, base64-encoded"),
    ),
  ),
});

export interface Config {
  port: number;
  host: string;
  publicUrl: string;
  databaseUrl: string;
  /** PostgreSQL's connection pool (store/db.ts PoolOptions). */
  databasePool: PoolOptions;
  demo: boolean;
  auth: {
    jwksUrl?: string;
    publicKey?: string;
    issuer: string;
    audience: string;
    algorithms: string[];
    /** Allowed `typ` headers, lower case without "application/"; an absent `typ` is always allowed. */
    tokenTypes: string[];
    usernameClaim: string;
    sessionMaxAgeSeconds: number;
    reauthMaxAgeSeconds: number;
    clockToleranceSeconds: number;
  };
  corsOrigins: string[];
  mfa: {
    smsEnabled: boolean;
    emailEnabled: boolean;
    passkeyEnabled: boolean;
    totpEnabled: boolean;
    maxDevices: number;
    /** MFA_SIGNING_KEY: the private P-256 key (PEM or JWK) that signs MFA assertions instead of the stored one. */
    signingKey?: string;
    /** The `aud` of MFA assertions (MFA_ASSERTION_AUDIENCE, else AUTH_AUDIENCE). */
    assertionAudience: string;
  };
  webauthn: { rpId: string; rpName: string; origins: string[] };
  smtp?: { url: string; from: string };
  sms?: { url: string; secret: string };
  secretsKey?: string;
  /** The profile's fields: PROFILE_SCHEMA's, else the built-in ones. */
  profile: ProfileDefinition;
  /** SECURITY_NOTIFICATIONS: email the account about security changes. */
  securityNotifications: boolean;
  /** ACTIVITY_RETENTION_DAYS: security events older than this are deleted. */
  activityRetentionDays: number;
  /** TRUST_PROXY: the X-Forwarded-For hops to trust for the client's address (0: the socket's). */
  trustProxyHops: number;
}

type Env = Record<string, string | undefined>;

/**
 * Reads and validates the environment once. In demo mode the auth settings may be left out:
 * main.ts fills them in with the self-issued demo key.
 */
export function loadConfig(env: Env, options: { demo?: boolean } = {}): Config {
  const demo = options.demo ?? false;
  // Empty variables count as unset, so `FOO= npm start` behaves like leaving FOO out.
  const present = Object.fromEntries(
    Object.entries(env).filter(([k, val]) => k in EnvSchema.entries && val !== undefined && val !== ""),
  );
  const result = v.safeParse(EnvSchema, present);
  if (!result.success) {
    const issue = result.issues[0];
    const key = issue.path?.[0]?.key;
    const shown = typeof key === "string" && present[key] !== undefined && !/SECRET|KEY/.test(key)
      ? ` (got "${String(present[key]).replace(/\/\/[^/@\s]*@/, "//•••@").slice(0, 80)}")`
      : "";
    throw new ConfigError(`${String(key ?? "environment")}: ${issue.message}${shown}`);
  }
  const e = result.output;
  const publicUrl = e.PUBLIC_URL ?? `http://localhost:${e.PORT}`;
  const corsOrigins = e.CORS_ORIGINS ?? [publicUrl];

  if (!demo) {
    if (!e.AUTH_JWKS_URL && !e.AUTH_PUBLIC_KEY) {
      throw new ConfigError("AUTH_JWKS_URL or AUTH_PUBLIC_KEY: one is required to verify session tokens");
    }
    if (!e.AUTH_ISSUER) throw new ConfigError("AUTH_ISSUER: required (the `iss` of session tokens)");
    if (!e.AUTH_AUDIENCE) throw new ConfigError("AUTH_AUDIENCE: required (the `aud` of session tokens)");
    if (!e.SECRETS_KEY) {
      throw new ConfigError(
        "SECRETS_KEY: required (it keys the one-time code hashes and encrypts authenticator secrets); make one with `openssl rand -base64 32`",
      );
    }
    if (e.AUTH_JWKS_URL && !isSecureOrLoopback(e.AUTH_JWKS_URL)) {
      throw new ConfigError("AUTH_JWKS_URL: must be https:// (plain http is allowed only for localhost and loopback addresses)");
    }
  }
  if (e.AUTH_PUBLIC_KEY && isPrivateKey(e.AUTH_PUBLIC_KEY)) {
    throw new ConfigError("AUTH_PUBLIC_KEY: this is a private key; give the public key");
  }
  if (e.AUTH_JWKS_URL && e.AUTH_PUBLIC_KEY) {
    throw new ConfigError("AUTH_PUBLIC_KEY: set either AUTH_JWKS_URL or AUTH_PUBLIC_KEY, not both");
  }
  if (e.SMTP_URL && !e.EMAIL_FROM) throw new ConfigError("EMAIL_FROM: required when SMTP_URL is set");
  if (e.SMS_WEBHOOK_URL && !e.SMS_WEBHOOK_SECRET) {
    throw new ConfigError("SMS_WEBHOOK_SECRET: required when SMS_WEBHOOK_URL is set");
  }
  const firstOrigin = corsOrigins[0] ?? publicUrl;
  let profile: ProfileDefinition;
  try {
    profile = e.PROFILE_SCHEMA ? loadProfileSchema(e.PROFILE_SCHEMA) : builtinProfile();
  } catch (error) {
    if (error instanceof ProfileSchemaError) throw new ConfigError(`PROFILE_SCHEMA: ${error.message}`);
    throw error;
  }

  return {
    port: e.PORT,
    host: e.HOST,
    publicUrl,
    databaseUrl: e.DATABASE_URL,
    databasePool: {
      size: e.DATABASE_POOL_SIZE ?? DEFAULT_POOL.size,
      timeoutMs: e.DATABASE_POOL_TIMEOUT_MS,
      statementTimeoutMs: e.DATABASE_STATEMENT_TIMEOUT_MS,
    },
    demo,
    auth: {
      jwksUrl: e.AUTH_JWKS_URL,
      publicKey: e.AUTH_PUBLIC_KEY,
      issuer: e.AUTH_ISSUER ?? `${publicUrl}/demo`,
      audience: e.AUTH_AUDIENCE ?? "profile-widget-demo",
      algorithms: e.AUTH_ALGORITHMS,
      tokenTypes: e.AUTH_TOKEN_TYPES.map(normalizeTokenType),
      usernameClaim: e.AUTH_USERNAME_CLAIM,
      sessionMaxAgeSeconds: e.SESSION_MAX_AGE_MINUTES * 60,
      reauthMaxAgeSeconds: e.REAUTH_MAX_AGE_MINUTES * 60,
      clockToleranceSeconds: 30,
    },
    corsOrigins,
    mfa: {
      smsEnabled: e.SMS_OTP_ENABLED,
      emailEnabled: e.EMAIL_OTP_ENABLED,
      passkeyEnabled: e.FIDO_PASSKEY_ENABLED,
      totpEnabled: e.TOTP_ENABLED,
      maxDevices: e.MFA_MAX_DEVICES,
      signingKey: e.MFA_SIGNING_KEY,
      assertionAudience: e.MFA_ASSERTION_AUDIENCE ?? e.AUTH_AUDIENCE ?? "profile-widget-demo",
    },
    webauthn: {
      rpId: e.WEBAUTHN_RP_ID ?? new URL(firstOrigin).hostname,
      // The demo page is the sample brand "Acme Travel": its messages say so too.
      rpName: e.WEBAUTHN_RP_NAME ?? (demo ? "Acme Travel" : "Profile"),
      origins: e.WEBAUTHN_ORIGINS ?? corsOrigins,
    },
    smtp: e.SMTP_URL && e.EMAIL_FROM ? { url: e.SMTP_URL, from: e.EMAIL_FROM } : undefined,
    sms: e.SMS_WEBHOOK_URL && e.SMS_WEBHOOK_SECRET ? { url: e.SMS_WEBHOOK_URL, secret: e.SMS_WEBHOOK_SECRET } : undefined,
    secretsKey: e.SECRETS_KEY,
    profile,
    securityNotifications: e.SECURITY_NOTIFICATIONS,
    activityRetentionDays: e.ACTIVITY_RETENTION_DAYS,
    trustProxyHops: e.TRUST_PROXY,
  };
}

/** `typ` compares case-insensitively, with "application/" implied (RFC 7515 §4.1.9). */
export function normalizeTokenType(typ: string): string {
  return typ.toLowerCase().replace(/^application\//, "");
}

/** https, or http to this machine only (a JWKS fetched in the clear elsewhere could be swapped in transit). */
function isSecureOrLoopback(url: string): boolean {
  const { protocol, hostname } = new URL(url);
  if (protocol === "https:") return true;
  const host = hostname.replace(/^\[|\]$/g, "").toLowerCase();
  return host === "localhost" || host.endsWith(".localhost") || /^127(\.\d{1,3}){3}$/.test(host) || host === "::1";
}

/** A PEM private key, or a JWK with its private part (`d`). */
export function isPrivateKey(text: string): boolean {
  const trimmed = text.trim();
  if (/-----BEGIN [A-Z ]*PRIVATE KEY-----/.test(trimmed.replace(/\\n/g, "\n"))) return true;
  if (!trimmed.startsWith("{")) return false;
  try {
    const jwk = JSON.parse(trimmed) as Record<string, unknown>;
    return "d" in jwk;
  } catch {
    return false;
  }
}
