import { execFile, spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { builtinModules } from "node:module";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freePort, makeKeys, signToken, AUDIENCE, ISSUER } from "./helpers";

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
  SECRETS_KEY: "${randomBytes(32).toString("base64")}",
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
  /** A copy of the repository's dist/ layout: dist/server built here, dist/widget a stand-in. */
  let buildRoot: string;
  let outDir: string;
  beforeAll(async () => {
    mkdirSync(join(ROOT, ".tmp"), { recursive: true });
    // Inside the repository, so the build's bare imports resolve from its node_modules like an installed package's.
    buildRoot = mkdtempSync(join(ROOT, ".tmp", "server-build-"));
    outDir = join(buildRoot, "dist/server");
    mkdirSync(join(buildRoot, "dist/widget"), { recursive: true });
    writeFileSync(join(buildRoot, "dist/widget/profile-widget.js"), "export {};\n");
    for (const mode of ["library", "program"]) {
      await run(process.execPath, [join(ROOT, "node_modules/vite/bin/vite.js"), "build", "-c", "vite.server.config.ts", "--mode", mode, "--outDir", outDir, "--logLevel", "warn"], {
        cwd: ROOT,
      });
    }
  }, 60_000);
  afterAll(() => rmSync(buildRoot, { recursive: true, force: true }));

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
    const required = new Set(
      [...readFileSync(join(outDir, "main.cjs"), "utf8").matchAll(/require\("([^".][^"]*)"\)/g)]
        .map((m) => m[1]!)
        .filter((name) => !name.startsWith("node:") && !builtinModules.includes(name))
        // Ajv's code generator writes these into the text of standalone validators, which the server never makes.
        .filter((name) => !/^ajv(-formats)?\/dist\/(runtime\/|formats$)/.test(name)),
    );
    expect([...required].sort()).toEqual(["@simplewebauthn/server", "better-sqlite3", "nodemailer", "pg", "qrcode"]);
    // The declarations: `types` points at a short entry the types build writes into its outDir.
    const tsconfig = JSON.parse(readFileSync(join(ROOT, "tsconfig.types.json"), "utf8")) as {
      compilerOptions: { outDir: string; rootDir: string };
      include: string[];
    };
    expect(tsconfig.include).toContain("server/src/index.ts");
    expect(entry?.types).toBe(`./${join(tsconfig.compilerOptions.outDir, "server.d.ts")}`);
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

  it("runs as a program that keeps its compiled code between runs, and loads its optional parts on first use", async () => {
    const keys = await makeKeys();
    const dataDir = join(buildRoot, "data");
    const env = {
      DATABASE_URL: `sqlite:${join(dataDir, "profile.db")}`,
      AUTH_PUBLIC_KEY: keys.publicPem,
      AUTH_ISSUER: ISSUER,
      AUTH_AUDIENCE: AUDIENCE,
      CORS_ORIGINS: "https://host.example.test",
      SECRETS_KEY: randomBytes(32).toString("base64"),
      LOG_LEVEL: "warn",
    };
    const caches = () => readdirSync(outDir).filter((name) => name.endsWith(".v8cache"));
    expect(caches()).toEqual([]);

    // First run: everything answers, including what is loaded on first use (the database driver,
    // the passkey library, the QR encoder, the API reference); a clean exit leaves the cache.
    let server = await startProgram(join(outDir, "main.js"), env);
    const token = await signToken(keys, { sub: "program-1", preferred_username: "ada" });
    const auth = { Authorization: `Bearer ${token}`, "Content-Type": "application/json" };
    expect((await fetch(`${server.origin}/api/profile`, { headers: auth })).status).toBe(200);
    const passkey = await fetch(`${server.origin}/api/mfa/devices`, { method: "POST", headers: auth, body: JSON.stringify({ type: "passkey" }) });
    expect(passkey.status).toBe(201);
    expect(((await passkey.json()) as { webauthn: { challenge: string } }).webauthn.challenge).toEqual(expect.any(String));
    const totp = await fetch(`${server.origin}/api/mfa/devices`, { method: "POST", headers: auth, body: JSON.stringify({ type: "totp" }) });
    expect(((await totp.json()) as { totp: { qrSvg: string } }).totp.qrSvg).toMatch(/^<svg/);
    expect(((await (await fetch(`${server.origin}/openapi.json`)).json()) as { openapi: string }).openapi).toMatch(/^3\.1\./);
    expect(await stopProgram(server.child)).toBe(0);
    expect(caches()).toHaveLength(1);
    const cache = join(outDir, caches()[0]!);
    const written = statSync(cache).mtimeMs;

    // Second run: V8 takes the cache, so it is left as it was.
    server = await startProgram(join(outDir, "main.js"), env);
    expect((await fetch(`${server.origin}/api/profile`, { headers: auth })).status).toBe(200);
    expect(await stopProgram(server.child)).toBe(0);
    expect(statSync(cache).mtimeMs).toBe(written);

    // A damaged cache is refused by V8: the program runs as if there were none and replaces it.
    writeFileSync(cache, randomBytes(4096));
    server = await startProgram(join(outDir, "main.js"), env);
    expect((await fetch(`${server.origin}/api/profile`, { headers: auth })).status).toBe(200);
    expect(await stopProgram(server.child)).toBe(0);
    expect(caches()).toEqual([caches()[0]]);
    expect(statSync(cache).size).toBeGreaterThan(100_000);
  }, 60_000);
});


async function startProgram(main: string, env: Record<string, string>): Promise<{ origin: string; child: ChildProcess }> {
  const port = await freePort();
  const origin = `http://127.0.0.1:${port}`;
  const child = spawn(process.execPath, [main], {
    env: { ...process.env, ...env, PORT: String(port), HOST: "127.0.0.1", PUBLIC_URL: origin },
    stdio: ["ignore", "ignore", "pipe"],
  });
  let stderr = "";
  child.stderr!.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  for (const started = Date.now(); Date.now() - started < 15_000; ) {
    if (child.exitCode !== null) throw new Error(`the program exited with ${child.exitCode}: ${stderr}`);
    try {
      if ((await fetch(`${origin}/readyz`)).ok) return { origin, child };
    } catch {
      // not listening yet
    }
    await new Promise((ok) => setTimeout(ok, 20));
  }
  child.kill("SIGKILL");
  throw new Error(`the program did not become ready: ${stderr}`);
}

function stopProgram(child: ChildProcess): Promise<number | null> {
  child.kill("SIGTERM");
  return new Promise((ok) => child.once("exit", (code) => ok(code)));
}
