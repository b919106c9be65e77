import { execFile } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const run = promisify(execFile);
const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const pkg = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as {
  exports: Record<string, { types: string; import: string }>;
};

/**
 * Mounts the built library the way a host app would, in a plain Node process (no Vite, no tsx):
 * inside a parent Hono app under /account, and inside a bare node:http server under /api.
 */
const HOST_APP = `
import { createServer } from "node:http";
import { getRequestListener } from "@hono/node-server";
import { Hono } from "hono";
const lib = await import(process.env.LIBRARY_URL);
const config = lib.loadConfig({
  DATABASE_URL: "sqlite::memory:",
  AUTH_JWKS_URL: "http://127.0.0.1:9/jwks.json",
  AUTH_ISSUER: "https://id.example.test",
  AUTH_AUDIENCE: "host-app",
  PUBLIC_URL: "https://host.example.test",
});
const store = await lib.openStore(config.databaseUrl);
const api = lib.createApp({ config, store, verifySession: await lib.createSessionVerifier(config.auth) });
const out = {};

const parent = new Hono();
parent.get("/", (c) => c.text("the host app"));
parent.route("/account", api);
const hono = await parent.request("/account/api/config");
out.hono = { status: hono.status, body: await hono.json() };
out.honoHome = await (await parent.request("/")).text();
out.honoProfile = (await parent.request("/account/api/profile")).status;

const apiListener = getRequestListener(api.fetch);
const server = createServer((req, res) => (req.url.startsWith("/api/") ? apiListener(req, res) : res.end("the host app")));
await new Promise((ok) => server.listen(0, "127.0.0.1", ok));
const base = "http://127.0.0.1:" + server.address().port;
const node = await fetch(base + "/api/config");
out.node = { status: node.status, body: await node.json() };
out.nodeHome = await (await fetch(base + "/")).text();
server.close();
await store.close();
console.log(JSON.stringify(out));
`;

describe("profile-widget/server", () => {
  let outDir: string;
  beforeAll(async () => {
    mkdirSync(join(ROOT, ".tmp"), { recursive: true });
    // Inside the repository, so the build's bare imports resolve from its node_modules like an installed package's.
    outDir = mkdtempSync(join(ROOT, ".tmp", "server-build-"));
    for (const mode of ["library", "program"]) {
      await run(process.execPath, [join(ROOT, "node_modules/vite/bin/vite.js"), "build", "-c", "vite.server.config.ts", "--mode", mode, "--outDir", outDir, "--logLevel", "warn"], {
        cwd: ROOT,
      });
    }
  }, 60_000);
  afterAll(() => rmSync(outDir, { recursive: true, force: true }));

  it("is exported from package.json and built by the server build", () => {
    const entry = pkg.exports["./server"];
    expect(entry?.import).toBe("./dist/server/index.js");
    expect(existsSync(join(outDir, "index.js"))).toBe(true);
    expect(existsSync(join(outDir, "main.js"))).toBe(true);
    // The program carries its pure-JavaScript dependencies; the library leaves them to the host's node_modules.
    const bareImports = (file: string) =>
      [...readFileSync(join(outDir, file), "utf8").matchAll(/^import .* from "([^".][^"]*)";$/gm)]
        .map((m) => m[1]!)
        .filter((name) => !name.startsWith("node:"));
    expect(bareImports("main.js")).toEqual([]);
    expect(bareImports("index.js")).toEqual(expect.arrayContaining(["hono", "kysely", "jose"]));
    // The declarations land where `types` points: tsc keeps the layout under rootDir ".".
    const tsconfig = JSON.parse(readFileSync(join(ROOT, "tsconfig.server-types.json"), "utf8")) as {
      compilerOptions: { outDir: string; rootDir: string };
      include: string[];
    };
    expect(tsconfig.include).toEqual(["server/src/index.ts"]);
    expect(entry?.types).toBe(`./${join(tsconfig.compilerOptions.outDir, "server/src/index.d.ts")}`);
  });

  it("mounts inside a parent Hono app and a plain Node server, and answers GET /api/config", async () => {
    const library = pathToFileURL(join(outDir, "index.js")).href;
    const { stdout } = await run(process.execPath, ["--input-type=module", "-e", HOST_APP], {
      cwd: ROOT,
      env: { ...process.env, LIBRARY_URL: library },
      timeout: 20_000,
    });
    const out = JSON.parse(stdout.trim().split("\n").pop() as string);
    const config = { maxDevices: 5, reauthMaxAgeMinutes: 10, sessionMaxAgeMinutes: 60 };
    expect(out.hono).toMatchObject({ status: 200, body: config });
    expect(out.hono.body.methods).toMatchObject({ passkey: true });
    expect(out.honoHome).toBe("the host app");
    expect(out.honoProfile).toBe(401); // mounted with its session middleware
    expect(out.node).toMatchObject({ status: 200, body: config });
    expect(out.nodeHome).toBe("the host app");
  });

  it("exports what a host needs to wire the API", async () => {
    const library = (await import(pathToFileURL(join(outDir, "index.js")).href)) as Record<string, unknown>;
    for (const name of ["createApp", "loadConfig", "openStore", "createSessionVerifier", "smtpNotifier", "smsWebhookNotifier", "createOpenApiDocument"]) {
      expect(typeof library[name], name).toBe("function");
    }
  });
});
