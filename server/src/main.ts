import { existsSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { serve } from "@hono/node-server";
import { createApp } from "./app";
import { createSessionVerifier } from "./auth/verify-session";
import { ConfigError, loadConfig } from "./config";
import { createDemoIssuer } from "./demo/issuer";
import { loadStaticFiles } from "./routes/static";
import { openStore } from "./store/db";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const demo = process.argv.includes("--demo");
const log = (entry: Record<string, unknown>) =>
  process.stdout.write(`${JSON.stringify({ time: new Date().toISOString(), ...entry })}\n`);

async function main() {
  const config = loadConfig(process.env, { demo });
  const store = await openStore(config.databaseUrl);

  const widgetDir = join(root, "dist/widget");
  if (!existsSync(join(widgetDir, "profile-widget.js"))) {
    throw new ConfigError("dist/widget/profile-widget.js is missing: run `npm run build` first");
  }

  let demoIssuer;
  let auth = config.auth;
  if (demo && !config.auth.jwksUrl && !config.auth.publicKey) {
    const sqlitePath = config.databaseUrl.match(/^sqlite:(?!:memory:)(.+)$/)?.[1];
    const dataDir = sqlitePath ? dirname(resolve(sqlitePath)) : resolve("data");
    demoIssuer = await createDemoIssuer({
      keyPath: join(dataDir, "demo-signing-key.json"),
      issuer: config.auth.issuer,
      audience: config.auth.audience,
    });
    // Verified through the same remote-JWKS path production uses, fetched from this very server.
    const loopbackHost = config.host === "0.0.0.0" || config.host === "::" ? "127.0.0.1" : config.host;
    auth = { ...auth, jwksUrl: `http://${loopbackHost.includes(":") ? `[${loopbackHost}]` : loopbackHost}:${config.port}/demo/jwks.json` };
  }
  const verifySession = await createSessionVerifier(auth);

  const app = createApp({
    config: { ...config, auth },
    store,
    verifySession,
    demo: demoIssuer,
    widgetFiles: loadStaticFiles(widgetDir),
    demoFiles: demo ? loadStaticFiles(join(root, "demo")) : undefined,
    log,
  });

  const server = serve({ fetch: app.fetch, port: config.port, hostname: config.host }, (info) => {
    log({ msg: "listening", url: config.publicUrl, address: `${info.address}:${info.port}`, database: store.engine, demo });
    if (demo) console.log(`\n  profile-widget demo: ${config.publicUrl}\n`);
  });

  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    log({ msg: "shutting down", signal });
    // Stop accepting, let in-flight requests finish, then close the database.
    server.close(() => {
      void store.close().then(() => process.exit(0));
    });
    setTimeout(() => process.exit(1), 10_000).unref();
  };
  process.on("SIGTERM", () => shutdown("SIGTERM"));
  process.on("SIGINT", () => shutdown("SIGINT"));
}

main().catch((err: unknown) => {
  if (err instanceof ConfigError) console.error(`profile-widget: ${err.message}`);
  else console.error(`profile-widget: failed to start: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
