// The server under load: the built app (dist/server, as `npm run serve` runs it, in plain Node)
// plus the two ceilings the report compares against, measured on the same process: a bare JSON
// route, and a route that only verifies the session token (no cache).
import { join } from "node:path";
import { serve } from "@hono/node-server";
import {
  cacheVerifiedSessions,
  createApp,
  createLogger,
  createSessionVerifier,
  loadConfig,
  loadStaticFiles,
  openStore,
  SESSION_CACHE_BOUNDS,
} from "../dist/server/index.js";

const config = loadConfig(process.env);
const store = await openStore(config.databaseUrl, config.databasePool);
const verifySession = await createSessionVerifier(config.auth);
// The same cache main.ts gives the app.
const cachedSession = cacheVerifiedSessions(verifySession, {
  ...SESSION_CACHE_BOUNDS,
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
app.get("/bench/verify", async (c) => {
  const token = /^Bearer +(\S+)$/i.exec(c.req.header("Authorization") ?? "")?.[1] ?? "";
  const session = await verifySession(token);
  return c.json({ sub: session.subject });
});
// Statements sent to the database so far (round trips, on PostgreSQL): the report divides them by each route's requests.
app.get("/bench/statements", (c) => c.json({ statements: store.statements() }));
// What the resident memory is made of, for the report.
app.get("/bench/memory", (c) => c.json(process.memoryUsage()));

serve({ fetch: app.fetch, port: config.port, hostname: config.host });
process.on("SIGTERM", () => void store.close().then(() => process.exit(0)));