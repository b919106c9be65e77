// dist/server/main.js: runs the server program (main.cjs, beside it) and keeps V8's compiled code
// for it between runs, as Node 22's compile cache does: the first clean exit writes the code
// compiled so far to main.cjs.<key>.v8cache, and later starts read it instead of parsing and
// compiling the bundle again. The key covers the bundle's bytes, Node's version and the CPU
// architecture, so a rebuilt bundle or another Node never meets an old cache; V8 checks the rest
// and refuses a cache it cannot use, which then is simply rewritten. Nothing is written where
// the directory is read-only: start-up is then only slower.
import { createHash } from "node:crypto";
import { readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { createRequire, Module } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { Script } from "node:vm";

const dir = dirname(fileURLToPath(import.meta.url));
const filename = join(dir, "main.cjs");
const source = readFileSync(filename, "utf8");
const key = createHash("sha256")
  .update(`${process.version} ${process.arch}\n`)
  .update(source)
  .digest("base64url")
  .slice(0, 16);
const cacheName = `main.cjs.${key}.v8cache`;

let cachedData;
try {
  cachedData = readFileSync(join(dir, cacheName));
} catch {
  // none yet
}

// Node's CommonJS wrapper, on the bundle's first line so positions in stack traces stay true.
const WRAPPER = "(function (exports, require, module, __filename, __dirname) {";
const script = new Script(`${WRAPPER}${source}\n})`, { filename, cachedData, columnOffset: -WRAPPER.length });

if (!cachedData || script.cachedDataRejected) {
  process.once("exit", (code) => {
    if (code !== 0) return;
    const temporary = join(dir, `${cacheName}.${process.pid}.tmp`);
    try {
      writeFileSync(temporary, script.createCachedData());
      renameSync(temporary, join(dir, cacheName));
      for (const name of readdirSync(dir)) {
        if (name !== cacheName && /^main\.cjs\..+\.v8cache$/.test(name)) rmSync(join(dir, name), { force: true });
      }
    } catch {
      // a read-only installation or a full disk: start-up stays uncached
      rmSync(temporary, { force: true });
    }
  });
}

// Registered as Node's loader would, so the program's lazily loaded chunks that require main.cjs
// for shared code get this instance, not a second copy of the program.
const program = new Module(filename);
program.filename = filename;
const require = createRequire(filename);
program.paths = require.resolve.paths("x") ?? [];
require.cache[filename] = program;
script.runInThisContext()(program.exports, require, program, filename, dir);
program.loaded = true;
