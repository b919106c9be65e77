// The server under load: the real app (createApp) plus the two ceilings the report compares against,
// measured on the same process: a bare JSON route, and a route that only verifies the session token.
import { join } from "node:path";
import { serve } from "@hono/node-server";
import { createApp } from "../server/src/app";
import { requireSession } from "../server/src/auth/session-middleware";
import { createSessionVerifier } from "../server/src/auth/verify-session";
import { loadConfig } from "../server/src/config";
import { loadStaticFiles } from "../server/src/routes/static";
import { openStore } from "../server/src/store/db";

const config = loadConfig(process.env);
const store = await openStore(config.databaseUrl);
const verifySession = await createSessionVerifier(config.auth);
// Request logs go to stdout as in production (the bench discards them).
const log = (entry: Record<string, unknown>) => process.stdout.write(`${JSON.stringify(entry)}\n`);
const app = createApp({
  config,
  store,
  verifySession,
  widgetFiles: loadStaticFiles(join(import.meta.dirname, "../dist/widget")),
  log,
});
app.get("/bench/bare", (c) => c.json({ ok: true }));
app.get("/bench/verify", requireSession(verifySession), (c) => c.json({ sub: c.var.session.subject }));

serve({ fetch: app.fetch, port: config.port, hostname: config.host }, () => {
  process.send?.("ready");
});
process.on("SIGTERM", () => void store.close().then(() => process.exit(0)));
