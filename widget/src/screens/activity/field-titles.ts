import en, { type Translation } from "../../i18n/en.js";

/**
 * A profile field's title as the profile form labels it (screens/profile-fields.ts `labelOf`, which a test keeps this
 * equal to): the schema's `x-profile.titles` in the language, the widget's own term for a built-in field, the schema's
 * `title`, else the path. Restated here, from the schema alone, so the activity screen needs no chunk of the profile
 * flow's.
 */

export type JsonSchema = Record<string, unknown>;

/** The built-in schema's fields, by path, and the widget's own term for each in every language. */
const BUILTIN_TERMS: Record<string, keyof Translation> = {
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
};

const isObject = (x: unknown): x is JsonSchema => typeof x === "object" && x !== null && !Array.isArray(x);

/** A property of an object schema, if it has it. */
const property = (schema: unknown, key: string): JsonSchema | undefined => {
  const properties = isObject(schema) ? schema.properties : undefined;
  const own = isObject(properties) ? properties[key] : undefined;
  return isObject(own) ? own : undefined;
};

/** The entry of an `x-profile` language map for `lang`: the exact tag, then its base language. */
function inLanguage(map: unknown, lang: string): string | undefined {
  if (!isObject(map)) return undefined;
  const entries = Object.entries(map).filter((entry): entry is [string, string] => typeof entry[1] === "string");
  const tag = lang.toLowerCase();
  return (entries.find(([key]) => key.toLowerCase() === tag) ?? entries.find(([key]) => key.toLowerCase() === tag.split("-")[0]))?.[1];
}

/**
 * The title of the field at `path` (`givenName`, `address.postalCode`) in the language of `t`, from the active
 * schema (GET /api/profile/schema); a built-in field it does not describe (or without a schema) gets the widget's term.
 */
export function fieldTitle(path: string, schema: JsonSchema | null, t: Translation): string {
  const [group = "", key] = path.split(".");
  const top = property(schema, group);
  const own = key ? property(top, key) : top;
  const x = isObject(own?.["x-profile"]) ? own["x-profile"] : undefined;
  const term = BUILTIN_TERMS[path];
  const builtin = term && (!own || own.title === en[term]);
  return inLanguage(x?.titles, t.lang) ?? (builtin ? (t[term] as string) : undefined) ?? (typeof own?.title === "string" ? own.title : path);
}
