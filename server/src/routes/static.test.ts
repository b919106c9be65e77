import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { brotliDecompressSync, gunzipSync } from "node:zlib";
import { afterAll, describe, expect, it } from "vitest";
import { chooseCoding, loadStaticFiles, staticRoutes } from "./static";

describe("the widget's files", () => {
  const dir = mkdtempSync(join(tmpdir(), "pw-static-"));
  const entry = `export const words = ${JSON.stringify(Array.from({ length: 400 }, (_, i) => `word ${i}`))};\n`;
  mkdirSync(join(dir, "chunks"));
  writeFileSync(join(dir, "profile-widget.js"), entry);
  writeFileSync(join(dir, "chunks/profile-flow-AbCdEf12.js"), entry.repeat(2));
  writeFileSync(join(dir, "chunks/tiny-XyZ12345.js"), "export {};\n");
  const app = staticRoutes(loadStaticFiles(dir), { mountedAt: "/widget", crossOrigin: true });
  const get = (path: string, headers: Record<string, string> = {}) => app.request(`/widget/${path}`, { headers });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("are sent as brotli to a browser that takes it, smaller than gzip, and decode to the file", async () => {
    const br = await get("profile-widget.js", { "Accept-Encoding": "gzip, deflate, br, zstd" });
    expect(br.status).toBe(200);
    expect(br.headers.get("Content-Encoding")).toBe("br");
    expect(br.headers.get("Vary")).toBe("Accept-Encoding");
    const brBytes = Buffer.from(await br.arrayBuffer());
    expect(brotliDecompressSync(brBytes).toString()).toBe(entry);

    const gz = await get("profile-widget.js", { "Accept-Encoding": "gzip" });
    expect(gz.headers.get("Content-Encoding")).toBe("gzip");
    const gzBytes = Buffer.from(await gz.arrayBuffer());
    expect(gunzipSync(gzBytes).toString()).toBe(entry);
    expect(brBytes.length).toBeLessThan(gzBytes.length);
    // The same ETag for every coding: one file, one version.
    expect(br.headers.get("ETag")).toBe(gz.headers.get("ETag"));
  });

  it("are sent as they are to a client that refuses both codings, and tiny files never compressed", async () => {
    const plain = await get("profile-widget.js", { "Accept-Encoding": "br;q=0, gzip;q=0" });
    expect(plain.headers.get("Content-Encoding")).toBeNull();
    expect(await plain.text()).toBe(entry);
    const tiny = await get("chunks/tiny-XyZ12345.js", { "Accept-Encoding": "br" });
    expect(tiny.headers.get("Content-Encoding")).toBeNull();
  });

  it("cache for a year under hashed names, five minutes under the entry's, and answer 304 to their ETag", async () => {
    const chunk = await get("chunks/profile-flow-AbCdEf12.js", { "Accept-Encoding": "br" });
    expect(chunk.headers.get("Cache-Control")).toBe("public, max-age=31536000, immutable");
    expect(chunk.headers.get("Access-Control-Allow-Origin")).toBe("*");
    const entryFile = await get("profile-widget.js");
    expect(entryFile.headers.get("Cache-Control")).toBe("public, max-age=300, must-revalidate");
    const again = await get("profile-widget.js", { "If-None-Match": entryFile.headers.get("ETag")!, "Accept-Encoding": "br" });
    expect(again.status).toBe(304);
  });

  it("choose a coding by the client's Accept-Encoding", () => {
    expect(chooseCoding("br")).toBe("br");
    expect(chooseCoding("gzip, br;q=0.5")).toBe("br");
    expect(chooseCoding("gzip, br;q=0")).toBe("gzip");
    expect(chooseCoding("deflate")).toBeNull();
    expect(chooseCoding(undefined)).toBeNull();
  });
});
