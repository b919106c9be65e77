import { readFileSync } from "node:fs";
import { defineConfig, type Plugin, type UserConfig } from "vite";

/**
 * Builds the server in two passes (`--mode library`, then `--mode program`):
 * - dist/server/index.js, the `profile-widget/server` library entry (createApp & co.): its
 *   dependencies stay in node_modules, so a host app shares its own copies of hono and kysely;
 * - dist/server/main.js, the program `npm start` / `npm run serve` runs: a small loader
 *   (server/program/loader.mjs) for dist/server/main.cjs, which carries the pure-JavaScript
 *   dependencies in one file, so start-up reads a few files instead of hundreds of modules, and
 *   is CommonJS so V8's compiled code for it can be kept between runs (see the loader). Native,
 *   optional or worker-spawning packages stay external and load when first needed.
 */
const RUNTIME_EXTERNAL = ["better-sqlite3", "pg", "nodemailer", "qrcode", "@simplewebauthn/server"];

export default defineConfig(({ mode }): UserConfig => {
  const program = mode === "program";
  const input: Record<string, string> = program ? { main: "server/src/main.ts" } : { index: "server/src/index.ts" };
  return {
    publicDir: false,
    ssr: program ? { noExternal: true, external: RUNTIME_EXTERNAL } : {},
    plugins: program ? [programLoader()] : [],
    build: {
      ssr: true,
      outDir: "dist/server",
      emptyOutDir: !program,
      target: "node20",
      minify: false,
      sourcemap: true,
      reportCompressedSize: false,
      rollupOptions: {
        input,
        output: program
          ? {
              format: "cjs",
              entryFileNames: "[name].cjs",
              chunkFileNames: "program/[name]-[hash].cjs",
              // require() in a promise: the loader runs the bundle as a script, where import() has no loader.
              dynamicImportInCjs: false,
              // Whitespace and syntax only: names stay, so stack traces read as the source does.
              minify: { mangle: false, compress: true },
            }
          : { entryFileNames: "[name].js", chunkFileNames: "chunks/[name]-[hash].js" },
      },
    },
  };
});

/** Emits the loader as dist/server/main.js, and refuses a bundle that would still call import(). */
function programLoader(): Plugin {
  return {
    name: "profile-widget:program-loader",
    generateBundle(_options, bundle) {
      for (const chunk of Object.values(bundle)) {
        if (chunk.type === "chunk" && /\bimport\(/.test(chunk.code)) this.error(`${chunk.fileName} calls import()`);
      }
      this.emitFile({
        type: "asset",
        fileName: "main.js",
        source: readFileSync(new URL("server/program/loader.mjs", import.meta.url), "utf8"),
      });
    },
  };
}
