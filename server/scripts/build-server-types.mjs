// Emits the declarations of `profile-widget/server` (server/src/index.ts) into dist/types/server.
import { execFileSync } from "node:child_process";
import { rmSync } from "node:fs";
import { createRequire } from "node:module";

const out = "dist/types/server";
rmSync(out, { recursive: true, force: true });
const tsc = createRequire(import.meta.url).resolve("typescript/bin/tsc");
execFileSync(process.execPath, [tsc, "-p", "tsconfig.server-types.json", "--outDir", out], { stdio: "inherit" });
execFileSync(process.execPath, [new URL("./dts-extensions.mjs", import.meta.url).pathname, out], { stdio: "inherit" });
