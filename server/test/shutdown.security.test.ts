import { execFile, spawn, type ChildProcess } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { connect } from "node:net";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createIdentity, freePort, ROOT, serverEnv, type Identity } from "../../soak/server-process";
import { LOG_BUFFER_CHARS, LogOutput } from "../src/log";

const run = promisify(execFile);
/** The Node flags `npm run serve` starts the program with. */
const SERVE_FLAGS = /\bnode((?: --\S+)*) dist\/server\/main\.js/
  .exec((JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as { scripts: { serve: string } }).scripts.serve)![1]!
  .trim()
  .split(" ")
  .filter(Boolean);
/**
 * Requests enough to fill the log pipe: each logs a line of about 170 bytes, and the socket pair
 * child_process makes holds about 100 KB here (a few hundred KB at most elsewhere).
 */
const FILL = 1500;
/** Requests answered with that pipe full: several times what it holds. */
const FLOOD = 3000;
const EXIT_BOUND_MS = 11_000;

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));
type Exit = { code: number | string | null; signal: NodeJS.Signals | null; ms: number };

/**
 * The security review's finding: SIGTERM must stop the server within its 10 s bound whatever
 * became of its stdout. The program is the built one (dist/server/main.js, as `npm run serve` runs
 * it), its output on pipes the test holds, its log lines made by ordinary requests.
 */
describe("SIGTERM whatever became of the log output", () => {
  let buildRoot: string;
  let main: string;
  let identity: Identity;
  const children = new Set<ChildProcess>();

  beforeAll(async () => {
    mkdirSync(join(ROOT, ".tmp"), { recursive: true });
    // Inside the repository, so the program's external packages resolve from its node_modules.
    buildRoot = mkdtempSync(join(ROOT, ".tmp", "shutdown-build-"));
    mkdirSync(join(buildRoot, "dist/widget"), { recursive: true });
    writeFileSync(join(buildRoot, "dist/widget/profile-widget.js"), "export {};\n");
    const outDir = join(buildRoot, "dist/server");
    await run(process.execPath, [join(ROOT, "node_modules/vite/bin/vite.js"), "build", "-c", "vite.server.config.ts", "--mode", "program", "--outDir", outDir, "--logLevel", "warn"], {
      cwd: ROOT,
    });
    main = join(outDir, "main.js");
    identity = await createIdentity();
  }, 90_000);
  afterAll(() => {
    for (const child of children) child.kill("SIGKILL");
    rmSync(buildRoot, { recursive: true, force: true });
  });

  /** Starts the program with stdout and stderr on pipes; `stdout.pause()` before it logs a line leaves stdout unread. */
  async function start(options: { unreadStdout?: boolean } = {}) {
    const port = await freePort();
    const origin = `http://127.0.0.1:${port}`;
    const child = spawn(process.execPath, [...SERVE_FLAGS, main], {
      env: { PATH: process.env.PATH ?? "/usr/bin:/bin", ...serverEnv(identity, { DATABASE_URL: `sqlite:${join(buildRoot, `${port}.db`)}`, PORT: String(port), PUBLIC_URL: origin }) },
      stdio: ["ignore", "pipe", "pipe"],
    });
    children.add(child);
    const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; at: number }>((resolve) =>
      child.once("exit", (code, signal) => {
        children.delete(child);
        resolve({ code, signal, at: Date.now() });
      }),
    );
    let stdoutBytes = 0;
    let stderr = "";
    if (options.unreadStdout) child.stdout!.pause();
    else child.stdout!.on("data", (chunk: Buffer) => (stdoutBytes += chunk.length));
    child.stderr!.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    for (const started = Date.now(); Date.now() - started < 20_000; ) {
      if (child.exitCode !== null) throw new Error(`the program exited with ${child.exitCode}: ${stderr}`);
      const ready = await fetch(`${origin}/readyz`).then((r) => r.ok, () => false);
      if (ready) break;
      await pause(20);
    }
    return {
      child,
      origin,
      stdoutBytes: () => stdoutBytes,
      /** Sends SIGTERM (then runs `whileStopping`) and gives the exit, or kills the process still running EXIT_BOUND_MS later. */
      async terminate(whileStopping?: () => Promise<void>): Promise<Exit> {
        const sent = Date.now();
        child.kill("SIGTERM");
        await whileStopping?.();
        const exit = await Promise.race([exited, pause(EXIT_BOUND_MS - (Date.now() - sent)).then(() => undefined)]);
        if (exit) return { code: exit.code, signal: exit.signal, ms: exit.at - sent };
        child.kill("SIGKILL");
        return { code: "still running 11 s after SIGTERM (killed)", signal: null, ms: Infinity };
      },
    };
  }

  /** `count` requests that each log a line (half of them refused for a bad token), 8 at a time; gives how many were answered. */
  async function traffic(origin: string, count: number): Promise<number> {
    let sent = 0;
    let answered = 0;
    await Promise.all(
      Array.from({ length: 8 }, async () => {
        while (sent < count) {
          const i = sent++;
          const res = await fetch(i % 2 ? `${origin}/api/profile` : `${origin}/healthz`, {
            headers: { Authorization: "Bearer not-a-session-token" },
            signal: AbortSignal.timeout(5000),
          }).catch(() => undefined);
          if (res && (await res.arrayBuffer().then(() => true, () => false))) answered++;
        }
      }),
    );
    return answered;
  }

  it("exits within 11 s of SIGTERM when the reader of its output has gone", async () => {
    const server = await start();
    expect(await traffic(server.origin, 200)).toBe(200);
    expect(server.stdoutBytes()).toBeGreaterThan(0);
    server.child.stdout!.destroy();
    server.child.stderr!.destroy();
    await traffic(server.origin, 50);
    const exit = await server.terminate();
    expect(exit).toMatchObject({ code: 0, signal: null });
    expect(exit.ms).toBeLessThan(EXIT_BOUND_MS);
  }, 40_000);

  it("exits within 11 s of SIGTERM when the reader stops reading and exits while the server stops", async () => {
    const server = await start({ unreadStdout: true });
    expect(await traffic(server.origin, FILL)).toBe(FILL);
    // The log lines still on their way out meet a reader that has gone.
    const exit = await server.terminate(async () => {
      await pause(300);
      server.child.stdout!.destroy();
      server.child.stderr!.destroy();
    });
    expect(exit).toMatchObject({ code: 0, signal: null });
    expect(exit.ms).toBeLessThan(EXIT_BOUND_MS);
  }, 60_000);

  it("keeps answering with its stdout pipe full and unread, and SIGTERM still stops it within 11 s", async () => {
    const server = await start({ unreadStdout: true });
    // Every request answered (each within 5 s), most of them after the pipe filled up.
    expect(await traffic(server.origin, FLOOD)).toBe(FLOOD);
    const asked = Date.now();
    const health = await fetch(`${server.origin}/healthz`, { signal: AbortSignal.timeout(5000) });
    expect(health.status).toBe(200);
    expect(Date.now() - asked).toBeLessThan(2000);
    const exit = await server.terminate();
    expect(exit).toMatchObject({ code: 0, signal: null });
    expect(exit.ms).toBeLessThan(EXIT_BOUND_MS);
  }, 60_000);

  it("keeps its 10 s bound with a request that never finishes and its stdout full and unread: exits 1 within 11 s", async () => {
    const server = await start({ unreadStdout: true });
    expect(await traffic(server.origin, FILL)).toBe(FILL);
    // Headers that never end: server.close() waits for this request until the 10 s timer gives up.
    const { port } = new URL(server.origin);
    const stuck = connect(Number(port), "127.0.0.1");
    stuck.on("error", () => {});
    await new Promise((r) => stuck.once("connect", r));
    stuck.write("GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n");
    await pause(100);
    const exit = await server.terminate();
    stuck.destroy();
    expect(exit).toMatchObject({ code: 1, signal: null });
    expect(exit.ms).toBeGreaterThanOrEqual(9_900);
    expect(exit.ms).toBeLessThan(EXIT_BOUND_MS);
  }, 60_000);
});

describe("LogOutput", () => {
  const turn = () => new Promise((r) => setImmediate(r));
  const LINE = `${"x".repeat(199)}\n`;

  it("holds at most LOG_BUFFER_CHARS while its reader is stalled, drops the lines beyond and then says how many", async () => {
    const writes: string[] = [];
    let release: (() => void) | undefined;
    const output = new LogOutput({ write: (text, done) => (writes.push(text), (release = () => done(null))), caughtUp: () => true }, -1);
    output.write(LINE);
    await turn();
    expect(writes).toEqual([LINE]); // under way, and the reader doesn't take it
    const offered = 20_000; // ~4 MB
    for (let i = 0; i < offered; i++) output.write(LINE);
    await turn();
    expect(writes).toHaveLength(1);
    release!();
    await turn();
    const held = Math.floor(LOG_BUFFER_CHARS / LINE.length);
    expect(writes[1]).toHaveLength(held * LINE.length);
    release!();
    await turn();
    expect(JSON.parse(writes[2]!)).toMatchObject({ level: "warn", dropped: offered - held, msg: expect.stringMatching(/dropped/) });
    release!();
    await output.drained(1000);
    expect(writes).toHaveLength(3);
  });

  it("stops writing, without retrying, once its output is gone (EPIPE)", async () => {
    const writes: string[] = [];
    const output = new LogOutput(
      { write: (text, done) => (writes.push(text), setImmediate(() => done(Object.assign(new Error("broken pipe"), { code: "EPIPE" })))), caughtUp: () => true },
      -1,
    );
    output.write(LINE);
    await output.drained(1000);
    for (let i = 0; i < 100; i++) output.write(LINE);
    await output.drained(1000);
    await turn();
    expect(writes).toEqual([LINE]);
  });

  it("tries a write refused for now (EAGAIN) again, losing nothing", async () => {
    const writes: string[] = [];
    let refusals = 1;
    const output = new LogOutput(
      { write: (text, done) => (writes.push(text), setImmediate(() => done(refusals-- > 0 ? Object.assign(new Error("again"), { code: "EAGAIN" }) : null))), caughtUp: () => true },
      -1,
    );
    output.write(LINE);
    await output.drained(2000);
    expect(writes).toEqual([LINE, LINE]);
  });
});
