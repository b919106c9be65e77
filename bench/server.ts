// The server under load: the real app (createApp) plus the two ceilings the report compares against,
// measured on the same process: a bare JSON route, and a route that only verifies the session token.
import { join } from "node:path";
import { serve } from "@hono/node-server";
import { createApp } from "../server/src/app";
import { requireSession } from "../server/src/auth/session-middleware";
import { cacheVerifiedSessions } from "../server/src/auth/session-cache";
import { createSessionVerifier } from "../server/src/auth/verify-session";
import { loadConfig } from "../server/src/config";
import { createLogger } from "../server/src/log";
import { loadStaticFiles } from "../server/src/routes/static";
import { openStore } from "../server/src/store/db";

const config = loadConfig(process.env);
const store = await openStore(config.databaseUrl);
// The verify-only ceiling always verifies; the app gets the cache main.ts gives it.
const verifySession = await createSessionVerifier(config.auth);
const cachedSession = cacheVerifiedSessions(verifySession, {
  maxEntries: 10_000,
  maxAgeMs: 60_000,
  sessionMaxAgeSeconds: config.auth.sessionMaxAgeSeconds,
  clockToleranceSeconds: config.auth.clockToleranceSeconds,
});
// Request logs go to stdout through the production logger (the bench discards them).
const { log } = createLogger();
const app = createApp({
  config,
  store,
  verifySession: cachedSession,
  widgetFiles: loadStaticFiles(join(import.meta.dirname, "../dist/widget")),
  log,
});
app.get("/bench/bare", (c) => c.json({ ok: true }));
app.get("/bench/verify", requireSession(verifySession), (c) => c.json({ sub: c.var.session.subject }));

serve({ fetch: app.fetch, port: config.port, hostname: config.host }, () => {
  process.send?.("ready");
});
process.on("SIGTERM", () => void store.close().then(() => process.exit(0)));
