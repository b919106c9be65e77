import { defineConfig } from "vite";

// Builds the server for `npm run serve`: one Node ES module; dependencies stay in node_modules.
export default defineConfig({
  publicDir: false,
  build: {
    ssr: "server/src/main.ts",
    outDir: "dist/server",
    emptyOutDir: true,
    target: "node20",
    minify: false,
    sourcemap: true,
    reportCompressedSize: false,
    rollupOptions: { output: { entryFileNames: "main.js" } },
  },
});
