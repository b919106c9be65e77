import type { OpenApiDocument, OpenApiOperation } from "./document";

/** The HTML reference at /docs, rendered on the server from the OpenAPI document: no script, no inline style. */

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
