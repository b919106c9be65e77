import { posix } from "node:path";
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

/**
 * Fetches a lazy chunk's own imports together with it. The browser learns of a chunk's static imports only once the
 * chunk itself has arrived and been parsed, so `import("./chunks/profile-flow.js")` would fetch the shared rules chunk
 * it imports one round trip later. Each dynamic import of a chunk is rewritten to start its imports (those the
 * importer has not already loaded) at the same moment: `(import("./rules.js").catch(() => {}), import("./profile-flow.js"))`.
 * The rewritten import answers the same module; a failed extra import is left to the chunk's own import to report.
 */
function parallelChunkImports(): Plugin {
  return {
    name: "parallel-chunk-imports",
    generateBundle(_, bundle) {
      const chunks = new Map(Object.values(bundle).flatMap((c) => (c.type === "chunk" ? [[c.fileName, c] as const] : [])));
      const closure = (file: string, seen = new Set<string>()): Set<string> => {
        for (const dep of chunks.get(file)?.imports ?? []) if (!seen.has(dep)) closure(dep, seen.add(dep));
        return seen;
      };
      for (const chunk of chunks.values()) {
        const loaded = closure(chunk.fileName, new Set([chunk.fileName]));
        const dir = posix.dirname(chunk.fileName);
        chunk.code = chunk.code.replace(/\bimport\(`(\.{1,2}\/[^`]+\.js)`\)/g, (call, spec: string) => {
          const target = posix.normalize(posix.join(dir, spec));
          const extra = [...closure(target)].filter((dep) => !loaded.has(dep));
          if (!chunks.has(target) || !extra.length) return call;
          const rel = (file: string) => (posix.relative(dir, file).startsWith(".") ? "" : "./") + posix.relative(dir, file);
          return `(${extra.map((dep) => `import(\`${rel(dep)}\`).catch(()=>{})`).join(",")},${call})`;
        });
      }
    },
  };
}

// Builds the widget: one ES module entry (profile-widget.js) plus hashed lazy chunks.
export default defineConfig({
  publicDir: false,
  plugins: [minifyCssLiterals(), domlessImport(), parallelChunkImports()],
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
