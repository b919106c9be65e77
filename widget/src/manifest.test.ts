// @vitest-environment node
import { execFile } from "node:child_process";
import { mkdir, mkdtemp, readFile, rm } from "node:fs/promises";
import { createRequire } from "node:module";
import { dirname, join, relative } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

interface Named {
  name: string;
}
interface Manifest {
  modules: Array<{
    declarations?: Array<{ tagName?: string; attributes?: Named[]; events?: Named[]; cssParts?: Named[]; cssProperties?: Named[] }>;
  }>;
}

let outDir = "";
let element: NonNullable<Manifest["modules"][number]["declarations"]>[number];

describe("custom-elements.json", () => {
  beforeAll(async () => {
    // Generated the way `npm run manifest` does (same config file), into a scratch folder; the analyzer takes
    // --outdir relative to the working directory, hence one under .tmp/.
    await mkdir(".tmp", { recursive: true });
    outDir = relative(process.cwd(), await mkdtemp(join(".tmp", "cem-")));
    const cli = join(dirname(createRequire(import.meta.url).resolve("@custom-elements-manifest/analyzer/package.json")), "cem.js");
    await promisify(execFile)(process.execPath, [cli, "analyze", "--outdir", outDir]);
    const manifest = JSON.parse(await readFile(join(outDir, "custom-elements.json"), "utf8")) as Manifest;
    element = manifest.modules.flatMap((m) => m.declarations ?? []).find((d) => d.tagName === "profile-widget")!;
  });
  afterAll(() => rm(outDir, { recursive: true, force: true }));

  it("describes <profile-widget>: its attributes, events, parts and custom properties", () => {
    expect(element).toBeDefined();
    const names = (list: Named[] = []) => list.map((item) => item.name);
    expect(names(element.attributes)).toEqual(
      expect.arrayContaining([
        "data-flow",
        "data-api-url",
        "data-session-token",
        "data-username",
        "data-company-name",
        "data-logo-url",
        "data-logo-style",
        "data-locale",
        "data-theme",
        "data-nonce",
        "data-purpose",
      ]),
    );
    expect(names(element.events).sort()).toEqual(["profile-widget-error", "profile-widget-success"]);
    expect(names(element.cssParts)).toEqual(expect.arrayContaining(["card", "form", "button-primary", "device", "screen"]));
    expect(names(element.cssProperties)).toEqual(
      expect.arrayContaining(["--pw-color-primary", "--pw-color-surface", "--pw-font-family", "--pw-radius", "--pw-spacing"]),
    );
  });

  it("everything it lists is documented in the reference (docs/embedding.md, docs/theming.md)", async () => {
    const pages = await Promise.all(
      ["embedding", "theming"].map((page) => readFile(new URL(`../../docs/${page}.md`, import.meta.url), "utf8")),
    );
    const reference = pages.join("\n");
    const all = [...element.attributes!, ...element.events!, ...element.cssParts!, ...element.cssProperties!].map((x) => x.name);
    expect(all.filter((name) => !reference.includes(`\`${name}\``))).toEqual([]);
  });
});
