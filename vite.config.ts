import { defineConfig } from "vite";

// Builds the widget: one ES module entry (profile-widget.js) plus hashed lazy chunks.
export default defineConfig({
  publicDir: false,
  build: {
    outDir: "dist/widget",
    emptyOutDir: true,
    target: "es2022",
    minify: true,
    sourcemap: false,
    reportCompressedSize: false,
    lib: {
      entry: "widget/src/profile-widget.ts",
      formats: ["es"],
      fileName: () => "profile-widget.js",
    },
    rollupOptions: {
      output: { chunkFileNames: "chunks/[name]-[hash].js" },
    },
  },
});
