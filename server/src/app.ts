import { randomUUID } from "node:crypto";
import { Hono } from "hono";
import { HTTPException } from "hono/http-exception";
import { requireSession } from "./auth/session-middleware";
import type { SessionVerifier } from "./auth/verify-session";
import type { Config } from "./config";
import { inboxOwnerScope } from "./demo/inbox";
import type { DemoIssuer } from "./demo/issuer";
import { ApiError, errors } from "./errors";
import type { Notifiers } from "./notify/types";
import { apiDocsRoutes } from "./routes/api-docs";
import { demoRoutes } from "./routes/demo";
import { API_ROUTES } from "./routes/api";
import { apiCors, apiResponseHeaders, requireJsonWrites, securityHeaders } from "./routes/middleware";
import { MAX_BODY_BYTES } from "./routes/http";
import { mountRoutes } from "./routes/route";
import { staticRoutes, type StaticFiles } from "./routes/static";
import { createAssertionSigner } from "./mfa/assertions";
import { MfaService, type MfaServiceOptions } from "./mfa/service";
import { VerificationService } from "./mfa/verification";
import { acceptLanguageOf, clientAddress, currentRequest, runInRequest, userAgentOf } from "./request-context";
import { ActivityService } from "./services/activity";
import { AccountExport } from "./services/export";
import { ProfileService } from "./services/profile";
import { accountEmailField, SecurityNotices } from "./services/security-notices";
import { ProfileChanges } from "./services/profile-changes";
import { isPoolRefusal, type Store } from "./store/db";
import { signingKeyRing, type SigningKeyRing } from "./store/signing-keys";

export { MAX_BODY_BYTES };

export interface AppDeps {
  config: Config;
  store: Store;
  verifySession: SessionVerifier;
  /** Present in demo mode only: issues session tokens for the demo page. */
  demo?: DemoIssuer;
  /** The built widget (dist/widget) and, in demo mode, the demo host page. */
  widgetFiles?: StaticFiles;
  demoFiles?: StaticFiles;
  /** Where one-time codes go; a channel left out cannot be offered. */
  notifiers?: Notifiers;
  /** The clock of the MFA service (tests move it to expire codes). */
  now?: () => Date;
  /** The MFA assertion keys; by default kept in `store` (or MFA_SIGNING_KEY's), made on first use. */
  signingKeys?: SigningKeyRing;
  log?: (entry: Record<string, unknown>) => void;
  /**
   * Where the app answers below its origin (`/example`: every route, `/api/*` included, under it). The demo mounts
   * a second app there with the example profile schema; demo routes and static files stay with the app at `/`.
   */
  basePath?: string;
  /** Security notices closer together than this go out as one message (NOTICE_BURST_MS). */
  noticeBurstMs?: number;
}

declare module "hono" {
  interface ContextVariableMap {
    requestId: string;
  }
}

/** The demo page is itself a strict-CSP host: no inline script or style anywhere. */
const DEMO_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' https: data:; " +
  "connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'";

/** Builds the whole HTTP application from its dependencies; no globals, so tests build their own. */
export function createApp(deps: AppDeps): Hono {
  const { config, store } = deps;
  // Code hashes keyed with anything public would let a leaked table give up live codes: no key, no app.
  if (!config.secretsKey) throw new Error("SECRETS_KEY: required (it keys the one-time code hashes and encrypts authenticator secrets)");
  const write = deps.log ?? (() => {});
  // Whatever is logged while a request runs (services included) carries its request id.
  const log = (entry: Record<string, unknown>) => {
    const requestId = currentRequest()?.requestId;
    write(requestId ? { requestId, ...entry } : entry);
  };
  const notices = new SecurityNotices({
    on: config.securityNotifications,
    email: Boolean(deps.notifiers?.email),
    emailField: accountEmailField(config.profile),
    burstMs: deps.noticeBurstMs,
    now: deps.now,
  });
  const profiles = new ProfileService(store, {
    reauthMaxAgeSeconds: config.auth.reauthMaxAgeSeconds,
    definition: config.profile,
    changes: new ProfileChanges(store, {
      secretsKey: Buffer.from(config.secretsKey, "base64"),
      notifiers: deps.notifiers ?? {},
      appName: config.webauthn.rpName,
      now: deps.now,
      log,
    }),
    notices,
    now: deps.now,
    log,
  });
  const mfaOptions: MfaServiceOptions = {
    engine: store.engine,
    maxDevices: config.mfa.maxDevices,
    methods: {
      sms: config.mfa.smsEnabled,
      email: config.mfa.emailEnabled,
      totp: config.mfa.totpEnabled,
      passkey: config.mfa.passkeyEnabled,
    },
    reauthMaxAgeSeconds: config.auth.reauthMaxAgeSeconds,
    relyingParty: config.webauthn,
    secretsKey: Buffer.from(config.secretsKey, "base64"),
    notifiers: deps.notifiers ?? {},
    notices,
    now: deps.now,
    log,
  };
  const mfa = new MfaService(store, mfaOptions);
  const methods = mfa.availableMethods();
  const signingKeys =
    deps.signingKeys ??
    signingKeyRing(store, { secretsKey: Buffer.from(config.secretsKey, "base64"), configuredKey: config.mfa.signingKey, now: deps.now });
  const verification = new VerificationService(
    store,
    mfaOptions,
    createAssertionSigner(signingKeys, { issuer: config.publicUrl, audience: config.mfa.assertionAudience }),
  );
  const activity = new ActivityService(store, { retentionDays: config.activityRetentionDays, now: deps.now });
  const exports = new AccountExport(store, { profiles, mfa, activity, now: deps.now });
  const basePath = deps.basePath?.replace(/\/+$/, "") ?? "";
  const app = basePath ? new Hono().basePath(basePath) : new Hono();

  app.use(async function requestId(c, next) {
    // Always our own id: a client-sent one could collide or smuggle text into the logs.
    const id = randomUUID();
    c.set("requestId", id);
    c.header("X-Request-Id", id);
    const started = performance.now();
    await runInRequest({ requestId: id, ip: clientAddress(c, config.trustProxyHops), userAgent: userAgentOf(c), acceptLanguage: acceptLanguageOf(c) }, next);
    log({
      level: c.res.status >= 500 ? "error" : "info",
      msg: "request",
      requestId: id,
      method: c.req.method,
      path: loggablePath(c.req.path),
      status: c.res.status,
      ms: Math.round((performance.now() - started) * 10) / 10,
    });
  });

  app.use(securityHeaders({ hsts: config.publicUrl.startsWith("https:") }));
  app.use("/api/*", apiCors(config.corsOrigins), apiResponseHeaders);

  for (const prefix of ["/api/*", "/demo/*"]) app.use(prefix, requireJsonWrites);
  // The demo inbox keeps each message for the session whose request sent it.
  if (deps.demo) app.use("/api/*", inboxOwnerScope());

  mountRoutes(app, API_ROUTES, { config, store, profiles, mfa, verification, activity, exports, methods, signingKeys }, requireSession(deps.verifySession));
  app.route("/", apiDocsRoutes({ serverUrl: config.publicUrl + basePath, profile: config.profile }));

  if (deps.demo && !basePath) {
    const assertions = { issuer: config.publicUrl, audience: config.mfa.assertionAudience };
    app.route(
      "/demo",
      demoRoutes({
        issuer: deps.demo,
        db: store.db,
        signingKeys,
        assertions,
        verifySession: deps.verifySession,
        api: (path, init) => Promise.resolve(app.request(path, init)),
        secretsKey: Buffer.from(config.secretsKey, "base64"),
      }),
    );
  }
  if (deps.widgetFiles) app.route("/widget", staticRoutes(deps.widgetFiles, { mountedAt: "/widget", crossOrigin: true }));
  if (deps.demoFiles) {
    app.route("/", staticRoutes(deps.demoFiles, { mountedAt: "/", crossOrigin: false, index: "index.html", csp: DEMO_CSP }));
  }

  app.notFound(() => {
    throw errors.notFound();
  });

  app.onError((err, c) => {
    let apiError: ApiError;
    if (err instanceof ApiError) apiError = err;
    else if (err instanceof HTTPException && err.status < 500) {
      apiError = new ApiError(err.status as 400, "bad_request", "The request could not be understood.");
    } else if (isDatabaseUnavailable(err)) {
      log({ level: "warn", msg: "database unavailable", requestId: c.var.requestId, error: String(err) });
      apiError = errors.unavailable();
    } else {
      log({ level: "error", msg: "unhandled error", requestId: c.var.requestId, error: String(err), stack: (err as Error).stack });
      apiError = errors.internal();
    }
    for (const [name, value] of Object.entries(apiError.headers ?? {})) c.header(name, value);
    if (apiError.code === "service_unavailable") c.header("Retry-After", "5");
    c.header("Cache-Control", "no-store");
    return c.json(apiError.toBody(), apiError.status);
  });

  return app;
}

/** A path as logged: anything shaped like a JWT (a token pasted into a URL) is blanked, and the length capped. */
function loggablePath(path: string): string {
  const clean = path.replace(/eyJ[\w-]*\.[\w-]*\.[\w-]*/g, "[redacted-jwt]");
  return clean.length > 512 ? `${clean.slice(0, 512)}…` : clean;
}

/**
 * Connection failures of either engine, no free connection within DATABASE_POOL_TIMEOUT_MS, a statement cancelled
 * after DATABASE_STATEMENT_TIMEOUT_MS (57014): answered 503 rather than 500.
 */
function isDatabaseUnavailable(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return (
    typeof code === "string" &&
    (["ECONNREFUSED", "ECONNRESET", "ETIMEDOUT", "57P01", "57P02", "57P03", "08006", "08001", "SQLITE_BUSY"].includes(code))
  ) || isPoolRefusal(err) || /Connection terminated/i.test(String(err));
}
