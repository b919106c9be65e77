// Emits the published declarations into dist/types (tsconfig.types.json), then the two short entries
// package.json points at: dist/types/widget.d.ts and dist/types/server.d.ts.
import { execFileSync } from "node:child_process";
import { rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";

const out = "dist/types";
rmSync(out, { recursive: true, force: true });
const tsc = createRequire(import.meta.url).resolve("typescript/bin/tsc");
execFileSync(process.execPath, [tsc, "-p", "tsconfig.types.json"], { stdio: "inherit" });
execFileSync(process.execPath, [new URL("./dts-extensions.mjs", import.meta.url).pathname, out], { stdio: "inherit" });
writeFileSync(`${out}/widget.d.ts`, 'export * from "./widget/src/profile-widget.js";\n');
writeFileSync(`${out}/server.d.ts`, 'export * from "./server/src/index.js";\n');
