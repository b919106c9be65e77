import { createHash } from "node:crypto";
import type { Context } from "hono";
import { Hono } from "hono";
import type { ProfileDefinition } from "../profile-schema/definition";
import { methodNotAllowed } from "./http";

/** The reference page loads nothing but its own stylesheet: no script, no inline style, no other origin. */
export const DOCS_CSP =
  "default-src 'none'; style-src 'self'; img-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

interface Rendered {
  body: string;
  type: string;
  etag: string;
}

const rendered = (body: string, type: string): Rendered => ({
  body,
  type,
  etag: `"${createHash("sha256").update(body).digest("base64url").slice(0, 22)}"`,
});

/**
 * Rendered once per server URL, profile schema and process: every app built with the same config serves the same bytes.
 * The generator (and the JSON Schema converter) is loaded on the first request, not at start-up.
 */
const cache = new Map<string, { json: Rendered; page: Rendered; css: Rendered }>();
async function renderedFor(serverUrl: string, profile: ProfileDefinition | undefined) {
  const key = `${serverUrl} ${profile?.etag ?? ""}`;
  let entry = cache.get(key);
  if (!entry) {
    const [{ createOpenApiDocument }, { renderReferencePage }, { DOCS_CSS }] = await Promise.all([
      import("../openapi/document"),
      import("../openapi/reference-page"),
      import("../openapi/reference-page.css"),
    ]);
    const document = createOpenApiDocument({ ...(serverUrl ? { serverUrl } : {}), ...(profile ? { profile } : {}) });
    entry = {
      json: rendered(JSON.stringify(document), "application/json; charset=utf-8"),
      page: rendered(renderReferencePage(document), "text/html; charset=utf-8"),
      css: rendered(DOCS_CSS, "text/css; charset=utf-8"),
    };
    cache.set(key, entry);
  }
  return entry;
}

/**
 * GET /openapi.json (the document, generated on the first request for it), GET /docs (an HTML
 * reference rendered from it on the server) and GET /docs/docs.css.
 */
export function apiDocsRoutes(options: { serverUrl?: string; profile?: ProfileDefinition } = {}) {
  // Rendered when first asked for, not at start-up.
  const docs = () => renderedFor(options.serverUrl ?? "", options.profile);

  const send = (c: Context, file: Rendered, extra: Record<string, string> = {}) => {
    c.header("Content-Type", file.type);
    c.header("ETag", file.etag);
    c.header("Cache-Control", "public, max-age=300, must-revalidate");
    for (const [name, value] of Object.entries(extra)) c.header(name, value);
    if (c.req.header("If-None-Match") === file.etag) return c.body(null, 304);
    return c.body(file.body);
  };

  return new Hono()
    .get("/openapi.json", async (c) =>
      // Public and credential-free, so any origin's API tooling may read it.
      send(c, (await docs()).json, { "Access-Control-Allow-Origin": "*", "Cross-Origin-Resource-Policy": "cross-origin" }),
    )
    .all("/openapi.json", methodNotAllowed(["GET"]))
    .get("/docs", async (c) => send(c, (await docs()).page, { "Content-Security-Policy": DOCS_CSP }))
    .all("/docs", methodNotAllowed(["GET"]))
    .get("/docs/docs.css", async (c) => send(c, (await docs()).css))
    .all("/docs/docs.css", methodNotAllowed(["GET"]));
}
