import { defineConfig } from "vite";

// Builds the server: dist/server/main.js for `npm run serve`, and dist/server/index.js, the
// `profile-widget/server` library entry (createApp & co.). Node ES modules; dependencies stay in node_modules.
export default defineConfig({
  publicDir: false,
  build: {
    ssr: true,
    outDir: "dist/server",
    emptyOutDir: true,
    target: "node20",
    minify: false,
    sourcemap: true,
    reportCompressedSize: false,
    rollupOptions: {
      input: { main: "server/src/main.ts", index: "server/src/index.ts" },
      output: { entryFileNames: "[name].js", chunkFileNames: "chunks/[name]-[hash].js" },
    },
  },
});
