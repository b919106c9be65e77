import { createHash } from "node:crypto";
import type { Context } from "hono";
import { Hono } from "hono";
import type { OpenApiDocument, OpenApiOperation } from "../openapi";
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
 * Rendered once per server URL and process: every app built with the same config serves the same bytes.
 * The generator (and the JSON Schema converter) is loaded on the first request, not at start-up.
 */
const cache = new Map<string, { json: Rendered; page: Rendered; css: Rendered }>();
async function renderedFor(serverUrl: string) {
  let entry = cache.get(serverUrl);
  if (!entry) {
    const { createOpenApiDocument } = await import("../openapi");
    const document = createOpenApiDocument(serverUrl ? { serverUrl } : {});
    entry = {
      json: rendered(JSON.stringify(document), "application/json; charset=utf-8"),
      page: rendered(renderReferencePage(document), "text/html; charset=utf-8"),
      css: rendered(DOCS_CSS, "text/css; charset=utf-8"),
    };
    cache.set(serverUrl, entry);
  }
  return entry;
}

/**
 * GET /openapi.json (the document, generated on the first request for it), GET /docs (an HTML
 * reference rendered from it on the server) and GET /docs/docs.css.
 */
export function apiDocsRoutes(options: { serverUrl?: string } = {}) {
  // Rendered when first asked for, not at start-up.
  const docs = () => renderedFor(options.serverUrl ?? "");

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

// ---------------------------------------------------------------------------------------------
// The HTML reference, rendered from the document alone.

type Schema = Record<string, unknown>;

const escapeHtml = (text: unknown) =>
  String(text).replace(/[&<>"']/g, (ch) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[ch] as string);

/** `code` spans in the document's Markdown-ish text become <code>; everything else is escaped. */
const prose = (text: unknown) =>
  escapeHtml(text ?? "").replace(/`([^`]+)`/g, (_, inner: string) => `<code>${inner}</code>`);

const METHODS = ["get", "post", "put", "patch", "delete"] as const;

function resolve(document: OpenApiDocument, node: unknown): Schema {
  let current = node as Schema;
  for (let hops = 0; typeof current?.$ref === "string" && hops < 10; hops++) {
    const path = (current.$ref as string).replace(/^#\//, "").split("/");
    current = path.reduce<unknown>((at, key) => (at as Record<string, unknown>)?.[key], document) as Schema;
  }
  return current ?? {};
}

const refName = (node: unknown) =>
  typeof (node as Schema)?.$ref === "string" ? ((node as Schema).$ref as string).split("/").pop() : undefined;

/** A short type label: `string or null`, `one of "sms", "email"`, `Device[]`. */
function typeLabel(document: OpenApiDocument, node: unknown): string {
  const name = refName(node);
  if (name) return name;
  const schema = node as Schema;
  if ("const" in schema) return JSON.stringify(schema.const);
  if (Array.isArray(schema.enum)) {
    const values = schema.enum as unknown[];
    return values.length > 8 ? `one of ${values.length} values` : `one of ${values.map((x) => JSON.stringify(x)).join(", ")}`;
  }
  if (Array.isArray(schema.anyOf) || Array.isArray(schema.oneOf)) {
    const branches = (schema.anyOf ?? schema.oneOf) as unknown[];
    const labels = branches.filter((b) => !(b as Schema).pattern || (b as Schema).pattern !== "^\\s*$").map((b) => typeLabel(document, b));
    return [...new Set(labels)].join(" or ");
  }
  if (schema.type === "array") return `${typeLabel(document, schema.items ?? {})}[]`;
  if (typeof schema.type === "string") return schema.format ? `${schema.type} (${String(schema.format)})` : schema.type;
  return "any";
}

/** Constraints worth reading, gathered from a schema and its non-null branches. */
function constraints(node: Schema): string[] {
  const out: string[] = [];
  const visit = (s: Schema) => {
    const characters = (n: number) => `${n} ${n === 1 ? "character" : "characters"}`;
    if (typeof s.minLength === "number" && s.minLength > 0) out.push(`at least ${characters(s.minLength)}`);
    if (typeof s.maxLength === "number") out.push(`at most ${characters(s.maxLength)}`);
    if (typeof s.minimum === "number") out.push(`≥ ${s.minimum}`);
    if (typeof s.maximum === "number") out.push(`≤ ${s.maximum}`);
    if (typeof s.pattern === "string" && s.pattern !== "^\\s*$") out.push(`matches /${s.pattern}/`);
    if (typeof s.format === "string") out.push(`format ${s.format}`);
    if (Array.isArray(s.enum) && s.enum.length > 8) out.push(`${s.enum.length} allowed values`);
    for (const branch of [...((s.anyOf as Schema[]) ?? []), ...((s.oneOf as Schema[]) ?? [])]) visit(branch);
  };
  visit(node);
  return [...new Set(out)];
}

function descriptionsOf(node: Schema): string[] {
  const out: string[] = [];
  const visit = (s: Schema) => {
    if (typeof s.description === "string") out.push(s.description);
    for (const branch of [...((s.anyOf as Schema[]) ?? []), ...((s.oneOf as Schema[]) ?? [])]) visit(branch);
  };
  visit(node);
  return [...new Set(out)];
}

/** One row per field, nested objects flattened to dotted names (address.postalCode). */
function fieldRows(document: OpenApiDocument, schema: Schema, prefix = "", depth = 0): string {
  const properties = (schema.properties ?? {}) as Record<string, Schema>;
  const required = new Set((schema.required as string[]) ?? []);
  let rows = "";
  for (const [key, raw] of Object.entries(properties)) {
    const name = prefix + key;
    const field = resolve(document, raw);
    rows +=
      `<tr><td><code>${escapeHtml(name)}</code></td><td>${escapeHtml(typeLabel(document, raw))}</td>` +
      `<td>${required.has(key) ? "yes" : "no"}</td>` +
      `<td>${[...constraints(field).map(escapeHtml), ...descriptionsOf(field).map(prose)].join("<br>")}</td></tr>`;
    const nested = [field, ...((field.anyOf as Schema[]) ?? [])].map((s) => resolve(document, s)).find((s) => s.properties);
    if (nested && depth < 3) rows += fieldRows(document, nested, `${name}.`, depth + 1);
  }
  return rows;
}

function fieldTable(document: OpenApiDocument, schema: Schema): string {
  const rows = fieldRows(document, schema);
  if (!rows) return `<p class="note">${schema.additionalProperties === false ? "No fields: send <code>{}</code>." : "Any JSON object."}</p>`;
  return (
    `<table class="fields"><thead><tr><th>field</th><th>type</th><th>required</th><th>rules</th></tr></thead>` +
    `<tbody>${rows}</tbody></table>` +
    (schema.additionalProperties === false ? `<p class="note">Other fields are refused.</p>` : "")
  );
}

function renderBody(document: OpenApiDocument, op: OpenApiOperation): string {
  const body = op.requestBody;
  if (!body) return "";
  const [type, media] = Object.entries(body.content)[0] ?? [];
  if (!media) return "";
  const variants = ((media.schema.oneOf as Schema[] | undefined) ?? [media.schema]).map((s) => [refName(s), resolve(document, s)] as const);
  const examples = Object.entries(media.examples ?? {}).map(
    ([name, example]) =>
      `<figure><figcaption>${escapeHtml(name)}</figcaption><pre><code>${escapeHtml(
        JSON.stringify((example as { value: unknown }).value, null, 2),
      )}</code></pre></figure>`,
  );
  return (
    `<h4>Request body <span class="muted">${escapeHtml(type)}${body.required ? "" : ", optional"}</span></h4>` +
    (body.description ? `<p>${prose(body.description)}</p>` : "") +
    (variants.length > 1 ? `<p>One of:</p>` : "") +
    variants
      .map(([name, schema]) => (variants.length > 1 ? `<h5><code>${escapeHtml(name ?? "")}</code></h5>` : "") + fieldTable(document, schema))
      .join("") +
    (examples.length ? `<div class="examples">${examples.join("")}</div>` : "")
  );
}

function renderParameters(document: OpenApiDocument, op: OpenApiOperation): string {
  if (!op.parameters?.length) return "";
  const rows = op.parameters.map((p) => {
    const param = resolve(document, p);
    return (
      `<tr><td><code>${escapeHtml(param.name)}</code></td><td>${escapeHtml(param.in)}</td>` +
      `<td>${param.required ? "yes" : "no"}</td><td>${prose(param.description)}</td></tr>`
    );
  });
  return (
    `<h4>Parameters</h4><table class="fields"><thead><tr><th>name</th><th>in</th><th>required</th><th>meaning</th></tr></thead>` +
    `<tbody>${rows.join("")}</tbody></table>`
  );
}

function renderResponses(document: OpenApiDocument, op: OpenApiOperation): string {
  const rows = Object.entries(op.responses).map(([status, response]) => {
    const media = response.content?.["application/json"];
    const schema = media ? refName(media.schema) ?? typeLabel(document, media.schema) : "";
    const headers = Object.keys(response.headers ?? {}).filter((h) => h !== "X-Request-Id");
    const codes = Object.entries(media?.examples ?? {}).map(
      ([code, example]) => `<li><code>${escapeHtml(code)}</code> ${escapeHtml(example.summary)}</li>`,
    );
    return (
      `<tr><td class="status s${escapeHtml(status.slice(0, 1))}">${escapeHtml(status)}</td>` +
      `<td>${codes.length ? `<ul class="codes">${codes.join("")}</ul>` : prose(response.description)}</td>` +
      `<td>${schema ? `<code>${escapeHtml(schema)}</code>` : ""}${headers.length ? `<div class="muted">${headers.map(escapeHtml).join(", ")}</div>` : ""}</td></tr>`
    );
  });
  return (
    `<h4>Responses</h4><table class="responses"><thead><tr><th>status</th><th>meaning, error codes</th><th>body, headers</th></tr></thead>` +
    `<tbody>${rows.join("")}</tbody></table>`
  );
}

function renderOperation(document: OpenApiDocument, path: string, method: string, op: OpenApiOperation): string {
  const needsSession = (op.security ?? []).length > 0;
  return (
    `<section class="operation" id="${escapeHtml(op.operationId)}" aria-labelledby="${escapeHtml(op.operationId)}-title">` +
    `<h3 id="${escapeHtml(op.operationId)}-title"><span class="method ${escapeHtml(method)}">${escapeHtml(method.toUpperCase())}</span> ` +
    `<code class="path">${escapeHtml(path)}</code></h3>` +
    `<p class="summary">${prose(op.summary)}</p>` +
    (op.description ? `<p>${prose(op.description)}</p>` : "") +
    `<p class="auth">${needsSession ? "Needs the session token: <code>Authorization: Bearer &lt;JWT&gt;</code>." : "Public: no token needed."}</p>` +
    renderParameters(document, op) +
    renderBody(document, op) +
    renderResponses(document, op) +
    `</section>`
  );
}

function schemaSection(document: OpenApiDocument, name: string): string {
  const schema = resolve(document, document.components.schemas[name]);
  return (
    `<section class="schema" id="schema-${escapeHtml(name)}"><h3><code>${escapeHtml(name)}</code></h3>` +
    (schema.description ? `<p>${prose(schema.description)}</p>` : "") +
    fieldTable(document, schema) +
    `</section>`
  );
}

export function renderReferencePage(document: OpenApiDocument): string {
  const info = document.info as { title: string; version: string; description?: string; summary?: string };
  const tags = (document.tags as Array<{ name: string; description?: string }> | undefined) ?? [];
  const operations = Object.entries(document.paths).flatMap(([path, item]) =>
    METHODS.filter((m) => item[m]).map((method) => ({ path, method, op: item[method] as OpenApiOperation })),
  );
  const sections = tags.map((tag) => {
    const mine = operations.filter(({ op }) => op.tags.includes(tag.name));
    return (
      `<section class="tag" id="tag-${escapeHtml(tag.name)}"><h2>${escapeHtml(tag.name)}</h2>` +
      (tag.description ? `<p>${prose(tag.description)}</p>` : "") +
      mine.map(({ path, method, op }) => renderOperation(document, path, method, op)).join("") +
      `</section>`
    );
  });
  const toc = tags
    .map((tag) => {
      const items = operations
        .filter(({ op }) => op.tags.includes(tag.name))
        .map(
          ({ path, method, op }) =>
            `<li><a href="#${escapeHtml(op.operationId)}"><span class="method ${escapeHtml(method)}">${escapeHtml(method.toUpperCase())}</span> ${escapeHtml(path)}</a></li>`,
        );
      return `<li>${escapeHtml(tag.name)}<ul>${items.join("")}</ul></li>`;
    })
    .join("");
  const responseSchemas = ["Profile", "Address", "MfaState", "Device", "AddedDevice", "PublicConfig", "ErrorBody"].filter(
    (name) => document.components.schemas[name],
  );
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(info.title)} reference</title>
<link rel="stylesheet" href="docs/docs.css">
</head>
<body>
<header>
<h1>${escapeHtml(info.title)} <span class="muted">${escapeHtml(info.version)}</span></h1>
<p>${prose(info.summary ?? "")}</p>
<p>${prose(info.description ?? "")}</p>
<p>Machine-readable: <a href="openapi.json">openapi.json</a> (OpenAPI ${escapeHtml(document.openapi)}, generated from the server's own validation schemas).</p>
</header>
<div class="layout">
<nav aria-label="Operations"><ul>${toc}<li><a href="#schemas">Response bodies</a></li></ul></nav>
<main>
${sections.join("\n")}
<section id="schemas"><h2>Response bodies</h2>${responseSchemas.map((name) => schemaSection(document, name)).join("")}</section>
</main>
</div>
</body>
</html>
`;
}

const DOCS_CSS = `:root {
  color-scheme: light dark;
  --bg: #ffffff; --fg: #1b1f24; --muted: #57606a; --line: #d0d7de; --code-bg: #f3f4f6;
  --get: #0969da; --post: #1a7f37; --patch: #9a6700; --delete: #cf222e; --put: #8250df;
  font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif;
}
@media (prefers-color-scheme: dark) {
  :root { --bg: #0d1117; --fg: #e6edf3; --muted: #9198a1; --line: #30363d; --code-bg: #161b22;
    --get: #4493f8; --post: #3fb950; --patch: #d29922; --delete: #f85149; --put: #ab7df8; }
}
* { box-sizing: border-box; }
body { margin: 0; background: var(--bg); color: var(--fg); }
header { padding: 1.5rem 2rem 0.5rem; border-bottom: 1px solid var(--line); max-width: 75rem; }
h1 { margin: 0 0 0.5rem; font-size: 1.75rem; }
h2 { margin: 2.5rem 0 0.5rem; font-size: 1.4rem; border-bottom: 1px solid var(--line); padding-bottom: 0.25rem; }
h3 { margin: 0 0 0.25rem; font-size: 1.1rem; }
h4 { margin: 1rem 0 0.25rem; font-size: 0.95rem; }
h5 { margin: 0.75rem 0 0.25rem; font-size: 0.9rem; }
a { color: var(--get); }
code, pre { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 0.875em; }
code { background: var(--code-bg); padding: 0.1em 0.3em; border-radius: 4px; overflow-wrap: anywhere; }
pre { background: var(--code-bg); padding: 0.75rem; border-radius: 6px; overflow-x: auto; margin: 0; }
pre code { padding: 0; background: none; }
.layout { display: grid; grid-template-columns: minmax(14rem, 18rem) minmax(0, 1fr); gap: 2rem; padding: 0 2rem 4rem; max-width: 90rem; }
nav { position: sticky; top: 0; align-self: start; max-height: 100vh; overflow-y: auto; padding-top: 1.5rem; font-size: 0.9rem; }
nav ul { list-style: none; margin: 0; padding: 0; }
nav > ul > li { margin-bottom: 0.75rem; font-weight: 600; }
nav li li { font-weight: normal; margin: 0.2rem 0; }
nav a { color: inherit; text-decoration: none; }
nav a:hover, nav a:focus-visible { text-decoration: underline; }
.operation, .schema { border: 1px solid var(--line); border-radius: 8px; padding: 1rem 1.25rem; margin: 1rem 0; scroll-margin-top: 1rem; }
.method { display: inline-block; min-width: 4.2em; text-align: center; font: 700 0.75rem/1.6 ui-monospace, monospace;
  border-radius: 4px; padding: 0 0.35em; color: var(--bg); background: var(--get); }
.method.post { background: var(--post); } .method.patch { background: var(--patch); }
.method.delete { background: var(--delete); } .method.put { background: var(--put); }
.path { font-size: 1rem; }
.summary { font-weight: 600; margin: 0.25rem 0; }
.auth, .muted, .note { color: var(--muted); font-size: 0.9rem; }
table { border-collapse: collapse; width: 100%; font-size: 0.9rem; margin: 0.25rem 0; }
th, td { text-align: left; vertical-align: top; border-bottom: 1px solid var(--line); padding: 0.35rem 0.5rem; }
th { font-weight: 600; color: var(--muted); }
table.fields td:first-child { white-space: nowrap; }
td.status { font: 700 0.9rem ui-monospace, monospace; width: 4rem; }
td.s2 { color: var(--post); } td.s4 { color: var(--patch); } td.s5 { color: var(--delete); }
ul.codes { margin: 0; padding-left: 1rem; }
.examples { display: grid; grid-template-columns: repeat(auto-fill, minmax(16rem, 1fr)); gap: 0.5rem; margin-top: 0.5rem; }
figure { margin: 0; } figcaption { font-size: 0.8rem; color: var(--muted); }
@media (max-width: 48rem) { .layout { grid-template-columns: 1fr; padding: 0 1rem 3rem; } nav { position: static; max-height: none; } header { padding: 1rem; } }
`;
