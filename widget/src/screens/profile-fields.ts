import { normalizePhone } from "../../../contract/rules.js";
import type { Profile, ProfilePatch } from "../api/client.js";
import en, { type Translation } from "../i18n/en.js";

/**
 * The profile's fields as the server's schema describes them (GET /api/profile/schema: a JSON Schema with
 * `x-profile`, see DESIGN.md "Profile schema"), and the form's values: one per field path (`address.postalCode`),
 * text as typed, a checkbox's true or false, a list's chosen values.
 */

export type JsonSchema = Record<string, unknown>;

/** `x-profile`: what the schema adds for the form (the server checks it at start; see its definition.ts). */
export interface FieldOptions {
  order?: number;
  autocomplete?: string;
  input?: "textarea" | "select" | "radio" | "country";
  protected?: boolean;
  verify?: "email" | "phone";
  titles?: Record<string, string>;
  descriptions?: Record<string, string>;
  messages?: Record<string, Record<string, string>>;
}

export interface FormField {
  /** Dotted, as the API's `fields` name it: `givenName`, `address.postalCode`. */
  path: string;
  key: string;
  type: "string" | "integer" | "number" | "boolean" | "array" | "object";
  /** The property's schema: title, description, enum, format, limits… */
  schema: JsonSchema;
  x: FieldOptions;
  required: boolean;
  readOnly: boolean;
  /** An object's fields, in order. */
  children: FormField[];
}

export type FormValue = string | boolean | string[];
export type FormValues = Record<string, FormValue>;
export type FieldErrors = Record<string, string | undefined>;

const isObject = (x: unknown): x is JsonSchema => typeof x === "object" && x !== null && !Array.isArray(x);

/** The schema's fields in `x-profile.order` (the document's order where there is none), objects with theirs. */
export function formFields(schema: JsonSchema, parent = ""): FormField[] {
  const properties = isObject(schema.properties) ? schema.properties : {};
  const required = Array.isArray(schema.required) ? schema.required : [];
  const fields = Object.entries(properties).map(([key, property], i): [FormField, number] => {
    const s = isObject(property) ? property : {};
    const x = (isObject(s["x-profile"]) ? s["x-profile"] : {}) as FieldOptions;
    const path = parent ? `${parent}.${key}` : key;
    const type = (s.type as FormField["type"]) ?? "string";
    const field = { path, key, type, schema: s, x, required: required.includes(key), readOnly: s.readOnly === true, children: [] };
    if (type === "object" && !parent) field.children = formFields(s, path) as never;
    return [field, i];
  });
  const order = ([f, i]: [FormField, number]) => f.x.order ?? Number.MAX_SAFE_INTEGER + i;
  return fields.sort((a, b) => order(a) - order(b)).map(([f]) => f);
}

/** Every field that holds a value (an object's fields in its place). */
export const leaves = (fields: FormField[]): FormField[] => fields.flatMap((f) => (f.type === "object" ? f.children : [f]));

/** A field's value in the form, from the profile's. */
function formValue(field: FormField, value: unknown): FormValue {
  if (field.type === "boolean") return value === true;
  if (field.type === "array") return Array.isArray(value) ? value.map(String) : [];
  return value === null || value === undefined ? "" : String(value);
}

export function valuesOf(profile: Profile, fields: FormField[]): FormValues {
  const record = profile as Record<string, unknown>;
  return Object.fromEntries(
    leaves(fields).map((field) => {
      const [group = "", key] = field.path.split(".");
      const value = key ? (record[group] as Record<string, unknown> | null | undefined)?.[key] : record[group];
      return [field.path, formValue(field, value)];
    }),
  );
}

/** The value as it will be compared: text trimmed, and a phone number without the separators people type. */
export function normalize(field: FormField | undefined, value: FormValue | undefined): FormValue {
  if (typeof value !== "string") return value ?? "";
  const trimmed = value.trim();
  return field?.schema.format === "tel" && /^[+\d\s().-]+$/.test(trimmed) ? normalizePhone(trimmed) : trimmed;
}

export const same = (a: FormValue | undefined, b: FormValue | undefined): boolean => JSON.stringify(a ?? "") === JSON.stringify(b ?? "");
export const isBlank = (value: FormValue | undefined): boolean => value === "" || value === false || (Array.isArray(value) && !value.length);

/** The JSON the API takes for a form value: null clears; numbers as numbers. */
function apiValue(field: FormField, value: FormValue): unknown {
  if (Array.isArray(value)) return value.length ? value : null;
  if (typeof value !== "string") return value;
  if (!value) return null;
  return field.type === "integer" || field.type === "number" ? Number(value) : value;
}

/** The merge patch from `baseline` to `values` (only what changed, read-only fields never), or null when nothing did. */
export function buildPatch(baseline: FormValues, values: FormValues, fields: FormField[]): ProfilePatch | null {
  const patch: Record<string, unknown> = {};
  for (const field of fields) {
    const own = field.type === "object" ? field.children : [field];
    const changed = own.filter((f) => !f.readOnly && !same(normalize(f, values[f.path]), normalize(f, baseline[f.path])));
    if (!changed.length) continue;
    const entries = changed.map((f) => [f.key, apiValue(f, normalize(f, values[f.path]))]);
    if (field.type !== "object") patch[field.key] = entries[0]![1];
    // An object whose every field is empty is cleared as a whole.
    else patch[field.key] = own.every((f) => isBlank(normalize(f, values[f.path]))) ? null : Object.fromEntries(entries);
  }
  return Object.keys(patch).length ? (patch as ProfilePatch) : null;
}

/** `latest` with the user's edits (fields where `edited` differs from `base`) laid on top. */
export function rebase(latest: FormValues, base: FormValues, edited: FormValues): FormValues {
  return Object.fromEntries(Object.keys(latest).map((p) => [p, same(edited[p], base[p]) ? latest[p]! : (edited[p] ?? latest[p]!)]));
}

/** The built-in schema's fields, by path, and the widget's own term for each in every language. */
const BUILTIN_TERMS = {
  givenName: "givenName",
  familyName: "familyName",
  email: "email",
  phone: "phone",
  address: "addressSection",
  "address.streetAddress": "streetAddress",
  "address.locality": "locality",
  "address.region": "region",
  "address.postalCode": "postalCode",
  "address.countryCode": "countryCode",
} as const satisfies Record<string, keyof Translation>;
const BUILTIN_HINTS: Record<string, "phoneHint"> = { phone: "phoneHint" };

/** The language's entry of an `x-profile` language map: the exact tag, then its base language. */
export function inLanguage(map: Record<string, string> | undefined, lang: string): string | undefined {
  if (!map) return undefined;
  const tag = lang.toLowerCase();
  const entry = Object.entries(map).find(([key]) => key.toLowerCase() === tag) ?? Object.entries(map).find(([key]) => key.toLowerCase() === tag.split("-")[0]);
  return entry?.[1];
}

/**
 * Whether the field is the built-in schema's, as it titled it: then the widget's own words apply in every
 * language (a field the operator renamed keeps the operator's words).
 */
export const isBuiltin = (field: FormField): boolean =>
  field.path in BUILTIN_TERMS && field.schema.title === en[BUILTIN_TERMS[field.path as keyof typeof BUILTIN_TERMS]];

/** The field's label: `x-profile.titles` in the language, the widget's term for a built-in field, `title`, the name. */
export function labelOf(field: FormField, t: Translation): string {
  return (
    inLanguage(field.x.titles, t.lang) ??
    (isBuiltin(field) ? t[BUILTIN_TERMS[field.path as keyof typeof BUILTIN_TERMS]] : undefined) ??
    (field.schema.title as string | undefined) ??
    field.key
  );
}

/** The field's help text, chosen like its label. */
export function hintOf(field: FormField, t: Translation): string | undefined {
  const term = BUILTIN_HINTS[field.path];
  return (
    inLanguage(field.x.descriptions, t.lang) ??
    (term && field.schema.description === en[term] ? t[term] : undefined) ??
    (field.schema.description as string | undefined)
  );
}
