import { defineConfig, type UserConfig } from "vite";

/**
 * Builds the server in two passes (`--mode library`, then `--mode program`):
 * - dist/server/index.js, the `profile-widget/server` library entry (createApp & co.): its
 *   dependencies stay in node_modules, so a host app shares its own copies of hono and kysely;
 * - dist/server/main.js, the program `npm start` / `npm run serve` runs: pure-JavaScript
 *   dependencies bundled in, so start-up reads a few files instead of hundreds of modules.
 *   Native, optional or worker-spawning packages stay external and load when first needed.
 */
const RUNTIME_EXTERNAL = ["better-sqlite3", "pg", "nodemailer", "qrcode", "@simplewebauthn/server"];

export default defineConfig(({ mode }): UserConfig => {
  const program = mode === "program";
  const input: Record<string, string> = program ? { main: "server/src/main.ts" } : { index: "server/src/index.ts" };
  return {
    publicDir: false,
    ssr: program ? { noExternal: true, external: RUNTIME_EXTERNAL } : {},
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
        output: {
          entryFileNames: "[name].js",
          chunkFileNames: program ? "program/[name]-[hash].js" : "chunks/[name]-[hash].js",
        },
      },
    },
  };
});
