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

/**
 * Lets the built widget be imported where there is no DOM (Node, server-side rendering): Lit's browser build
 * extends `HTMLElement` and reads `document` as it loads. These three rewrites make those reads conditional
 * (a few bytes, no shim); the element itself is only defined where `customElements` exists. Each must match
 * exactly once, so a Lit release that changes this code fails the build instead of shipping a module that throws.
 */
function domlessImport(): Plugin {
  const rewrites: Array<[file: RegExp, from: RegExp, to: string]> = [
    [/lit-html\/lit-html\.js$/, /=document,/g, "=globalThis.document,"],
    [/lit-html\/lit-html\.js$/, /(\w+)=(\w+)\.createTreeWalker\(\2,129\)/g, "$1=$2?.createTreeWalker($2,129)"],
    [/@lit\/reactive-element\/reactive-element\.js$/, /extends HTMLElement\{/g, "extends(globalThis.HTMLElement??class{}){"],
  ];
  return {
    name: "domless-import",
    transform(code, id) {
      const own = rewrites.filter(([file]) => file.test(id.split("?")[0]!.replaceAll("\\", "/")));
      if (!own.length) return null;
      for (const [, from, to] of own) {
        const count = code.match(from)?.length ?? 0;
        if (count !== 1) this.error(`domless-import: expected one ${from} in ${id}, found ${count}`);
        code = code.replace(from, to);
      }
      return code;
    },
  };
}

// Builds the widget: one ES module entry (profile-widget.js) plus hashed lazy chunks.
export default defineConfig({
  publicDir: false,
  plugins: [minifyCssLiterals(), domlessImport()],
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
      // The flows' strings are named apart from the widget's (chunks/de-….js, chunks/devices-de-….js, chunks/verify-de-….js,
      // chunks/activity-de-….js).
      output: {
        chunkFileNames: (chunk) =>
          chunk.facadeModuleId?.includes("/i18n/devices/")
            ? "chunks/devices-[name]-[hash].js"
            : chunk.facadeModuleId?.includes("/i18n/verify/")
              ? "chunks/verify-[name]-[hash].js"
              : chunk.facadeModuleId?.includes("/i18n/activity/")
                ? "chunks/activity-[name]-[hash].js"
                : // What the devices and the activity screens share (screens/screen.ts, its styles, the icons).
                  chunk.moduleIds.some((id) => id.endsWith("/screens/screen.ts"))
                  ? "chunks/screens-[hash].js"
                  : "chunks/[name]-[hash].js",
        minify: true,
      },
    },
  },
});
