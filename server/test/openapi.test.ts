import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Validator as JsonSchemaValidator, type Schema } from "@cfworker/json-schema";
import { Validator as OpenApiValidator } from "@seriousme/openapi-schema-validator";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../src/app";
import { createSessionVerifier } from "../src/auth/verify-session";
import { createDemoIssuer } from "../src/demo/issuer";
import { errors } from "../src/errors";
import { createOpenApiDocument, type OpenApiDocument, type OpenApiOperation } from "../src/openapi/document";
import { DOCS_CSP } from "../src/routes/api-docs";
import { openStore } from "../src/store/db";
import { buildTestApp, makeKeys, testConfig, type TestApp } from "./helpers";

const doc: OpenApiDocument = createOpenApiDocument({ serverUrl: "http://localhost:8787" });
const METHODS = ["get", "put", "post", "delete", "options", "head", "patch", "trace"] as const;

/** Routes the app answers that are deliberately not API operations: the reference page and static files. */
const UNDOCUMENTED = [/^GET \/docs(\/docs\.css)?$/, /^GET \/widget\/\*$/, /^GET \/\*$/, /^(GET|POST) \/demo\//];

const operations = Object.entries(doc.paths).flatMap(([path, item]) =>
  METHODS.filter((m) => item[m]).map((method) => ({ path, method, op: item[method] as OpenApiOperation })),
);
const documented = new Set(operations.map(({ path, method }) => `${method.toUpperCase()} ${path}`));

/** "/api/mfa/devices/:id" → "/api/mfa/devices/{id}" */
const openApiPath = (honoPath: string) => honoPath.replace(/:(\w+)/g, "{$1}");

/** Validates against one schema of the document, resolving its #/components/... references. */
function validatorFor(schema: unknown): JsonSchemaValidator {
  return new JsonSchemaValidator({ ...(schema as Schema), components: doc.components } as Schema, "2020-12", false);
}
const validates = (schema: unknown, value: unknown) => validatorFor(schema).validate(value).valid;

function operationFor(method: string, path: string) {
  const found = operations.find(
    (o) => o.method === method.toLowerCase() && new RegExp(`^${o.path.replace(/\{\w+\}/g, "[^/]+")}$`).test(path),
  );
  if (!found) throw new Error(`${method} ${path} is not in the document`);
  return found;
}

/** The documented schema of a request body (the JSON media type). */
function requestSchema(method: string, path: string): unknown {
  const schema = operationFor(method, path).op.requestBody?.content["application/json"]?.schema;
  if (!schema) throw new Error(`${method} ${path} documents no request body`);
  return schema;
}

/**
 * Every answer seen by these tests must be documented: its status among the operation's
 * responses, its body valid against that response's schema, and its error code listed there.
 */
async function expectDocumented(method: string, path: string, response: Response): Promise<unknown> {
  const { op } = operationFor(method, path);
  const documentedResponse = op.responses[String(response.status)];
  expect(documentedResponse, `${method} ${path} answered ${response.status}, which is not documented`).toBeDefined();
  const text = await response.clone().text();
  const media = documentedResponse?.content?.["application/json"];
  if (!media) {
    expect(text, `${method} ${path} ${response.status} documents no body`).toBe("");
    return undefined;
  }
  const body = JSON.parse(text) as { error?: { code: string } };
  const result = validatorFor(media.schema).validate(body);
  expect(result.errors.map((e) => `${e.instanceLocation}: ${e.error}`), `${method} ${path} ${response.status}`).toEqual([]);
  if (response.status >= 400 && body.error) {
    expect(Object.keys(media.examples ?? {}), `${method} ${path} ${response.status} lists its codes`).toContain(body.error.code);
  }
  for (const name of Object.keys(documentedResponse?.headers ?? {})) {
    if (["ETag", "Location", "Retry-After", "WWW-Authenticate"].includes(name)) {
      expect(response.headers.has(name), `${method} ${path} ${response.status} sends ${name}`).toBe(true);
    }
  }
  return body;
}

describe("OpenAPI document", () => {
  it("describes every route the app answers, and nothing it does not", async () => {
    // A demo app with static files too, so every kind of route is registered.
    const dir = mkdtempSync(join(tmpdir(), "pw-openapi-"));
    const keys = await makeKeys();
    const config = testConfig({}, keys);
    const store = await openStore("sqlite::memory:");
    try {
      const app = createApp({
        config,
        store,
        verifySession: await createSessionVerifier(config.auth),
        demo: await createDemoIssuer({ keyPath: join(dir, "key.json"), issuer: config.auth.issuer, audience: config.auth.audience }),
        widgetFiles: new Map(),
        demoFiles: new Map(),
      });
      const answered = new Set(
        app.routes.filter((r) => r.method !== "ALL").map((r) => `${r.method} ${openApiPath(r.path)}`),
      );
      const api = (set: Set<string>) => [...set].filter((r) => r.split(" ")[1]?.startsWith("/api/")).sort();
      // Both directions for the API.
      expect(api(answered)).toEqual(api(documented));
      expect(api(answered).length).toBeGreaterThanOrEqual(12);
      // Everything else the app answers is documented or knowingly left out; nothing documented is missing.
      const missing = [...answered].filter((r) => !documented.has(r) && !UNDOCUMENTED.some((re) => re.test(r)));
      expect(missing).toEqual([]);
      expect([...documented].filter((r) => !answered.has(r))).toEqual([]);
      // Each documented path also answers other methods with 405 (an ALL route on the same path).
      const catchAll = new Set(app.routes.filter((r) => r.method === "ALL").map((r) => openApiPath(r.path)));
      for (const path of Object.keys(doc.paths).filter((p) => p.startsWith("/api/"))) expect(catchAll, path).toContain(path);
    } finally {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("is a valid OpenAPI 3.1 document", async () => {
    expect(doc.openapi).toMatch(/^3\.1\.\d+$/);
    const validator = new OpenApiValidator();
    const result = await validator.validate(structuredClone(doc));
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    expect(validator.version).toBe("3.1");
  });

  it("resolves every $ref, and every operation has an id, responses and a declared parameter per path segment", () => {
    const refs: string[] = [];
    const walk = (node: unknown) => {
      if (Array.isArray(node)) node.forEach(walk);
      else if (node && typeof node === "object") {
        for (const [key, value] of Object.entries(node)) {
          if (key === "$ref") refs.push(value as string);
          else walk(value);
        }
      }
    };
    walk(doc);
    expect(refs.length).toBeGreaterThan(50);
    for (const ref of new Set(refs)) {
      expect(ref).toMatch(/^#\//);
      const target = ref
        .slice(2)
        .split("/")
        .reduce<unknown>((at, key) => (at as Record<string, unknown> | undefined)?.[key.replace(/~1/g, "/").replace(/~0/g, "~")], doc);
      expect(target, ref).toBeTypeOf("object");
    }
    const ids = operations.map(({ op }) => op.operationId);
    expect(new Set(ids).size).toBe(ids.length);
    for (const { path, method, op } of operations) {
      expect(Object.keys(op.responses).filter((status) => status.startsWith("2")), `${method} ${path}`).toHaveLength(1);
      expect(op.summary, `${method} ${path}`).toBeTruthy();
      const params = (op.parameters ?? []).map((p) => {
        const ref = (p as { $ref?: string }).$ref?.split("/").pop();
        return ref ? (doc.components.parameters as Record<string, { name: string; in: string }>)[ref] : (p as { name: string; in: string });
      });
      for (const [, name] of path.matchAll(/\{(\w+)\}/g)) {
        expect(params.some((p) => p?.in === "path" && p.name === name), `${method} ${path} declares {${name}}`).toBe(true);
      }
      if (path.startsWith("/api/") && path !== "/api/config" && path !== "/api/profile/schema") {
        expect(op.security, `${method} ${path} needs the bearer token`).toEqual([{ sessionToken: [] }]);
        expect(Object.keys(op.responses)).toContain("401");
      }
    }
    expect(doc.components.securitySchemes).toMatchObject({ sessionToken: { type: "http", scheme: "bearer", bearerFormat: "JWT" } });
    // The activity's query parameters are declared, each optional.
    expect(doc.paths["/api/activity"]?.get?.parameters).toEqual([
      expect.objectContaining({ name: "limit", in: "query", required: false, schema: { type: "integer", minimum: 1, maximum: 100 } }),
      expect.objectContaining({ name: "before", in: "query", required: false }),
    ]);
    // ETag out, If-Match in, on the profile.
    expect(doc.paths["/api/profile"]?.get?.responses["200"]?.headers).toHaveProperty("ETag");
    expect(JSON.stringify(doc.paths["/api/profile"]?.patch?.parameters)).toContain("IfMatch");
  });

  it("lists every error code of the error table", () => {
    // Typed per key, so a new error in the table fails to compile until it is added here.
    const ARGS: { [K in keyof typeof errors]: Parameters<(typeof errors)[K]> } = {
      sessionMissing: [],
      sessionInvalid: [],
      sessionExpired: [],
      reauthenticationRequired: [],
      notFound: [],
      methodNotAllowed: [["GET"]],
      payloadTooLarge: [1],
      unsupportedMediaType: [],
      invalidJson: [],
      invalidBody: ["x"],
      unknownFields: [{ a: "b" }],
      validationFailed: [{ a: "b" }],
      preconditionRequired: [],
      versionConflict: [],
      methodDisabled: ["sms"],
      deviceLimitReached: [5],
      deviceAlreadyActive: [],
      deviceNotActive: [],
      resendNotSupported: [],
      lastDevice: [],
      otpInvalid: [1],
      otpExpired: [],
      tooManyAttempts: [],
      rateLimited: [1],
      deliveryFailed: ["sms"],
      verificationUnavailable: ["email"],
      changeLocked: [],
      challengeExpired: [],
      passkeyInvalid: [],
      passkeyAlreadyRegistered: [],
      mfaNotEnabled: [],
      noRecoveryCodes: [],
      verificationExpired: [],
      verificationLocked: [],
      verificationsLocked: [900],
      unavailable: [],
      internal: [],
    };
    const listed = new Set(
      operations.flatMap(({ op }) =>
        Object.values(op.responses).flatMap((r) => Object.keys(r.content?.["application/json"]?.examples ?? {})),
      ),
    );
    const text = JSON.stringify(doc);
    for (const [name, args] of Object.entries(ARGS)) {
      const error = (errors[name as keyof typeof errors] as (...a: unknown[]) => { code: string; status: number })(...args);
      // 405 and 500 can come from any route: the document says so once, in prose.
      if (error.code === "method_not_allowed" || error.code === "internal_error") expect(text).toContain(error.code);
      else expect(listed, `${name} → ${error.code}`).toContain(error.code);
    }
  });

  it("has examples that validate against their own schemas", () => {
    let checked = 0;
    for (const { path, method, op } of operations) {
      for (const media of Object.values(op.requestBody?.content ?? {})) {
        for (const [name, example] of Object.entries(media.examples ?? {})) {
          expect(validates(media.schema, (example as { value: unknown }).value), `${method} ${path} example ${name}`).toBe(true);
          checked++;
        }
      }
      for (const [status, response] of Object.entries(op.responses)) {
        for (const media of Object.values(response.content ?? {})) {
          for (const [name, example] of Object.entries(media.examples ?? {})) {
            expect(validates(media.schema, example.value), `${method} ${path} ${status} ${name}`).toBe(true);
            checked++;
          }
        }
      }
    }
    expect(checked).toBeGreaterThan(40);
  });
});

describe("OpenAPI document against the running server", () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp();
  });
  afterAll(() => t.close());

  /** Sends a request; its answer must be documented, and returns the server's verdict and the schema's. */
  async function send(method: string, path: string, body?: unknown, headers?: Record<string, string>) {
    const response = await t.call(method, path, { body, headers });
    const json = await expectDocumented(method, path, response);
    return { status: response.status, json: json as Record<string, unknown>, response };
  }

  async function etag() {
    const res = await t.call("GET", "/api/profile");
    return res.headers.get("ETag") as string;
  }

  it("serves the document it generates, cacheably", async () => {
    const res = await t.app.request("/openapi.json");
    expect(res.status).toBe(200);
    expect(res.headers.get("Content-Type")).toMatch(/^application\/json/);
    const served = (await res.json()) as OpenApiDocument;
    expect(served).toEqual(JSON.parse(JSON.stringify(createOpenApiDocument({ serverUrl: t.config.publicUrl }))));
    const again = await t.app.request("/openapi.json", { headers: { "If-None-Match": res.headers.get("ETag") as string } });
    expect(again.status).toBe(304);
    expect((await t.app.request("/openapi.json", { method: "POST" })).status).toBe(405);
  });

  it("accepts exactly the profile patches the schema accepts", async () => {
    const cases: Array<[unknown, boolean]> = [
      [{ givenName: "Ada", familyName: "Lovelace" }, true],
      [{ address: { streetAddress: "12 St James's Square", locality: "London", postalCode: "SW1Y 4JH", countryCode: "GB" } }, true],
      [{ email: "ada@example.com", phone: "+442071234567" }, true],
      [{ givenName: "", address: null }, true],
      [{ familyName: null }, true],
      [{ givenName: "x".repeat(101) }, false],
      [{ givenName: 5 }, false],
      [{ email: "not-an-email" }, false],
      [{ phone: "12345" }, false],
      [{ address: { countryCode: "ZZ" } }, false],
      [{ address: { postalCode: "#1" } }, false],
      [{ address: [] }, false],
      [{ address: { planet: "Mars" } }, false],
      [{ colour: "red" }, false],
      [{ username: "eve" }, false],
      [[], false],
    ];
    for (const [body, expected] of cases) {
      const schemaSays = validates(requestSchema("PATCH", "/api/profile"), body);
      const { status } = await send("PATCH", "/api/profile", body, { "If-Match": await etag() });
      expect([JSON.stringify(body), schemaSays, status < 400]).toEqual([JSON.stringify(body), expected, expected]);
    }
    // The other documented failures of the route answer as documented too.
    await send("PATCH", "/api/profile", { givenName: "Ada" });
    await send("PATCH", "/api/profile", { givenName: "Ada" }, { "If-Match": '"stale.0"' });
    await send("PATCH", "/api/profile", "{not json", { "If-Match": "*" });
    await send("PATCH", "/api/profile", { givenName: "Ada" }, { "If-Match": "*", "Content-Type": "text/plain" });
    const old = await t.tokenFor("ada", { auth_time: Math.floor(Date.now() / 1000) - 3600 });
    const stale = await t.call("PATCH", "/api/profile", { token: old, body: { email: "new@example.com" }, headers: { "If-Match": "*" } });
    expect(stale.status).toBe(403);
    await expectDocumented("PATCH", "/api/profile", stale);
    const anonymous = await t.call("GET", "/api/profile", { token: null });
    expect(anonymous.status).toBe(401);
    await expectDocumented("GET", "/api/profile", anonymous);
  });

  it("accepts exactly the device bodies the schema accepts, and answers every step as documented", async () => {
    await send("GET", "/api/config");
    await send("GET", "/api/mfa");
    await send("POST", "/api/mfa/enable", {});
    expect(validates(requestSchema("POST", "/api/mfa/enable"), { force: true })).toBe(false);
    expect((await send("POST", "/api/mfa/enable", { force: true })).status).toBe(400);

    const addCases: Array<[unknown, boolean]> = [
      [{ type: "email", email: "ada@example.com", nickname: "Mail" }, true],
      [{ type: "sms", phone: "+14155550123" }, true],
      [{ type: "totp" }, true],
      [{ type: "fax" }, false],
      [{ type: "sms" }, false],
      [{ type: "email", email: "nope" }, false],
      [{ type: "totp", colour: "red" }, false],
      [{ type: "sms", phone: "+14155550124", nickname: "x".repeat(41) }, false],
    ];
    const ids: string[] = [];
    for (const [body, expected] of addCases) {
      const schemaSays = validates(requestSchema("POST", "/api/mfa/devices"), body);
      const { status, json } = await send("POST", "/api/mfa/devices", body);
      expect([JSON.stringify(body), schemaSays, status < 400]).toEqual([JSON.stringify(body), expected, expected]);
      if (status === 201) ids.push((json.device as { id: string }).id);
    }
    const [emailId, smsId] = ids as [string, string];

    const activate = requestSchema("POST", "/api/mfa/devices/{id}/activate");
    expect(validates(activate, { otp: "12345" })).toBe(false);
    expect((await send("POST", `/api/mfa/devices/${emailId}/activate`, { otp: "12345" })).status).toBe(422);
    const code = await t.outboxCode("ada@example.com");
    const wrong = await send("POST", `/api/mfa/devices/${emailId}/activate`, { otp: code === "000000" ? "111111" : "000000" });
    expect(wrong.status).toBe(400);
    expect(validates(activate, { otp: code })).toBe(true);
    expect((await send("POST", `/api/mfa/devices/${emailId}/activate`, { otp: code })).status).toBe(200);
    expect((await send("POST", `/api/mfa/devices/${emailId}/activate`, { otp: code })).status).toBe(409);

    expect((await send("POST", `/api/mfa/devices/${smsId}/resend`, {})).status).toBe(429); // one code per 30 s
    expect((await send("POST", `/api/mfa/devices/${smsId}/default`, {})).status).toBe(409); // not active yet
    expect((await send("POST", `/api/mfa/devices/${emailId}/default`, {})).status).toBe(200);

    const rename = requestSchema("PATCH", "/api/mfa/devices/{id}");
    for (const [body, expected] of [[{ nickname: "Work mail" }, true], [{ nickname: "" }, false], [{}, false]] as const) {
      const { status } = await send("PATCH", `/api/mfa/devices/${emailId}`, body);
      expect([validates(rename, body), status < 400]).toEqual([expected, expected]);
    }
    expect((await send("PATCH", "/api/mfa/devices/not-a-uuid", { nickname: "x" })).status).toBe(404);
    expect((await send("DELETE", `/api/mfa/devices/${emailId}`)).status).toBe(409); // last active device while MFA is on
    expect((await send("DELETE", `/api/mfa/devices/${smsId}`)).status).toBe(204);
    expect((await send("POST", "/api/mfa/disable", {})).status).toBe(200);
    await send("GET", "/api/mfa");
  });

  it("answers health checks as documented", async () => {
    for (const path of ["/healthz", "/readyz"]) {
      const res = await t.app.request(path);
      expect(res.status).toBe(200);
      await expectDocumented("GET", path, res);
    }
  });
});

describe("API reference page", () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp();
  });
  afterAll(() => t.close());

  it("is one HTML page under a strict CSP that lists every operation", async () => {
    const res = await t.app.request("/docs");
    expect(res.status).toBe(200);
    expect(res.headers.get("Content-Type")).toBe("text/html; charset=utf-8");
    const csp = res.headers.get("Content-Security-Policy") ?? "";
    expect(csp).toBe(DOCS_CSP);
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("style-src 'self'");
    expect(csp).not.toMatch(/unsafe-inline|unsafe-eval|https?:/);
    const html = await res.text();
    // Nothing the CSP would block: no script at all, no inline style, nothing from elsewhere.
    expect(html).not.toMatch(/<script|<style|\sstyle=|\son\w+=|javascript:/i);
    expect(html).not.toMatch(/(src|href)="(https?:)?\/\//);
    expect(html).toContain('<link rel="stylesheet" href="docs/docs.css">');
    const escaped = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/'/g, "&#39;");
    for (const { path, method, op } of operations) {
      const heading = `<span class="method ${method}">${method.toUpperCase()}</span> <code class="path">${path}</code>`;
      expect(html.includes(`id="${op.operationId}"`), op.operationId).toBe(true);
      expect(html.includes(heading), heading).toBe(true);
      expect(html.includes(escaped(op.summary)), op.summary).toBe(true);
    }
    // Request fields with their rules, and error codes with their messages.
    expect(html).toContain("<code>address.postalCode</code>");
    expect(html).toContain("at most 100 characters");
    expect(html).toContain("<code>version_conflict</code> The profile was changed elsewhere.");
    expect(html).toContain("<code>device_limit_reached</code>");

    const css = await t.app.request("/docs/docs.css");
    expect(css.status).toBe(200);
    expect(css.headers.get("Content-Type")).toBe("text/css; charset=utf-8");
    expect(await css.text()).toContain("prefers-color-scheme: dark");
    expect((await t.app.request("/docs", { method: "DELETE" })).status).toBe(405);
  });
});
