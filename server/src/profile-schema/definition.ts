import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { BUILTIN_PROFILE_SCHEMA } from "./builtin";

/**
 * The operator's profile schema (PROFILE_SCHEMA), checked once at start against the vocabulary the server honours.
 * What it cannot honour stops the start with one line naming the problem: a profile that silently ignored a
 * keyword would store values the operator meant to refuse.
 */

export type FieldType = "string" | "integer" | "number" | "boolean" | "array" | "object";
export type VerifyKind = "email" | "phone";
export type JsonSchema = Record<string, unknown>;

export interface FieldSpec {
  /** Dotted path, as the API's `fields` name it: `givenName`, `address.postalCode`. */
  path: string;
  key: string;
  type: FieldType;
  schema: JsonSchema;
  readOnly: boolean;
  protected: boolean;
  verify: VerifyKind | null;
  /** `x-profile.input: "country"`: an ISO 3166-1 alpha-2 code, upper-cased before it is checked. */
  country: boolean;
  /** Sub-fields of an object, in `x-profile.order`. */
  children: FieldSpec[];
}

export interface ProfileDefinition {
  /** What GET /api/profile/schema serves: the schema with local `$ref`s resolved. */
  document: JsonSchema;
  etag: string;
  /** Top-level fields in `x-profile.order`. */
  fields: FieldSpec[];
  byPath: ReadonlyMap<string, FieldSpec>;
  draft: "2020-12" | "07";
}

/** Names the API keeps for itself beside the schema's properties. */
export const RESERVED_NAMES = new Set(["username", "updatedAt", "pendingChanges", "id", "subject", "version", "mfaEnabled", "createdAt"]);

const DRAFTS: Record<string, ProfileDefinition["draft"]> = {
  "https://json-schema.org/draft/2020-12/schema": "2020-12",
  "http://json-schema.org/draft-07/schema": "07",
  "http://json-schema.org/draft-07/schema#": "07",
};

const ANNOTATIONS = ["title", "description", "$comment", "examples", "default", "readOnly", "x-profile"];
const KEYWORDS: Record<FieldType, string[]> = {
  string: ["minLength", "maxLength", "pattern", "format", "enum"],
  integer: ["minimum", "maximum", "enum"],
  number: ["minimum", "maximum", "enum"],
  boolean: [],
  array: ["items", "uniqueItems", "minItems", "maxItems"],
  object: ["properties", "required", "additionalProperties"],
};
const FORMATS = new Set(["email", "date", "uri", "tel"]);
const INPUTS: Record<string, (s: JsonSchema, type: FieldType) => string | null> = {
  textarea: (_s, type) => (type === "string" ? null : "needs type string"),
  country: (_s, type) => (type === "string" ? null : "needs type string"),
  select: (s, type) => (Array.isArray(s.enum) || type === "array" ? null : "needs an enum"),
  radio: (s) => (Array.isArray(s.enum) ? null : "needs an enum"),
};
const X_PROFILE_KEYS = new Set(["order", "autocomplete", "input", "protected", "verify", "titles", "descriptions", "messages"]);
const NAME = /^[A-Za-z][A-Za-z0-9_]{0,63}$/;

export class ProfileSchemaError extends Error {
  override name = "ProfileSchemaError";
}

const isObject = (x: unknown): x is JsonSchema => typeof x === "object" && x !== null && !Array.isArray(x);

/** Replaces local `$ref`s (`#/$defs/name`, `#/definitions/name`) by what they name; anything else is refused. */
function resolveRefs(root: JsonSchema): JsonSchema {
  const defs = { ...(isObject(root.definitions) ? root.definitions : {}), ...(isObject(root.$defs) ? root.$defs : {}) };
  const resolve = (node: unknown, at: string, seen: string[]): unknown => {
    if (Array.isArray(node)) return node.map((x, i) => resolve(x, `${at}[${i}]`, seen));
    if (!isObject(node)) return node;
    if (typeof node.$ref === "string" || node.$ref !== undefined) {
      const ref = node.$ref;
      const match = typeof ref === "string" ? /^#\/(?:\$defs|definitions)\/([^/]+)$/.exec(ref) : null;
      if (!match) throw new ProfileSchemaError(`$ref ${JSON.stringify(ref)} at ${at} is not supported: only local ones (#/$defs/name) are`);
      const target = defs[match[1]!];
      if (!isObject(target)) throw new ProfileSchemaError(`$ref ${JSON.stringify(ref)} at ${at} names nothing`);
      if (seen.includes(ref as string)) throw new ProfileSchemaError(`$ref ${JSON.stringify(ref)} at ${at} refers to itself`);
      const { $ref: _, ...siblings } = node;
      return resolve({ ...target, ...siblings }, at, [...seen, ref as string]);
    }
    return Object.fromEntries(
      Object.entries(node)
        .filter(([k]) => !(at === "" && (k === "$defs" || k === "definitions")))
        .map(([k, val]) => [k, resolve(val, at ? `${at}.${k}` : k, seen)]),
    );
  };
  return resolve(root, "", []) as JsonSchema;
}

function checkLanguageMap(value: unknown, at: string, nested = false): void {
  if (!isObject(value)) throw new ProfileSchemaError(`${at} must be an object`);
  for (const [key, text] of Object.entries(value)) {
    if (nested) checkLanguageMap(text, `${at}.${key}`);
    else if (!/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/.test(key) || typeof text !== "string") {
      throw new ProfileSchemaError(`${at} must map language tags (like "de") to text (got ${JSON.stringify(key)})`);
    }
  }
}

function checkField(key: string, schema: unknown, parent: string | null, depth: number): FieldSpec {
  const path = parent ? `${parent}.${key}` : key;
  const at = `properties.${path.replace(/\./g, ".properties.")}`;
  if (!NAME.test(key)) throw new ProfileSchemaError(`property name ${JSON.stringify(key)} must be letters, digits and _, starting with a letter`);
  if (!parent && RESERVED_NAMES.has(key)) throw new ProfileSchemaError(`property name "${key}" is reserved by the API`);
  if (!isObject(schema)) throw new ProfileSchemaError(`${at} must be a schema object`);
  const type = schema.type;
  if (typeof type !== "string" || !(type in KEYWORDS)) {
    throw new ProfileSchemaError(`${at}.type must be one of string, integer, number, boolean, object, array (got ${JSON.stringify(type)})`);
  }
  const t = type as FieldType;
  if (t === "object" && depth > 0) throw new ProfileSchemaError(`${at}: objects nest one level only`);
  for (const keyword of Object.keys(schema)) {
    if (keyword !== "type" && !ANNOTATIONS.includes(keyword) && !KEYWORDS[t].includes(keyword)) {
      throw new ProfileSchemaError(`${at}: keyword "${keyword}" is not supported for type ${t}`);
    }
  }
  if (schema.title !== undefined && typeof schema.title !== "string") throw new ProfileSchemaError(`${at}.title must be text`);
  if (schema.description !== undefined && typeof schema.description !== "string") throw new ProfileSchemaError(`${at}.description must be text`);
  if (schema.readOnly !== undefined && typeof schema.readOnly !== "boolean") throw new ProfileSchemaError(`${at}.readOnly must be true or false`);
  for (const limit of ["minLength", "maxLength", "minItems", "maxItems"]) {
    const n = schema[limit];
    if (n !== undefined && !(Number.isInteger(n) && (n as number) >= 0)) throw new ProfileSchemaError(`${at}.${limit} must be a whole number`);
  }
  for (const limit of ["minimum", "maximum"]) {
    if (schema[limit] !== undefined && typeof schema[limit] !== "number") throw new ProfileSchemaError(`${at}.${limit} must be a number`);
  }
  if (schema.pattern !== undefined) {
    try {
      new RegExp(schema.pattern as string, "u");
      if (typeof schema.pattern !== "string") throw new Error();
    } catch {
      throw new ProfileSchemaError(`${at}.pattern is not a valid regular expression`);
    }
  }
  if (schema.format !== undefined && !FORMATS.has(schema.format as string)) {
    throw new ProfileSchemaError(`${at}.format must be one of email, date, uri, tel (got ${JSON.stringify(schema.format)})`);
  }
  if (schema.enum !== undefined) {
    const okValue = (x: unknown) => (t === "string" ? typeof x === "string" : t === "integer" ? Number.isInteger(x) : typeof x === "number");
    if (!Array.isArray(schema.enum) || schema.enum.length === 0 || !schema.enum.every(okValue)) {
      throw new ProfileSchemaError(`${at}.enum must be a non-empty list of ${t} values`);
    }
  }
  if (t === "array") {
    const items = schema.items;
    const ok = isObject(items) && items.type === "string" && Array.isArray(items.enum) && items.enum.length > 0 &&
      items.enum.every((x) => typeof x === "string") && Object.keys(items).every((k) => ["type", "enum"].includes(k));
    if (!ok) throw new ProfileSchemaError(`${at}.items must be {"type": "string", "enum": [...]}: arrays hold choices from a list`);
  }

  const x = schema["x-profile"] ?? {};
  if (!isObject(x)) throw new ProfileSchemaError(`${at}.x-profile must be an object`);
  for (const k of Object.keys(x)) {
    if (!X_PROFILE_KEYS.has(k)) throw new ProfileSchemaError(`${at}.x-profile.${k} is not supported`);
  }
  if (x.order !== undefined && typeof x.order !== "number") throw new ProfileSchemaError(`${at}.x-profile.order must be a number`);
  if (x.autocomplete !== undefined && typeof x.autocomplete !== "string") throw new ProfileSchemaError(`${at}.x-profile.autocomplete must be text`);
  if (x.protected !== undefined && typeof x.protected !== "boolean") throw new ProfileSchemaError(`${at}.x-profile.protected must be true or false`);
  if (x.input !== undefined) {
    const check = typeof x.input === "string" ? INPUTS[x.input] : undefined;
    if (!check) throw new ProfileSchemaError(`${at}.x-profile.input must be one of textarea, select, radio, country`);
    const problem = check(schema, t);
    if (problem) throw new ProfileSchemaError(`${at}.x-profile.input "${x.input as string}" ${problem}`);
  }
  if (x.verify !== undefined) {
    const format = x.verify === "email" ? "email" : x.verify === "phone" ? "tel" : null;
    if (!format) throw new ProfileSchemaError(`${at}.x-profile.verify must be "email" or "phone"`);
    if (t !== "string" || schema.format !== format) {
      throw new ProfileSchemaError(`${at}.x-profile.verify "${x.verify as string}" needs type string with format ${format}`);
    }
    if (schema.readOnly === true) throw new ProfileSchemaError(`${at}: a readOnly field cannot be verified`);
  }
  if (x.titles !== undefined) checkLanguageMap(x.titles, `${at}.x-profile.titles`);
  if (x.descriptions !== undefined) checkLanguageMap(x.descriptions, `${at}.x-profile.descriptions`);
  if (x.messages !== undefined) checkLanguageMap(x.messages, `${at}.x-profile.messages`, true);

  const children = t === "object" ? checkObject(schema, path, depth + 1, at) : [];
  return {
    path,
    key,
    type: t,
    schema,
    readOnly: schema.readOnly === true,
    protected: x.protected === true,
    verify: (x.verify as VerifyKind | undefined) ?? null,
    country: x.input === "country",
    children,
  };
}

function checkObject(schema: JsonSchema, path: string | null, depth: number, at: string): FieldSpec[] {
  if (schema.additionalProperties !== undefined && schema.additionalProperties !== false) {
    throw new ProfileSchemaError(`${at ? `${at}.` : ""}additionalProperties must be false: unknown fields are refused`);
  }
  if (!isObject(schema.properties) || Object.keys(schema.properties).length === 0) {
    throw new ProfileSchemaError(`${at ? `${at}.` : ""}properties must be an object with at least one field`);
  }
  const fields = Object.entries(schema.properties).map(([key, sub]) => checkField(key, sub, path, depth));
  if (schema.required !== undefined) {
    const required = schema.required;
    if (!Array.isArray(required) || !required.every((r) => typeof r === "string" && r in (schema.properties as JsonSchema))) {
      throw new ProfileSchemaError(`${at ? `${at}.` : ""}required must list names of its properties`);
    }
  }
  const order = (f: FieldSpec) => {
    const o = (f.schema["x-profile"] as JsonSchema | undefined)?.order;
    return typeof o === "number" ? o : Number.POSITIVE_INFINITY;
  };
  // A stable sort: fields without an order keep the document's.
  return fields.map((f, i) => ({ f, i })).sort((a, b) => order(a.f) - order(b.f) || a.i - b.i).map(({ f }) => f);
}

/** Checks a parsed schema document and describes its fields; throws ProfileSchemaError naming what it cannot honour. */
export function defineProfile(raw: unknown): ProfileDefinition {
  if (!isObject(raw)) throw new ProfileSchemaError("must be a JSON object (a JSON Schema)");
  const draftUri = raw.$schema ?? "https://json-schema.org/draft/2020-12/schema";
  const draft = typeof draftUri === "string" ? DRAFTS[draftUri] : undefined;
  if (!draft) throw new ProfileSchemaError(`$schema must be draft 2020-12 or draft-07 (got ${JSON.stringify(draftUri)})`);
  const document = resolveRefs(raw);
  if (document.type !== "object") throw new ProfileSchemaError(`type must be "object" at the root (got ${JSON.stringify(document.type)})`);
  for (const keyword of Object.keys(document)) {
    if (!["$schema", "$id", "$comment", "title", "description", "type", "properties", "required", "additionalProperties"].includes(keyword)) {
      throw new ProfileSchemaError(`keyword "${keyword}" is not supported at the root`);
    }
  }
  const fields = checkObject(document, null, 0, "");
  const byPath = new Map<string, FieldSpec>();
  for (const f of fields) {
    byPath.set(f.path, f);
    for (const c of f.children) byPath.set(c.path, c);
  }
  const text = JSON.stringify(document);
  const etag = `"${createHash("sha256").update(text).digest("base64url").slice(0, 16)}"`;
  return { document, etag, fields, byPath, draft };
}

let builtin: ProfileDefinition | undefined;
/** The profile without PROFILE_SCHEMA. */
export function builtinProfile(): ProfileDefinition {
  builtin ??= defineProfile(JSON.parse(JSON.stringify(BUILTIN_PROFILE_SCHEMA)));
  return builtin;
}

/** Reads PROFILE_SCHEMA's file; any problem is thrown as one line, which config.ts prefixes with the variable. */
export function loadProfileSchema(path: string): ProfileDefinition {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (error) {
    throw new ProfileSchemaError(`cannot read ${path} (${(error as NodeJS.ErrnoException).code ?? "error"})`);
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw new ProfileSchemaError(`${path} is not valid JSON (${(error as Error).message})`);
  }
  try {
    return defineProfile(raw);
  } catch (error) {
    if (error instanceof ProfileSchemaError) throw new ProfileSchemaError(`${path}: ${error.message}`);
    throw error;
  }
}
