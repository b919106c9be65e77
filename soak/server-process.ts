import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { createServer } from "node:net";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { exportSPKI, generateKeyPair, SignJWT } from "jose";

/** The repository root: the server is run from here, as `npm run serve` would. */
export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");
export const ISSUER = "https://id.soak.test";
export const AUDIENCE = "profile-widget-soak";

/** The harness's own identity provider: one ES256 key; the server gets the public half as AUTH_PUBLIC_KEY. */
export async function createIdentity() {
  const { privateKey, publicKey } = await generateKeyPair("ES256", { extractable: true });
  const publicPem = await exportSPKI(publicKey);
  return {
    publicPem,
    /** A fresh session token for `username` (subject `soak|username`), signed in just now. */
    async token(username: string, claims: Record<string, unknown> = {}): Promise<string> {
      const now = Math.floor(Date.now() / 1000);
      return new SignJWT({ preferred_username: username, auth_time: now, ...claims })
        .setProtectedHeader({ alg: "ES256", typ: "JWT" })
        .setIssuer(ISSUER)
        .setAudience(AUDIENCE)
        .setSubject(`soak|${username}`)
        .setIssuedAt(now)
        .setExpirationTime(now + 15 * 60)
        .sign(privateKey);
    },
  };
}
export type Identity = Awaited<ReturnType<typeof createIdentity>>;

/** The environment of a production-mode server (`npm run serve`) trusting `identity`. */
export function serverEnv(identity: Identity, env: Record<string, string>): Record<string, string> {
  return {
    PORT: "0",
    HOST: "127.0.0.1",
    AUTH_PUBLIC_KEY: identity.publicPem,
    AUTH_ISSUER: ISSUER,
    AUTH_AUDIENCE: AUDIENCE,
    SECRETS_KEY: randomBytes(32).toString("base64"),
    SMS_OTP_ENABLED: "false",
    EMAIL_OTP_ENABLED: "false",
    ...env,
  };
}

/** A port nothing listens on right now (for servers that can't be told to take port 0). */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const address = server.address();
  await new Promise<void>((r) => server.close(() => r()));
  if (!address || typeof address === "string") throw new Error("no port");
  return address.port;
}

/**
 * main.ts refuses to start without the built widget (`npm run serve` builds first). On a fresh
 * checkout, build it once; parallel test files wait for whichever of them builds.
 */
export async function ensureWidgetBuilt(): Promise<void> {
  const bundle = join(ROOT, "dist/widget/profile-widget.js");
  if (existsSync(bundle)) return;
  const lock = join(ROOT, "dist/.widget-build-lock");
  mkdirSync(join(ROOT, "dist"), { recursive: true });
  const deadline = Date.now() + 180_000;
  while (Date.now() < deadline) {
    if (existsSync(bundle)) return;
    try {
      mkdirSync(lock);
    } catch {
      // Someone else is building; a lock older than 3 minutes was left by a dead process.
      if (existsSync(lock) && Date.now() - statSync(lock).mtimeMs > 180_000) rmSync(lock, { recursive: true, force: true });
      await new Promise((r) => setTimeout(r, 250));
      continue;
    }
    try {
      if (!existsSync(bundle)) {
        const built = spawnSync(process.execPath, [join(ROOT, "node_modules/vite/bin/vite.js"), "build"], {
          cwd: ROOT,
          encoding: "utf8",
        });
        if (built.status !== 0) throw new Error(`vite build failed:\n${built.stdout}\n${built.stderr}`);
      }
      return;
    } finally {
      rmSync(lock, { recursive: true, force: true });
    }
  }
  throw new Error("timed out waiting for the widget build");
}

export interface LogLine {
  level?: string;
  msg?: string;
  [key: string]: unknown;
}

export interface ServerProcess {
  child: ChildProcess;
  pid: number;
  url: string;
  /** Every stdout line, parsed (a line that isn't JSON is kept as `{ msg: "<not json>", raw }`). */
  logs: LogLine[];
  /** Raw stdout and stderr text, for grepping. */
  output(): string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Resident memory of the process in KiB (Linux /proc), undefined elsewhere. */
  rssKiB(): number | undefined;
  /** Sends `signal` and waits for the exit (SIGKILL after `graceMs`). */
  stop(signal?: NodeJS.Signals, graceMs?: number): Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** Polls `server`'s /readyz every `intervalMs` until it answers 200 or `timeoutMs` passes; returns the last status. */
export async function waitForReady(server: Pick<ServerProcess, "url">, timeoutMs: number, intervalMs = 200): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  let status = 0;
  while (Date.now() < deadline && status !== 200) {
    status = (await fetch(`${server.url}/readyz`)).status;
    if (status !== 200) await new Promise((r) => setTimeout(r, intervalMs));
  }
  return status;
}

const running = new Set<ChildProcess>();
// A harness that dies must not leave servers behind.
process.once("exit", () => {
  for (const child of running) child.kill("SIGKILL");
});

/** Starts `node --import tsx server/src/main.ts` with exactly `env` (plus PATH) and waits until it listens. */
export async function startServer(
  env: Record<string, string>,
  options: { args?: string[]; timeoutMs?: number } = {},
): Promise<ServerProcess> {
  await ensureWidgetBuilt();
  const child = spawn(process.execPath, ["--import", "tsx", "server/src/main.ts", ...(options.args ?? [])], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? "/usr/bin:/bin", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  running.add(child);
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((r) =>
    child.once("exit", (code, signal) => {
      running.delete(child);
      r({ code, signal });
    }),
  );
  const logs: LogLine[] = [];
  let out = "";
  let err = "";
  let pending = "";
  let onListening: ((address: string) => void) | undefined;
  child.stdout!.setEncoding("utf8").on("data", (chunk: string) => {
    out += chunk;
    pending += chunk;
    let newline;
    while ((newline = pending.indexOf("\n")) >= 0) {
      const line = pending.slice(0, newline);
      pending = pending.slice(newline + 1);
      if (!line.trim()) continue;
      let entry: LogLine;
      try {
        entry = JSON.parse(line) as LogLine;
      } catch {
        entry = { msg: "<not json>", raw: line };
      }
      logs.push(entry);
      if (entry.msg === "listening" && typeof entry.address === "string") onListening?.(entry.address);
    }
  });
  child.stderr!.setEncoding("utf8").on("data", (chunk: string) => {
    err += chunk;
  });

  const timeoutMs = options.timeoutMs ?? 30_000;
  const address = await new Promise<string>((resolveAddress, reject) => {
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`server did not start within ${timeoutMs} ms\n${out}\n${err}`));
    }, timeoutMs);
    onListening = (a) => {
      clearTimeout(timer);
      resolveAddress(a);
    };
    void exited.then(({ code, signal }) => {
      clearTimeout(timer);
      reject(new Error(`server exited before listening (code ${code}, signal ${signal})\n${out}\n${err}`));
    });
  });
  const port = Number(address.slice(address.lastIndexOf(":") + 1));
  const pid = child.pid!;
  return {
    child,
    pid,
    url: `http://127.0.0.1:${port}`,
    logs,
    output: () => `${out}\n${err}`,
    exited,
    rssKiB() {
      try {
        const status = readFileSync(`/proc/${pid}/status`, "utf8");
        const kb = /VmRSS:\s+(\d+) kB/.exec(status)?.[1];
        return kb ? Number(kb) : undefined;
      } catch {
        return undefined;
      }
    },
    async stop(signal = "SIGTERM", graceMs = 15_000) {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill(signal);
        const timer = setTimeout(() => child.kill("SIGKILL"), graceMs);
        const result = await exited;
        clearTimeout(timer);
        return result;
      }
      return exited;
    },
  };
}
