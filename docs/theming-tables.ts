// `npm run docs`: writes the custom-property and part tables of docs/theming.md from the element's
// manifest (custom-elements.json, generated from its JSDoc the way `npm run manifest` does), between
// the page's `<!-- theming:properties:start/end -->` and `<!-- theming:parts:start/end -->` markers.
// server/test/docs.test.ts fails when the page and the manifest disagree.
import { execFile } from "node:child_process";
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { dirname, join, relative } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { promisify } from "node:util";

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");
export const THEMING_PAGE = join(ROOT, "docs/theming.md");

interface Documented {
  name: string;
  description?: string;
}
export interface ElementDeclaration {
  tagName?: string;
  attributes?: Documented[];
  events?: Documented[];
  cssParts?: Documented[];
  cssProperties?: Documented[];
}
export interface Manifest {
  modules: Array<{ declarations?: ElementDeclaration[] }>;
}

/**
 * The manifest as `npm run manifest` makes it (same config file), written to a scratch folder under
 * .tmp/ rather than dist/: the analyzer takes --outdir relative to the working directory.
 */
export async function analyzeManifest(): Promise<Manifest> {
  await mkdir(join(ROOT, ".tmp"), { recursive: true });
  const outDir = await mkdtemp(join(ROOT, ".tmp", "cem-docs-"));
  try {
    const cli = join(dirname(createRequire(import.meta.url).resolve("@custom-elements-manifest/analyzer/package.json")), "cem.js");
    await promisify(execFile)(process.execPath, [cli, "analyze", "--outdir", relative(ROOT, outDir)], { cwd: ROOT });
    return JSON.parse(await readFile(join(outDir, "custom-elements.json"), "utf8")) as Manifest;
  } finally {
    await rm(outDir, { recursive: true, force: true });
  }
}

export function profileWidget(manifest: Manifest): ElementDeclaration {
  const element = manifest.modules.flatMap((m) => m.declarations ?? []).find((d) => d.tagName === "profile-widget");
  if (!element) throw new Error("custom-elements.json has no <profile-widget>");
  return element;
}

/**
 * A table cell from a JSDoc description: its first sentence (the analyzer appends any paragraph that
 * follows a tag to that tag's description), without the final full stop.
 */
function cell(description = ""): string {
  const first = description.split(/(?<=\.)\s+(?=[A-Z])/)[0] ?? "";
  return first.replace(/\.$/, "").replace(/\|/g, "\\|").replace(/\s+/g, " ").trim();
}

function table(header: [string, string], rows: Documented[]): string {
  return [`| ${header[0]} | ${header[1]} |`, "|---|---|", ...rows.map((row) => `| \`${row.name}\` | ${cell(row.description)} |`)].join("\n");
}

/** The generated blocks of docs/theming.md, by marker name. */
export function themingTables(manifest: Manifest): Record<string, string> {
  const element = profileWidget(manifest);
  return {
    "theming:properties": table(["custom property", "what it sets, and its default (light / dark)"], element.cssProperties ?? []),
    "theming:parts": table(["part", "is"], element.cssParts ?? []),
  };
}

/** `page` with the text between each block's `<!-- name:start -->` and `<!-- name:end -->` replaced. */
export function withGenerated(page: string, blocks: Record<string, string>): string {
  let out = page;
  for (const [name, content] of Object.entries(blocks)) {
    const start = `<!-- ${name}:start -->`;
    const end = `<!-- ${name}:end -->`;
    const from = out.indexOf(start);
    const to = out.indexOf(end);
    if (from < 0 || to < from) throw new Error(`missing markers ${start} … ${end}`);
    out = `${out.slice(0, from + start.length)}\n${content}\n${out.slice(to)}`;
  }
  return out;
}

async function main() {
  const page = await readFile(THEMING_PAGE, "utf8");
  const next = withGenerated(page, themingTables(await analyzeManifest()));
  if (next !== page) await writeFile(THEMING_PAGE, next);
  process.stdout.write(`${relative(ROOT, THEMING_PAGE)}: ${next === page ? "up to date" : "tables rewritten"}\n`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((err: unknown) => {
    console.error(err);
    process.exit(1);
  });
}
