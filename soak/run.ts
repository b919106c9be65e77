/**
 * `npm run soak`: the long versions of what `npm test` runs briefly, against the real server.
 *   1. crash cycles (SIGKILL under write load, restart, check) on SQLite and PostgreSQL;
 *   2. a sustained mixed load per engine: requests, errors, latency, memory before and after;
 *   3. the property-based fuzz suite with many more runs.
 * PostgreSQL is used when TEST_DATABASE_URL is set. Knobs: SOAK_SECONDS (per engine, default 120),
 * SOAK_CRASH_CYCLES (per engine, default 25), SOAK_FUZZ_RUNS (per endpoint, default 1000; 0 skips).
 */
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { runCrashCycles, type CrashReport } from "./crash";
import { postgresDatabase, sqliteDatabase, type TestDatabase } from "./databases";
import { ROOT } from "./server-process";
import { runSustainedLoad, type SoakReport } from "./sustained";

const seconds = Number(process.env.SOAK_SECONDS ?? 120);
const cycles = Number(process.env.SOAK_CRASH_CYCLES ?? 25);
const fuzzRuns = Number(process.env.SOAK_FUZZ_RUNS ?? 1000);
const engines: Array<"sqlite" | "postgres"> = process.env.TEST_DATABASE_URL ? ["sqlite", "postgres"] : ["sqlite"];

const say = (line: string) => process.stdout.write(`${line}\n`);
const database = (engine: "sqlite" | "postgres"): Promise<TestDatabase> | TestDatabase =>
  engine === "sqlite" ? sqliteDatabase() : postgresDatabase(process.env.TEST_DATABASE_URL!);

async function main() {
  const started = Date.now();
  const crash: CrashReport[] = [];
  const soak: SoakReport[] = [];
  if (!process.env.TEST_DATABASE_URL) say("soak: TEST_DATABASE_URL is not set, so PostgreSQL is skipped");

  for (const engine of engines) {
    const db = await database(engine);
    try {
      say(`soak: ${cycles} crash cycles on ${engine}…`);
      const report = await runCrashCycles({
        database: db,
        cycles,
        killAfterMs: [100, 3000],
        onCycle: (n, r) => say(`  cycle ${n}/${cycles}: ${r.acknowledgedWrites} acknowledged writes checked, ${r.violations.length} violations`),
      });
      crash.push(report);
    } finally {
      await db.drop();
    }
  }

  for (const engine of engines) {
    const db = await database(engine);
    try {
      say(`soak: ${seconds} s of sustained load on ${engine}…`);
      soak.push(await runSustainedLoad({ database: db, seconds }));
    } finally {
      await db.drop();
    }
  }

  let fuzz: { runsPerEndpoint: number; exitCode: number | null } | undefined;
  if (fuzzRuns > 0) {
    say(`soak: fuzzing every write endpoint, ${fuzzRuns} runs each per engine…`);
    const result = spawnSync(process.execPath, [join(ROOT, "node_modules/vitest/vitest.mjs"), "run", "server/test/fuzz.test.ts"], {
      cwd: ROOT,
      env: { FUZZ_SEED: "random", ...process.env, FUZZ_RUNS: String(fuzzRuns) },
      stdio: "inherit",
    });
    fuzz = { runsPerEndpoint: fuzzRuns, exitCode: result.status };
  }

  say("\n| engine | crash cycles | acknowledged writes checked | in flight at kill | violations |");
  say("|---|---|---|---|---|");
  for (const r of crash) say(`| ${r.engine} | ${r.cycles} | ${r.acknowledgedWrites} | ${r.unansweredWrites} | ${r.violations.length} |`);
  say("\n| engine | seconds | requests | errors (5xx, no answer) | read p50 / p99 ms | RSS after warm-up → end (max), MiB | SIGTERM exit | violations |");
  say("|---|---|---|---|---|---|---|---|");
  const mib = (k: number | undefined) => (k === undefined ? "?" : (k / 1024).toFixed(1));
  for (const r of soak) {
    say(
      `| ${r.engine} | ${r.seconds} | ${r.requests} | ${r.errors} | ${r.readLatencyMs.p50} / ${r.readLatencyMs.p99} | ` +
        `${mib(r.rssKiB.afterWarmup)} → ${mib(r.rssKiB.atEnd)} (${mib(r.rssKiB.max)}) | ${r.sigtermExit.code} | ${r.violations.length} |`,
    );
  }
  if (fuzz) say(`\nfuzz: ${fuzz.runsPerEndpoint} runs per endpoint and engine, vitest exit code ${fuzz.exitCode}`);
  const violations = [...crash.flatMap((r) => r.violations), ...soak.flatMap((r) => r.violations)];
  for (const v of violations) say(`VIOLATION ${v}`);
  say(`\nsoak: ${Math.round((Date.now() - started) / 1000)} s in all`);
  say(JSON.stringify({ crash: crash.map(({ stats: _s, killedAfterMs: _k, ...r }) => r), soak, fuzz }, null, 2));
  const failed = violations.length > 0 || soak.some((r) => r.errors > 0) || (fuzz !== undefined && fuzz.exitCode !== 0);
  process.exit(failed ? 1 : 0);
}

main().catch((err: unknown) => {
  console.error(`soak: ${err instanceof Error ? err.stack : String(err)}`);
  process.exit(1);
});
