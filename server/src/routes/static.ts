import { createHash } from "node:crypto";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { extname, join, relative, sep } from "node:path";
import { promisify } from "node:util";
import { brotliCompress, constants, gzip } from "node:zlib";
import { Hono } from "hono";
import { errors } from "../errors";

interface StaticFile {
  body: Uint8Array<ArrayBuffer>;
  /** Compressed (off the event loop) on the first request that accepts each coding, then kept. */
  encoded: Partial<Record<Coding, Promise<Uint8Array<ArrayBuffer>>>>;
  compressible: boolean;
  type: string;
  etag: string;
  /** Content-hashed names never change, so they may be cached for a year. */
  immutable: boolean;
}

export type StaticFiles = Map<string, StaticFile>;

type Coding = "br" | "gzip";

const compress: Record<Coding, (body: Uint8Array) => Promise<Buffer>> = {
  // Brotli at its densest (text mode): the widget's files are compressed once per process and then served as kept.
  br: (body) =>
    promisify(brotliCompress)(body, {
      params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT, [constants.BROTLI_PARAM_SIZE_HINT]: body.length },
    }),
  gzip: (body) => promisify(gzip)(body, { level: 9 }),
};

/** The coding to answer with: brotli where the client takes it, else gzip, else none (a `q=0` refuses one). */
export function chooseCoding(acceptEncoding: string | undefined): Coding | null {
  const accepted = new Set<string>();
  for (const part of (acceptEncoding ?? "").toLowerCase().split(",")) {
    const [name, ...params] = part.split(";").map((s) => s.trim());
    const q = params.find((p) => p.startsWith("q="));
    if (name && !(q && Number(q.slice(2)) === 0)) accepted.add(name);
  }
  return accepted.has("br") ? "br" : accepted.has("gzip") ? "gzip" : null;
}

const TYPES: Record<string, string> = {
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".html": "text/html; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".json": "application/json",
  ".map": "application/json",
};

/** Reads a folder into memory once, with strong ETags; text files get a brotli or gzip copy when first asked for. */
export function loadStaticFiles(dir: string): StaticFiles {
  const files: StaticFiles = new Map();
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const full = join(d, name);
      if (statSync(full).isDirectory()) walk(full);
      else {
        const type = TYPES[extname(name)];
        if (!type) continue;
        const body = new Uint8Array(readFileSync(full));
        const compressible = /text|javascript|json|svg/.test(type) && body.length > 512;
        files.set(relative(dir, full).split(sep).join("/"), {
          body,
          encoded: {},
          compressible,
          type,
          etag: `"${createHash("sha256").update(body).digest("base64url").slice(0, 22)}"`,
          immutable: /-[A-Za-z0-9_-]{8,}\.js$/.test(name),
        });
      }
    }
  };
  walk(dir);
  return files;
}

/**
 * Serves loaded files. The widget's files are fetched by module scripts on other origins
 * (CORS mode), so they carry `Access-Control-Allow-Origin: *` and a cross-origin CORP.
 */
export function staticRoutes(
  files: StaticFiles,
  options: { mountedAt: string; crossOrigin: boolean; index?: string; csp?: string },
) {
  const prefix = options.mountedAt.replace(/\/$/, "") + "/";
  return new Hono().get("/*", async (c) => {
    let path = c.req.path.startsWith(prefix) ? c.req.path.slice(prefix.length) : "";
    if (path === "" && options.index) path = options.index;
    const file = files.get(path);
    if (!file) throw errors.notFound();
    c.header("Content-Type", file.type);
    c.header("ETag", file.etag);
    c.header("Vary", "Accept-Encoding");
    c.header("Cache-Control", file.immutable ? "public, max-age=31536000, immutable" : "public, max-age=300, must-revalidate");
    if (options.crossOrigin) {
      c.header("Access-Control-Allow-Origin", "*");
      c.header("Cross-Origin-Resource-Policy", "cross-origin");
    } else {
      c.header("Cross-Origin-Resource-Policy", "same-origin");
      if (options.csp && file.type.startsWith("text/html")) c.header("Content-Security-Policy", options.csp);
    }
    if (c.req.header("If-None-Match") === file.etag) return c.body(null, 304);
    const coding = file.compressible ? chooseCoding(c.req.header("Accept-Encoding")) : null;
    if (coding) {
      const encoded = (file.encoded[coding] ??= compress[coding](file.body).then((b) => new Uint8Array(b)));
      c.header("Content-Encoding", coding);
      return encoded.then((body) => c.body(body));
    }
    return c.body(file.body);
  });
}
