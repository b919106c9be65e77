import { execFile } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import SQLite from "better-sqlite3";
import { Kysely, Migrator, PostgresDialect, SqliteDialect } from "kysely";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ConfigError } from "../src/config";
import { migrationProvider } from "../src/store/migrations";
import type { Database } from "../src/store/schema";
import { freshPostgresSchema } from "../../testkit/postgres";
import { buildTestApp, ENGINES, testConfig, type TestApp } from "./helpers";

const run = promisify(execFile);
const dir = mkdtempSync(join(tmpdir(), "profile-schema-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let files = 0;
const schemaFile = (schema: unknown) => {
  const path = join(dir, `schema-${files++}.json`);
  writeFileSync(path, typeof schema === "string" ? schema : JSON.stringify(schema));
  return path;
};

/** A company's profile: every keyword the server supports, once. */
const COMPANY_SCHEMA = {
  $schema: "https://json-schema.org/draft/2020-12/schema",
  type: "object",
  additionalProperties: false,
  required: ["company"],
  properties: {
    company: { type: "string", title: "Company", minLength: 2, maxLength: 40, "x-profile": { order: 1 } },
    department: { type: "string", enum: ["Sales", "Engineering", "Finance"], "x-profile": { input: "select", titles: { de: "Abteilung" } } },
    employeeId: { type: "string", readOnly: true },
    birthdate: { type: "string", format: "date" },
    newsletter: { type: "boolean" },
    website: { type: "string", format: "uri" },
    badge: { type: "string", pattern: "^[A-Z]{2}-\\d{4}$", "x-profile": { protected: true, messages: { pattern: { en: "Badges look like AB-1234." } } } },
    seniority: { type: "integer", minimum: 0, maximum: 50 },
    rating: { type: "number", minimum: 0, maximum: 5 },
    languages: { type: "array", items: { type: "string", enum: ["en", "de", "pt"] }, uniqueItems: true, maxItems: 2 },
    office: {
      type: "object",
      additionalProperties: false,
      required: ["city"],
      properties: { city: { type: "string", maxLength: 30 }, country: { type: "string", "x-profile": { input: "country" } } },
    },
  },
};

describe("PROFILE_SCHEMA at start", () => {
  const refused: Array<[string, unknown, RegExp]> = [
    ["bad JSON", "{ not json", /is not valid JSON/],
    ["a remote $ref", { type: "object", properties: { a: { $ref: "https://example.com/a.json" } } }, /\$ref "https:\/\/example.com\/a.json" .* only local ones/],
    ["an unsupported keyword", { type: "object", properties: { a: { type: "string", oneOf: [] } } }, /keyword "oneOf" is not supported for type string/],
    ["an unsupported type", { type: "object", properties: { a: { type: "null" } } }, /properties.a.type must be one of/],
    ["a reserved name", { type: "object", properties: { username: { type: "string" } } }, /"username" is reserved/],
    ["nesting deeper than one level", { type: "object", properties: { a: { type: "object", properties: { b: { type: "object", properties: { c: { type: "string" } } } } } } }, /objects nest one level only/],
    ["open objects", { type: "object", additionalProperties: true, properties: { a: { type: "string" } } }, /additionalProperties must be false/],
    ["an unknown draft", { $schema: "http://json-schema.org/draft-04/schema#", type: "object", properties: { a: { type: "string" } } }, /draft 2020-12 or draft-07/],
    ["an unknown format", { type: "object", properties: { a: { type: "string", format: "ipv4" } } }, /format must be one of/],
    ["a bad pattern", { type: "object", properties: { a: { type: "string", pattern: "(" } } }, /pattern is not a valid regular expression/],
    ["verify on a field that is not an address", { type: "object", properties: { a: { type: "string", "x-profile": { verify: "email" } } } }, /needs type string with format email/],
    ["an unknown x-profile key", { type: "object", properties: { a: { type: "string", "x-profile": { colour: "red" } } } }, /x-profile.colour is not supported/],
    ["required naming no property", { type: "object", required: ["b"], properties: { a: { type: "string" } } }, /required must list names of its properties/],
    ["a radio without choices", { type: "object", properties: { a: { type: "string", "x-profile": { input: "radio" } } } }, /input "radio" needs an enum/],
  ];
  it.each(refused)("refuses %s with one line naming PROFILE_SCHEMA and the problem", (_what, schema, problem) => {
    const path = schemaFile(schema);
    let error: unknown;
    try {
      testConfig({ PROFILE_SCHEMA: path });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const message = (error as Error).message;
    expect(message).toMatch(/^PROFILE_SCHEMA: /);
    expect(message).toMatch(problem);
    expect(message).not.toContain("\n");
  });

  it("names a file it cannot read", () => {
    expect(() => testConfig({ PROFILE_SCHEMA: join(dir, "missing.json") })).toThrow(/^PROFILE_SCHEMA: cannot read .*missing\.json \(ENOENT\)$/);
  });

  it("accepts draft-07 and local $refs", () => {
    const path = schemaFile({
      $schema: "http://json-schema.org/draft-07/schema#",
      type: "object",
      definitions: { name: { type: "string", maxLength: 10 } },
      properties: { nickname: { $ref: "#/definitions/name", title: "Nickname" } },
    });
    const config = testConfig({ PROFILE_SCHEMA: path });
    expect(config.profile.document.properties).toEqual({ nickname: { type: "string", maxLength: 10, title: "Nickname" } });
  });

  it("stops the real program with that one line and exit code 1", async () => {
    const path = schemaFile({ type: "object", properties: { username: { type: "string" } } });
    const failure = await run(process.execPath, ["--import", "tsx", "server/src/main.ts", "--demo"], {
      env: { ...process.env, PROFILE_SCHEMA: path, DATABASE_URL: "sqlite::memory:", PORT: "0" },
    }).then(() => null, (e: { code: number; stderr: string }) => e);
    expect(failure?.code).toBe(1);
    expect(failure?.stderr.trim()).toBe(`profile-widget: PROFILE_SCHEMA: ${path}: property name "username" is reserved by the API`);
  });
});

describe.each(ENGINES)("an operator's profile schema on %s", (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp({ engine, env: { PROFILE_SCHEMA: schemaFile(COMPANY_SCHEMA) } });
  });
  afterAll(() => t.close());

  const load = async (token?: string) => {
    const res = await t.call("GET", "/api/profile", token ? { token } : {});
    return { etag: res.headers.get("ETag")!, body: (await res.json()) as Record<string, unknown> };
  };
  const patch = async (body: unknown, token?: string) =>
    t.call("PATCH", "/api/profile", { body, headers: { "If-Match": (await load()).etag }, ...(token ? { token } : {}) });

  it("serves the schema publicly, with an ETag that answers 304", async () => {
    const res = await t.call("GET", "/api/profile/schema", { token: null });
    expect(res.status).toBe(200);
    expect(res.headers.get("Cache-Control")).toBe("public, max-age=300");
    const body = (await res.json()) as typeof COMPANY_SCHEMA;
    expect(Object.keys(body.properties)).toEqual(Object.keys(COMPANY_SCHEMA.properties));
    expect(body.properties.department["x-profile"].titles).toEqual({ de: "Abteilung" });
    const again = await t.call("GET", "/api/profile/schema", { token: null, headers: { "If-None-Match": res.headers.get("ETag")! } });
    expect(again.status).toBe(304);
  });

  it("answers every field of the schema, null until set", async () => {
    const { body } = await load();
    expect(body).toEqual({
      username: "ada",
      ...Object.fromEntries(Object.keys(COMPANY_SCHEMA.properties).map((k) => [k, null])),
      updatedAt: expect.any(String),
      pendingChanges: [],
    });
  });

  it("saves values each keyword accepts, and answers them", async () => {
    const values = {
      company: "  Acme  ",
      department: "Engineering",
      birthdate: "1990-02-28",
      newsletter: true,
      website: "https://acme.example",
      badge: "AB-1234",
      seniority: 7,
      rating: 4.5,
      languages: ["en", "pt"],
      office: { city: "Lisbon", country: "pt" },
    };
    const res = await patch(values);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ ...values, company: "Acme", office: { city: "Lisbon", country: "PT" }, employeeId: null });
    expect((await load()).body).toMatchObject({ company: "Acme", languages: ["en", "pt"], office: { city: "Lisbon", country: "PT" } });
  });

  const refused: Array<[string, unknown, string, string, Record<string, unknown>]> = [
    ["a string too short", { company: "A" }, "company", "minLength", { limit: 2 }],
    ["a string too long", { company: "x".repeat(41) }, "company", "maxLength", { limit: 40 }],
    ["a required field cleared", { company: null }, "company", "required", { missingProperty: "company" }],
    ["a value outside the enum", { department: "Legal" }, "department", "enum", { allowedValues: ["Sales", "Engineering", "Finance"] }],
    ["a date that is not one", { birthdate: "1990-02-30" }, "birthdate", "format", { format: "date" }],
    ["a URI that is not one", { website: "not a uri" }, "website", "format", { format: "uri" }],
    ["text for a boolean", { newsletter: "yes" }, "newsletter", "type", { type: "boolean" }],
    ["a pattern mismatch", { badge: "ab-12" }, "badge", "pattern", { pattern: "^[A-Z]{2}-\\d{4}$" }],
    ["a fraction for an integer", { seniority: 1.5 }, "seniority", "type", { type: "integer" }],
    ["a number below the minimum", { rating: -1 }, "rating", "minimum", { comparison: ">=", limit: 0 }],
    ["a number above the maximum", { seniority: 51 }, "seniority", "maximum", { comparison: "<=", limit: 50 }],
    ["a choice outside the list", { languages: ["fr"] }, "languages", "enum", { allowedValues: ["en", "de", "pt"] }],
    ["too many choices", { languages: ["en", "de", "pt"] }, "languages", "maxItems", { limit: 2 }],
    ["a choice twice", { languages: ["en", "en"] }, "languages", "uniqueItems", { i: 0, j: 1 }],
    ["an object without its required field", { office: { country: "PT", city: null } }, "office.city", "required", { missingProperty: "city" }],
    ["an unknown country", { office: { country: "ZZ" } }, "office.country", "country", {}],
    ["hidden characters", { company: "Ac\u200bme" }, "company", "displaySafe", {}],
  ];
  it.each(refused)("refuses %s with 422, the field's message and its keyword, and changes nothing", async (_what, body, path, keyword, params) => {
    const before = await load();
    const res = await patch(body);
    expect(res.status).toBe(422);
    const { error } = (await res.json()) as { error: { code: string; fields: Record<string, string>; details: Record<string, unknown> } };
    expect(error.code).toBe("validation_failed");
    expect(Object.keys(error.fields)).toEqual([path]);
    expect(error.fields[path]).toMatch(/\w{3,}/);
    expect(error.details[path]).toEqual({ keyword, params });
    const after = await load();
    expect(after.etag).toBe(before.etag);
  });

  it("says a pattern in the schema's own words", async () => {
    const res = await patch({ badge: "nope" });
    expect(((await res.json()) as { error: { fields: Record<string, string> } }).error.fields).toEqual({ badge: "Badges look like AB-1234." });
  });

  it("reports every field's problem in one answer", async () => {
    const res = await patch({ company: "A", seniority: 99, office: { country: "ZZ" } });
    const { error } = (await res.json()) as { error: { fields: Record<string, string> } };
    expect(Object.keys(error.fields).sort()).toEqual(["company", "office.country", "seniority"]);
  });

  it("refuses unknown and read-only fields with 400, and leaves the stored value", async () => {
    for (const [body, field, message] of [
      [{ colour: "red" }, "colour", "Unknown field."],
      [{ office: { floor: 3 } }, "office.floor", "Unknown field."],
      [{ employeeId: "E-1" }, "employeeId", "This field cannot be changed."],
      [{ username: "eve" }, "username", "This field cannot be changed."],
    ] as const) {
      const res = await patch(body);
      expect(res.status).toBe(400);
      expect(((await res.json()) as { error: { code: string; fields: Record<string, string> } }).error).toMatchObject({ code: "unknown_field", fields: { [field]: message } });
    }
    expect((await load()).body.employeeId).toBeNull();
  });

  it("needs a recent sign-in for a protected field, and only for it", async () => {
    const old = await t.tokenFor("ada", { auth_time: Math.floor(Date.now() / 1000) - 3600 });
    const refusedRes = await patch({ badge: "CD-5678", company: "Acme Ltd" }, old);
    expect(refusedRes.status).toBe(403);
    expect((await load()).body).toMatchObject({ badge: "AB-1234", company: "Acme" });
    expect((await patch({ company: "Acme Ltd" }, old)).status).toBe(200);
  });

  it("generates the OpenAPI document's profile schemas from it", async () => {
    const doc = (await (await t.app.request("/openapi.json")).json()) as { components: { schemas: Record<string, { properties: Record<string, unknown> }> } };
    expect(Object.keys(doc.components.schemas.Profile!.properties)).toEqual(["username", ...Object.keys(COMPANY_SCHEMA.properties), "updatedAt", "pendingChanges"]);
    expect(Object.keys(doc.components.schemas.ProfilePatch!.properties)).not.toContain("employeeId");
    expect(doc.components.schemas.ProfilePatch!.properties.department).toMatchObject({ anyOf: [{ enum: ["Sales", "Engineering", "Finance", null] }, {}] });
  });
});

/** A database as the release before the profile document made it: the columns, with real rows. */
async function databaseBeforeTheDocument(engine: "sqlite" | "postgres"): Promise<{ url: string; drop: () => Promise<void>; db: Kysely<Database>; schema?: string }> {
  if (engine === "sqlite") {
    const path = join(dir, `before-${files++}.db`);
    const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: new SQLite(path) }) });
    return { url: `sqlite:${path}`, drop: async () => {}, db };
  }
  const fresh = await freshPostgresSchema(process.env.TEST_DATABASE_URL!, "mig");
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: fresh.url, max: 1 }) }) });
  return { ...fresh, db };
}

describe.each(ENGINES)("migrating a database of the previous release on %s", (engine) => {
  it("moves every stored profile value into the document, and the API answers them as before", async () => {
    const before = await databaseBeforeTheDocument(engine);
    const migrator = new Migrator({ db: before.db, provider: migrationProvider(engine), ...(before.schema ? { migrationTableSchema: before.schema } : {}) });
    const { error } = await migrator.migrateTo("0006_outbox_owner");
    expect(error).toBeUndefined();
    const now = "2026-11-30T10:00:00.000Z";
    const rows = [
      { id: "00000000-0000-4000-8000-000000000001", subject: "sub-ada", username: "ada", given_name: "Ada", family_name: "Lovelace", email: "ada@example.com",
        phone: "+442071234567", street_address: "12 St James's Square", locality: "London", region: null, postal_code: "SW1Y 4JH", country_code: "GB" },
      { id: "00000000-0000-4000-8000-000000000002", subject: "sub-bob", username: "bob", given_name: "Bob", family_name: null, email: null,
        phone: null, street_address: null, locality: "Porto", region: null, postal_code: null, country_code: null },
      { id: "00000000-0000-4000-8000-000000000003", subject: "sub-cy", username: "cy", given_name: null, family_name: null, email: null,
        phone: null, street_address: null, locality: null, region: null, postal_code: null, country_code: null },
    ];
    const raw = before.db as unknown as Kysely<{ users: Record<string, unknown> }>;
    for (const row of rows) await raw.insertInto("users").values({ ...row, mfa_enabled: 0, version: 3, created_at: now, updated_at: now }).execute();
    await before.db.destroy();

    const t = await buildTestApp({ engine, databaseUrl: before.url });
    try {
      const profile = async (username: string) => (await (await t.call("GET", "/api/profile", { token: await t.tokenFor(username) })).json()) as Record<string, unknown>;
      expect(await profile("ada")).toEqual({
        username: "ada", givenName: "Ada", familyName: "Lovelace", email: "ada@example.com", phone: "+442071234567",
        address: { streetAddress: "12 St James's Square", locality: "London", region: null, postalCode: "SW1Y 4JH", countryCode: "GB" },
        updatedAt: now, pendingChanges: [],
      });
      expect(await profile("bob")).toMatchObject({
        givenName: "Bob", familyName: null, email: null, address: { streetAddress: null, locality: "Porto", region: null, postalCode: null, countryCode: null },
      });
      expect(await profile("cy")).toMatchObject({ givenName: null, address: null, updatedAt: now });
      // The version is kept, so an ETag a client held before the upgrade still names the same profile.
      const users = await t.store.db.selectFrom("users").select(["username", "version"]).orderBy("username").execute();
      expect(users).toEqual([{ username: "ada", version: 3 }, { username: "bob", version: 3 }, { username: "cy", version: 3 }]);
    } finally {
      await t.close();
      await before.drop();
    }
  });
});
