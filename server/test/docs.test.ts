// The documentation: README.md and docs/*.md link only to files and headings that exist, and the
// tables generated from the element's manifest (docs/theming.md) say what the manifest says.
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { analyzeManifest, profileWidget, ROOT, THEMING_PAGE, themingTables, withGenerated, type Manifest } from "../../docs/theming-tables";

const PAGES = ["README.md", ...readdirSync(join(ROOT, "docs")).filter((f) => f.endsWith(".md")).sort().map((f) => `docs/${f}`)];
const read = (page: string) => readFileSync(join(ROOT, page), "utf8");

/** The lines outside fenced code blocks (a link in code is no link). */
function prose(markdown: string): string[] {
  const lines: string[] = [];
  let fence: string | null = null;
  for (const line of markdown.split("\n")) {
    const marker = /^\s*(`{3,}|~{3,})/.exec(line)?.[1];
    if (marker && (fence === null || marker.startsWith(fence))) {
      fence = fence === null ? marker : null;
      continue;
    }
    if (fence === null) lines.push(line);
  }
  return lines;
}

/** A heading's anchor as GitHub makes it: the text, lower case, punctuation dropped, spaces to '-'. */
function githubSlug(heading: string): string {
  const text = heading
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, "$1") // [text](url) → text
    .replace(/<[^>]+>/g, "") // inline HTML
    .replace(/`/g, "");
  return text
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{M}\p{N}\p{Pc}\- ]/gu, "")
    .replace(/ /g, "-");
}

/** Every anchor a page has: one per heading, with `-1`, `-2`… for repeated ones, as GitHub numbers them. */
function anchors(markdown: string): Set<string> {
  const seen = new Map<string, number>();
  const out = new Set<string>();
  for (const line of prose(markdown)) {
    const heading = /^#{1,6}\s+(.+?)\s*#*\s*$/.exec(line)?.[1];
    if (heading === undefined) continue;
    const slug = githubSlug(heading);
    const count = seen.get(slug) ?? 0;
    seen.set(slug, count + 1);
    out.add(count === 0 ? slug : `${slug}-${count}`);
  }
  return out;
}

/** The relative link targets of a page: `[x](path)`, `[x](path#anchor)`, `[x](#anchor)`. */
function relativeLinks(markdown: string): string[] {
  const targets: string[] = [];
  for (const line of prose(markdown)) {
    const text = line.replace(/(`+)[^`]*?\1/g, "");
    for (const match of text.matchAll(/\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g)) {
      const target = match[1]!;
      if (!/^[a-z][a-z0-9+.-]*:/i.test(target)) targets.push(target);
    }
  }
  return targets;
}

/** The links of `page` (a path from the repository root) that lead nowhere, each with the reason. */
function brokenLinks(page: string, markdown: string, readPage: (path: string) => string | undefined): string[] {
  const broken: string[] = [];
  for (const target of relativeLinks(markdown)) {
    const hash = target.indexOf("#");
    const path = hash < 0 ? target : target.slice(0, hash);
    const anchor = hash < 0 ? undefined : decodeURIComponent(target.slice(hash + 1));
    const file = path === "" ? page : relative(ROOT, resolve(ROOT, dirname(page), decodeURIComponent(path)));
    if (file.startsWith("..")) {
      broken.push(`${target}: outside the repository`);
      continue;
    }
    const content = path === "" ? markdown : readPage(file);
    if (content === undefined) {
      broken.push(`${target}: no such file`);
      continue;
    }
    if (anchor === undefined) continue;
    if (!file.endsWith(".md")) broken.push(`${target}: an anchor into a file that is not Markdown`);
    else if (!anchors(content).has(anchor)) broken.push(`${target}: no heading #${anchor} in ${file}`);
  }
  return broken;
}

/** What a link's target holds: a file's text, "" for a folder, undefined when there is nothing. */
function fromDisk(path: string): string | undefined {
  const full = join(ROOT, path);
  if (!existsSync(full)) return undefined;
  return statSync(full).isDirectory() ? "" : readFileSync(full, "utf8");
}

describe("links in README.md and docs/", () => {
  it("finds the pages", () => {
    expect(PAGES).toContain("README.md");
    expect(PAGES.length).toBeGreaterThan(5);
  });

  it.each(PAGES)("%s: every relative link reaches a file, and its #anchor a heading there", (page) => {
    expect(brokenLinks(page, read(page), fromDisk)).toEqual([]);
  });

  it("makes anchors the way GitHub does", () => {
    expect(githubSlug("The reference: `/docs` and `/openapi.json`")).toBe("the-reference-docs-and-openapijson");
    expect(githubSlug("Ory (Ory Network, or self-hosted Kratos + Hydra)")).toBe("ory-ory-network-or-self-hosted-kratos--hydra");
    expect(githubSlug("Strict Content-Security-Policy")).toBe("strict-content-security-policy");
    expect(githubSlug("AUTH_TOKEN_TYPES and `typ`")).toBe("auth_token_types-and-typ");
    expect([...anchors("# A\n## Setup\n```\n## Not a heading\n```\n## Setup\n")]).toEqual(["a", "setup", "setup-1"]);
  });

  it("reports a missing file, a missing heading and an anchor into a page that lacks it", () => {
    const files: Record<string, string> = { "docs/a.md": "# A\n\n## Two words\n", "docs/b.md": "# B\n" };
    const page = [
      "# B",
      "[ok](a.md) [ok](a.md#two-words) [ok](#b) [ok](../README.md) [web](https://example.com/x.md#nowhere)",
      "[gone](c.md) [wrong](a.md#three-words) [self](#nowhere) `[in code](nowhere.md)`",
      "```",
      "[in a block](nowhere.md)",
      "```",
    ].join("\n");
    const readPage = (path: string) => (path === "README.md" ? "# README\n" : files[path]);
    expect(brokenLinks("docs/b.md", page, readPage)).toEqual([
      "c.md: no such file",
      "a.md#three-words: no heading #three-words in docs/a.md",
      "#nowhere: no heading #nowhere in docs/b.md",
    ]);
  });
});

describe("the pages", () => {
  it("README.md starts with the two commands", () => {
    const block = /```\w*\n([\s\S]*?)```/.exec(read("README.md"))?.[1] ?? "";
    expect(block).toMatch(/^npm install && npm start\b/m);
    expect(block).toMatch(/^npm test\b/m);
  });

  it.each(PAGES.filter((p) => p.startsWith("docs/")))("%s opens with a title and a one-line summary linking back to the README", (page) => {
    const [title, blank, summary] = read(page).split("\n");
    expect(title).toMatch(/^# \S/);
    expect(blank).toBe("");
    expect(summary).toContain("](../README.md)");
  });

  it("the bench report lives in docs/performance.md, not in README.md", () => {
    expect(read("docs/performance.md")).toMatch(/<!-- bench:start -->[\s\S]+<!-- bench:end -->/);
    expect(read("README.md")).not.toContain("<!-- bench:");
  });
});

describe("tables generated from custom-elements.json", () => {
  let manifest: Manifest;
  beforeAll(async () => {
    manifest = await analyzeManifest();
  });

  it("docs/theming.md lists the custom properties and parts the manifest lists (npm run docs rewrites them)", () => {
    const page = readFileSync(THEMING_PAGE, "utf8");
    expect(withGenerated(page, themingTables(manifest))).toBe(page);
    const element = profileWidget(manifest);
    for (const { name } of [...(element.cssProperties ?? []), ...(element.cssParts ?? [])]) expect(page).toContain(`| \`${name}\` |`);
    expect(element.cssProperties?.length).toBeGreaterThan(10);
    expect(element.cssParts?.length).toBeGreaterThan(20);
  });

  it("docs/embedding.md documents every attribute and event the manifest lists", () => {
    const page = read("docs/embedding.md");
    const element = profileWidget(manifest);
    const names = [...(element.attributes ?? []), ...(element.events ?? [])].map((x) => x.name);
    expect(names.length).toBeGreaterThan(5);
    expect(names.filter((name) => !page.includes(`| \`${name}\` |`))).toEqual([]);
  });
});
