// Adds `.js` to the relative imports of emitted declaration files (tsc keeps them extensionless,
// as the sources are written), so consumers on `moduleResolution: node16/nodenext` get real types.
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";

const root = resolve(process.argv[2] ?? "dist/types");
const SPECIFIER = /((?:from|import)\s*\(?\s*["'])(\.{1,2}\/[^"']*)(["'])/g;

function withExtension(file, specifier) {
  if (/\.(js|mjs|cjs|json)$/.test(specifier)) return specifier;
  const base = resolve(dirname(file), specifier);
  if (existsSync(`${base}.d.ts`)) return `${specifier}.js`;
  if (existsSync(join(base, "index.d.ts"))) return `${specifier}/index.js`;
  throw new Error(`${file}: cannot resolve ${specifier}`);
}

const walk = (dir) => {
  for (const name of readdirSync(dir)) {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) walk(full);
    else if (name.endsWith(".d.ts")) {
      const text = readFileSync(full, "utf8");
      const next = text.replace(SPECIFIER, (_, head, spec, tail) => head + withExtension(full, spec) + tail);
      if (next !== text) writeFileSync(full, next);
    }
  }
};
walk(root);
