import { Ajv, type ErrorObject, type ValidateFunction } from "ajv";
import { Ajv2020 } from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import { COUNTRY_CODES } from "../../../contract/countries";
import { E164, EMAIL, HIDDEN_CHARACTERS_MESSAGE, isDisplaySafe, normalizePhone, RULE_MESSAGES } from "../../../contract/rules";
import { PROFILE_MESSAGES } from "../../../contract/profile-rules";
import { isPlainObject } from "../validation";
import type { FieldSpec, JsonSchema, ProfileDefinition } from "./definition";
import { RESERVED_NAMES } from "./definition";

/** The stored profile: the schema's values, without nulls (a cleared field has no key). */
export type ProfileDocument = Record<string, unknown>;

/** One field's problem: English text for `fields`, and the keyword and its parameters for `details`. */
export interface FieldProblem {
  message: string;
  keyword: string;
  params: Record<string, unknown>;
}
export type Problems = Record<string, FieldProblem>;

export type ReadPatch =
  | { ok: true; patch: ProfileDocument; problems: Problems }
  | { ok: false; kind: "not_object" | "unknown_fields"; fields: Record<string, string> };

const COUNTRIES = new Set(COUNTRY_CODES);
const COUNTRY_MESSAGE = "Choose a country from the list.";
const READ_ONLY_MESSAGE = "This field cannot be changed.";

const TYPE_MESSAGES: Record<string, string> = {
  string: "Must be text.",
  integer: "Must be a whole number.",
  number: "Must be a number.",
  boolean: "Must be true or false.",
  array: "Must be a list of the listed choices.",
  object: "Must be an object of its fields, or null.",
};
const FORMAT_MESSAGES: Record<string, string> = {
  email: RULE_MESSAGES.email,
  tel: RULE_MESSAGES.phone,
  date: "Enter a date as YYYY-MM-DD.",
  uri: "Enter a full web address, like https://example.com.",
};

/** The English message for a keyword, unless the schema's `x-profile.messages` words it for this field. */
function messageFor(field: FieldSpec | undefined, keyword: string, params: Record<string, unknown>): string {
  const own = ((field?.schema["x-profile"] as JsonSchema | undefined)?.messages as Record<string, Record<string, string>> | undefined)?.[keyword]?.en;
  if (own) return own;
  switch (keyword) {
    case "type":
      return field?.country ? COUNTRY_MESSAGE : (TYPE_MESSAGES[String(params.type)] ?? "Has the wrong type.");
    case "maxLength":
      return PROFILE_MESSAGES.max(Number(params.limit));
    case "minLength":
      return Number(params.limit) === 1 ? "This field is required." : `Must be at least ${String(params.limit)} characters.`;
    case "pattern":
      return "Enter a value in the expected format.";
    case "format":
      return FORMAT_MESSAGES[String(params.format)] ?? "Enter a value in the expected format.";
    case "enum":
      return "Choose one of the listed values.";
    case "minimum":
      return `Must be ${String(params.limit)} or more.`;
    case "maximum":
      return `Must be ${String(params.limit)} or less.`;
    case "minItems":
      return `Choose at least ${String(params.limit)}.`;
    case "maxItems":
      return `Choose at most ${String(params.limit)}.`;
    case "uniqueItems":
      return "Choose each value once.";
    case "required":
      return "This field is required.";
    case "displaySafe":
      return HIDDEN_CHARACTERS_MESSAGE;
    case "country":
      return COUNTRY_MESSAGE;
    default:
      return "This value is not accepted.";
  }
}

const problem = (field: FieldSpec | undefined, keyword: string, params: Record<string, unknown> = {}): FieldProblem => ({
  message: messageFor(field, keyword, params),
  keyword,
  params,
});

const validators = new WeakMap<ProfileDefinition, ValidateFunction>();
function validatorFor(def: ProfileDefinition): ValidateFunction {
  let validate = validators.get(def);
  if (!validate) {
    const options = { allErrors: true, strict: true, validateFormats: true } as const;
    const ajv = def.draft === "07" ? new Ajv(options) : new Ajv2020(options);
    (addFormats as unknown as (a: Ajv) => void)(ajv as Ajv);
    // Our own words for two formats: the widget checks the same patterns (contract/rules.ts).
    ajv.addFormat("email", EMAIL);
    ajv.addFormat("tel", E164);
    ajv.addKeyword({ keyword: "x-profile", schemaType: "object" });
    validate = ajv.compile(def.document);
    validators.set(def, validate);
  }
  return validate;
}

/** Trims text, turns "" into null (a clear), puts phone numbers in E.164 and country codes in upper case. */
function normalize(field: FieldSpec, value: unknown, problems: Problems): unknown {
  if (typeof value !== "string" || field.type !== "string") return value;
  if (field.schema.format === "tel") {
    const phone = normalizePhone(value);
    return phone === "" ? null : phone;
  }
  const trimmed = value.trim();
  if (trimmed === "") return null;
  if (field.country) {
    const code = trimmed.toUpperCase();
    if (!COUNTRIES.has(code)) problems[field.path] = problem(field, "country");
    return code;
  }
  if (!isDisplaySafe(trimmed)) problems[field.path] = problem(field, "displaySafe");
  return trimmed;
}

/**
 * Checks a merge patch's shape against the schema (a 400 for anything that is not a field, or a read-only one) and
 * normalizes its values; what normalizing finds wrong comes back as problems, beside the merged document's.
 */
export function readPatch(def: ProfileDefinition, body: unknown): ReadPatch {
  if (!isPlainObject(body)) return { ok: false, kind: "not_object", fields: {} };
  // Collected as entries: assigning a "__proto__" key to a plain object would set its prototype.
  const refused: Array<[string, string]> = [];
  const patch: Array<[string, unknown]> = [];
  const problems: Problems = {};
  for (const [key, value] of Object.entries(body)) {
    const field = def.fields.find((f) => f.key === key);
    if (RESERVED_NAMES.has(key) || field?.readOnly) {
      refused.push([key, READ_ONLY_MESSAGE]);
      continue;
    }
    if (!field) {
      refused.push([key, "Unknown field."]);
      continue;
    }
    if (field.type === "object" && isPlainObject(value)) {
      const sub: Array<[string, unknown]> = [];
      for (const [subKey, subValue] of Object.entries(value)) {
        const child = field.children.find((c) => c.key === subKey);
        if (!child) refused.push([`${key}.${subKey}`, "Unknown field."]);
        else if (child.readOnly) refused.push([`${key}.${subKey}`, READ_ONLY_MESSAGE]);
        else sub.push([subKey, normalize(child, subValue, problems)]);
      }
      patch.push([key, Object.fromEntries(sub)]);
    } else {
      patch.push([key, normalize(field, value, problems)]);
    }
  }
  if (refused.length > 0) return { ok: false, kind: "unknown_fields", fields: Object.fromEntries(refused) };
  return { ok: true, patch: Object.fromEntries(patch), problems };
}

/** RFC 7396 over the stored document, one object level deep: null removes, an object merges field by field. */
export function mergePatch(doc: ProfileDocument, patch: ProfileDocument): ProfileDocument {
  const next: ProfileDocument = structuredClone(doc);
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) {
      delete next[key];
    } else if (isPlainObject(value)) {
      const current = isPlainObject(next[key]) ? { ...(next[key] as ProfileDocument) } : {};
      for (const [subKey, subValue] of Object.entries(value)) {
        if (subValue === null) delete current[subKey];
        else current[subKey] = subValue;
      }
      if (Object.keys(current).length === 0) delete next[key];
      else next[key] = current;
    } else {
      next[key] = value;
    }
  }
  return next;
}

/** The document limited to the schema's fields: values of fields an earlier schema had stay stored, unchecked. */
export function project(def: ProfileDefinition, doc: ProfileDocument): ProfileDocument {
  const out: ProfileDocument = {};
  for (const field of def.fields) {
    if (!Object.hasOwn(doc, field.key)) continue;
    const value = doc[field.key];
    if (field.type === "object" && isPlainObject(value)) {
      const sub = Object.fromEntries(field.children.filter((c) => Object.hasOwn(value, c.key)).map((c) => [c.key, value[c.key]]));
      if (Object.keys(sub).length > 0) out[field.key] = sub;
    } else {
      out[field.key] = value;
    }
  }
  return out;
}

const PRIORITY = ["type", "displaySafe", "country", "required", "maxLength", "minLength", "format", "pattern", "enum", "minimum", "maximum"];
const rank = (keyword: string) => {
  const i = PRIORITY.indexOf(keyword);
  return i < 0 ? PRIORITY.length : i;
};

/** Validates the document (limited to the schema's fields) with Ajv: the first problem of each field path. */
export function validateDocument(def: ProfileDefinition, doc: ProfileDocument, found: Problems = {}): Problems {
  const validate = validatorFor(def);
  const problems: Problems = { ...found };
  if (validate(project(def, doc))) return problems;
  const errors = [...((validate.errors ?? []) as ErrorObject[])].sort((a, b) => rank(a.keyword) - rank(b.keyword));
  for (const error of errors) {
    const segments = error.instancePath.split("/").slice(1).map((s) => s.replace(/~1/g, "/").replace(/~0/g, "~"));
    if (error.keyword === "required") segments.push(String((error.params as { missingProperty: string }).missingProperty));
    // An array item's problem is its field's.
    const fieldPath = segments.filter((s) => !/^\d+$/.test(s)).join(".");
    if (!fieldPath || problems[fieldPath]) continue;
    const params = { ...(error.params as Record<string, unknown>) };
    if (error.keyword === "type") params.type = Array.isArray(params.type) ? params.type[0] : params.type;
    problems[fieldPath] = problem(def.byPath.get(fieldPath), error.keyword, params);
  }
  return problems;
}

/** The paths whose values differ between two documents (an object's fields one by one). */
export function changedPaths(def: ProfileDefinition, before: ProfileDocument, after: ProfileDocument): string[] {
  const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
  const changed: string[] = [];
  for (const field of def.fields) {
    const a = before[field.key];
    const b = after[field.key];
    if (field.type === "object" && (isPlainObject(a) || isPlainObject(b))) {
      const ao = isPlainObject(a) ? a : {};
      const bo = isPlainObject(b) ? b : {};
      for (const child of field.children) if (!same(ao[child.key], bo[child.key])) changed.push(child.path);
    } else if (!same(a, b)) {
      changed.push(field.path);
    }
  }
  return changed;
}

/** A path's value in a document. */
export function valueAt(doc: ProfileDocument, path: string): unknown {
  const [key, sub] = path.split(".") as [string, string | undefined];
  const value = doc[key];
  if (sub === undefined) return value;
  return isPlainObject(value) ? value[sub] : undefined;
}

/** The document with one path set (undefined or null removes it, and an object left empty). */
export function withValue(doc: ProfileDocument, path: string, value: unknown): ProfileDocument {
  const [key, sub] = path.split(".") as [string, string | undefined];
  if (sub === undefined) return mergePatch(doc, { [key]: value ?? null });
  return mergePatch(doc, { [key]: { [sub]: value ?? null } });
}

/** The profile as the API shows it: every field of the schema, null where unset; an object null when none of it is. */
export function toApiFields(def: ProfileDefinition, doc: ProfileDocument): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const field of def.fields) {
    const value = doc[field.key];
    if (field.type === "object") {
      const obj = isPlainObject(value) ? value : {};
      const present = field.children.some((c) => obj[c.key] !== undefined && obj[c.key] !== null);
      out[field.key] = present ? Object.fromEntries(field.children.map((c) => [c.key, obj[c.key] ?? null])) : null;
    } else {
      out[field.key] = value ?? null;
    }
  }
  return out;
}
