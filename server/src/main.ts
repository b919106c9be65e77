import { isIP } from "node:net";
import { randomBytes } from "node:crypto";
import { Server as HttpServer, type IncomingMessage, type ServerResponse } from "node:http";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { serve } from "@hono/node-server";
import { createApp } from "./app";
import { startBackgroundJobs } from "./background";
import { cacheVerifiedSessions, SESSION_CACHE_BOUNDS } from "./auth/session-cache";
import { createSessionVerifier } from "./auth/verify-session";
import { ConfigError, loadConfig } from "./config";
import { loadProfileSchema, ProfileSchemaError } from "./profile-schema/definition";
import { createDemoIssuer, type DemoIssuer } from "./demo/issuer";
import { createLogger } from "./log";
import { smtpNotifier } from "./notify/email";
import { outboxNotifier } from "./notify/outbox";
import { smsWebhookNotifier } from "./notify/sms";
import type { Notifiers } from "./notify/types";
import { loadStaticFiles } from "./routes/static";
import { openStore } from "./store/db";
import { signingKeyRing } from "./store/signing-keys";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const demo = process.argv.includes("--demo");
/** Demo mode: where the API with the example profile schema answers. */
const EXAMPLE_PATH = "/example";
const EXAMPLE_SCHEMA = join(root, "docs/examples/profile-schema.json");
const { log, flush: flushLog } = createLogger();

async function main() {
  const config = loadConfig(process.env, { demo });
  const store = await openStore(config.databaseUrl, config.databasePool);

  const widgetDir = join(root, "dist/widget");
  if (!existsSync(join(widgetDir, "profile-widget.js"))) {
    throw new ConfigError("dist/widget/profile-widget.js is missing: run `npm run build` first");
  }

  const sqlitePath = config.databaseUrl.match(/^sqlite:(?!:memory:)(.+)$/)?.[1];
  const dataDir = sqlitePath ? dirname(resolve(sqlitePath)) : resolve("data");

  let demoIssuer: DemoIssuer | undefined;
  let auth = config.auth;
  if (demo && !config.auth.jwksUrl && !config.auth.publicKey) {
    demoIssuer = await createDemoIssuer({
      keyPath: join(dataDir, "demo-signing-key.json"),
      issuer: config.auth.issuer,
      audience: config.auth.audience,
    });
    // Verified through the same remote-JWKS path production uses, fetched from this very server.
    const loopbackHost = config.host === "0.0.0.0" || config.host === "::" ? "127.0.0.1" : config.host;
    auth = { ...auth, jwksUrl: `http://${loopbackHost.includes(":") ? `[${loopbackHost}]` : loopbackHost}:${config.port}/demo/jwks.json` };
  }
  // A widget repeats one token on every request: verify it once, then trust it briefly.
  const verifySession = cacheVerifiedSessions(await createSessionVerifier(auth), {
    ...SESSION_CACHE_BOUNDS,
    sessionMaxAgeSeconds: auth.sessionMaxAgeSeconds,
    clockToleranceSeconds: auth.clockToleranceSeconds,
  });

  // Outside demo mode loadConfig has already refused to start without SECRETS_KEY.
  const secretsKey = config.secretsKey ?? loadOrCreateSecretsKey(join(dataDir, "secrets-key"));
  // Demo mode: codes land in the outbox the demo page shows each user (and are also sent, with SMTP or an SMS
  // gateway configured); without the demo page, only where no SMTP or gateway is configured.
  const email = config.smtp ? smtpNotifier(config.smtp) : undefined;
  const sms = config.sms ? smsWebhookNotifier(config.sms) : undefined;
  const inbox = (channel: "sms" | "email", forward: Notifiers["sms"]) =>
    demo && (demoIssuer || !forward) ? outboxNotifier(store.db, channel, undefined, forward) : forward;
  const notifiers: Notifiers = { email: inbox("email", email), sms: inbox("sms", sms) };
  const unavailable = [
    [config.mfa.smsEnabled && !notifiers.sms, "SMS devices", "SMS_WEBHOOK_URL and SMS_WEBHOOK_SECRET", "SMS_OTP_ENABLED"],
    [config.mfa.emailEnabled && !notifiers.email, "Email devices", "SMTP_URL and EMAIL_FROM", "EMAIL_OTP_ENABLED"],
  ] as const;
  for (const [off, what, setting, flag] of unavailable) {
    if (off) log({ level: "warn", msg: `${what} cannot be added: set ${setting}, or ${flag}=false to silence this` });
  }
  // A verified profile field (x-profile.verify) changes only with a code sent to the new value.
  for (const field of [...config.profile.byPath.values()].filter((f) => f.verify)) {
    const [channel, setting] = field.verify === "email" ? (["email", "SMTP_URL and EMAIL_FROM"] as const) : (["sms", "SMS_WEBHOOK_URL and SMS_WEBHOOK_SECRET"] as const);
    if (!notifiers[channel]) log({ level: "warn", msg: `The profile's ${field.path} cannot be changed: its new value is confirmed by a code, so set ${setting}` });
  }
  // Browsers refuse an IP address as a passkey's relying party: say so now rather than at the first passkey.
  if (config.mfa.passkeyEnabled && isIP(config.webauthn.rpId.replace(/^\[|\]$/g, ""))) {
    log({
      level: "warn",
      msg: `Passkeys cannot be used: WEBAUTHN_RP_ID is the IP address ${config.webauthn.rpId}, and browsers need a domain name (localhost, or your site's)`,
    });
  }

  // The MFA assertion key exists (made now on a fresh database, once across processes) before the first request.
  const signingKeys = signingKeyRing(store, {
    secretsKey: Buffer.from(secretsKey, "base64"),
    configuredKey: config.mfa.signingKey,
  });
  await signingKeys.current();

  // The demo page shows its notices soon after the changes: a burst there is ten seconds rather than a minute.
  const shared = { store, signingKeys, verifySession, demo: demoIssuer, notifiers, log, noticeBurstMs: demo ? 10_000 : undefined };
  const app = createApp({
    ...shared,
    config: { ...config, auth, secretsKey },
    widgetFiles: loadStaticFiles(widgetDir),
    demoFiles: demo ? loadStaticFiles(join(root, "demo")) : undefined,
  });
  // The demo page's second set of profile fields: the same people and devices, described by the example schema
  // (docs/examples/profile-schema.json), under /example. Values one schema has and the other lacks are kept.
  const example = demo
    ? createApp({ ...shared, config: { ...config, auth, secretsKey, profile: loadProfileSchema(EXAMPLE_SCHEMA) }, basePath: EXAMPLE_PATH })
    : undefined;
  const fetch: typeof app.fetch = (request, ...rest) =>
    example && new URL(request.url).pathname.startsWith(`${EXAMPLE_PATH}/`) ? example.fetch(request, ...rest) : app.fetch(request, ...rest);

  // One set per process, whichever apps it serves: security notices that are due, and pruning old activity.
  if (config.securityNotifications && !notifiers.email) {
    log({ level: "warn", msg: "Security notifications cannot be sent: set SMTP_URL and EMAIL_FROM, or SECURITY_NOTIFICATIONS=false to silence this" });
  }
  const jobs = startBackgroundJobs({ store, config, email: notifiers.email, log, pollMs: demo ? 2_000 : undefined });

  const server = serve({ fetch, port: config.port, hostname: config.host }, (info) => {
    log({ msg: "listening", url: config.publicUrl, address: `${info.address}:${info.port}`, database: store.engine, demo });
    if (demo) console.log(`\n  profile-widget demo: ${config.publicUrl}\n`);
  });

  let stopping = false;
  // While draining, each answer closes its connection, so keep-alive clients can't hold the server open.
  server.prependListener("request", (_req: IncomingMessage, res: ServerResponse) => {
    if (stopping && !res.headersSent) res.setHeader("Connection", "close");
  });
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    log({ msg: "shutting down", signal });
    // Stop accepting, let in-flight requests finish, then close the database.
    server.close(() => {
      void jobs.stop().then(() => store.close()).then(() => {
        log({ msg: "stopped", signal });
        // The last lines get a moment to go out while the event loop still runs; a log reader
        // that has stalled or gone costs those lines, never the exit (see LogOutput).
        void flushLog(500).then(() => process.exit(0));
      });
    });
    // Connections that fall idle after their last answer are closed too (close() only takes those idle now).
    if (server instanceof HttpServer) setInterval(() => server.closeIdleConnections(), 100).unref();
    // The bound holds whatever became of stdout: the flush at exit gives up within 200 ms.
    setTimeout(() => {
      log({ level: "error", msg: "shutdown timed out: requests still running after 10 s", signal });
      process.exit(1);
    }, 10_000).unref();
  };
  process.on("SIGTERM", () => shutdown("SIGTERM"));
  process.on("SIGINT", () => shutdown("SIGINT"));
}

/** Demo mode's SECRETS_KEY: created once beside the demo signing key, so TOTP devices survive restarts. */
function loadOrCreateSecretsKey(path: string): string {
  if (existsSync(path)) return readFileSync(path, "utf8").trim();
  const key = randomBytes(32).toString("base64");
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, `${key}\n`, { mode: 0o600 });
  return key;
}

main().catch((err: unknown) => {
  if (err instanceof ConfigError) console.error(`profile-widget: ${err.message}`);
  else if (err instanceof ProfileSchemaError) console.error(`profile-widget: ${EXAMPLE_SCHEMA}: ${err.message}`);
  else console.error(`profile-widget: failed to start: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
