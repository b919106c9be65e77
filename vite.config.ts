import { defineConfig, type Plugin } from "vite";

/** Minifies the text of css`` literals without expressions (the widget's stylesheets); the JS minifier leaves template text as is. */
function minifyCssLiterals(): Plugin {
  return {
    name: "minify-css-literals",
    transform(code, id) {
      if (!id.endsWith(".styles.ts")) return null;
      return code.replace(/\bcss`([^`$]*)`/g, (_, text: string) => {
        const min = text
          .replace(/\/\*[\s\S]*?\*\//g, "")
          .replace(/\s+/g, " ")
          .replace(/ ?([{};,>]) ?/g, "$1")
          .replace(/: /g, ":")
          .replace(/;}/g, "}")
          .trim();
        return `css\`${min}\``;
      });
    },
  };
}

// Builds the widget: one ES module entry (profile-widget.js) plus hashed lazy chunks.
export default defineConfig({
  publicDir: false,
  plugins: [minifyCssLiterals()],
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
      // Code shared by the entry and a lazy chunk stays in the entry (which is always loaded first), rather than
      // going to a common chunk that the profile flow would have to fetch as a second file.
      preserveEntrySignatures: "allow-extension",
      // Vite leaves ES library output unminified by default (to keep annotations); this bundle is shipped as is.
      output: { chunkFileNames: "chunks/[name]-[hash].js", minify: true },
    },
  },
});
