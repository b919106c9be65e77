// @vitest-environment node
import { execFile } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { promisify } from "node:util";
import { build } from "vite";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const run = promisify(execFile);
let outDir = "";

/** Imports `file` in a plain Node process (no DOM, no test runner) and prints what it exports. */
async function importInNode(file: string) {
  const script = `const m = await import(${JSON.stringify(pathToFileURL(file).href)});
    console.log(JSON.stringify({ exports: Object.keys(m), hasDocument: typeof document !== "undefined", hasHTMLElement: typeof HTMLElement !== "undefined" }));`;
  const { stdout } = await run(process.execPath, ["--input-type=module", "-e", script]);
  return JSON.parse(stdout) as { exports: string[]; hasDocument: boolean; hasHTMLElement: boolean };
}

describe("importing the widget where there is no DOM (server-side rendering)", () => {
  beforeAll(async () => {
    // A fresh build of the shipped bundle, so the test can never pass on a stale dist/.
    outDir = await mkdtemp(join(tmpdir(), "pw-ssr-"));
    // Vitest runs with NODE_ENV=test, which would make Vite pick Lit's development build.
    const nodeEnv = process.env.NODE_ENV;
    process.env.NODE_ENV = "production";
    try {
      await build({ configFile: "vite.config.ts", mode: "production", logLevel: "silent", build: { outDir, emptyOutDir: true } });
    } finally {
      process.env.NODE_ENV = nodeEnv;
    }
  });
  afterAll(() => rm(outDir, { recursive: true, force: true }));

  it("the built module loads in Node without throwing and leaves Node's globals alone", async () => {
    const result = await importInNode(join(outDir, "profile-widget.js"));
    expect(result.exports).toEqual(expect.arrayContaining(["ProfileWidget", "ApiError"]));
    expect(result).toMatchObject({ hasDocument: false, hasHTMLElement: false });
  });

  it("the source module loads in Node too", async () => {
    const module = await import("./profile-widget.js");
    expect(typeof module.ProfileWidget).toBe("function");
  });
});
