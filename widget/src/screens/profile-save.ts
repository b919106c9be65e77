import { ApiError, type FieldProblemDetail, type Profile, type ProfilePatch } from "../api/client.js";
import { emit } from "../events.js";
import type { Translation } from "../i18n/en.js";
import type { ProfileTranslation } from "../i18n/profile/en.js";
import { BUILTIN_PROFILE_SCHEMA } from "../../../server/src/profile-schema/builtin.js";
import { E164, EMAIL, isDisplaySafe } from "../../../contract/rules.js";
import {
  buildPatch,
  formFields,
  inLanguage,
  isBlank,
  isBuiltin,
  leaves,
  normalize,
  rebase,
  same,
  valuesOf,
  type FieldErrors,
  type FormField,
  type FormValue,
  type FormValues,
} from "./profile-fields.js";
import type { ProfileState } from "./profile-form.js";
import { opened, profileTerms } from "./profile-pending.js";
import { errorText, expectUser, SIGN_IN_CODES, SIGNED_OUT_CODES } from "./shared.js";

export { renderPending } from "./profile-pending.js";
export { profileTerms };

/*
 * What the profile's Save runs: the checks, the PATCH with If-Match, a 412's review, a change kept for the next
 * sign-in, every failure's message, and the code entry of a change that waits (profile-pending.ts). A chunk of its
 * own, fetched once the form has shown: none of it is needed to see and edit the profile.
 */

/** A profile change, with the form as it was when submitted. */
export interface ProfileChange {
  patch: ProfilePatch;
  snapshot: FormValues;
}

/** Checks the form (every field at once) and sends what changed. */
export async function save(flow: ProfileState): Promise<void> {
  const snapshot = { ...flow.values };
  const t = flow.ctx.t();
  const errors = validate(flow.baseline, snapshot, t, flow.fields, profileTerms(t));
  if (Object.keys(errors).length) return invalid(flow, errors, []);
  const patch = buildPatch(flow.baseline, snapshot, flow.fields);
  if (patch) await submit(flow, { patch, snapshot });
}

async function submit(flow: ProfileState, pending: ProfileChange): Promise<void> {
  const signal = flow.ctx.signal();
  flow.saving = true;
  flow.notice = null;
  flow.errors = {};
  flow.update();
  try {
    const { data, etag } = await flow.ctx.api<Profile>("/api/profile", {
      method: "PATCH",
      body: pending.patch,
      headers: flow.etag ? { "If-Match": flow.etag } : {},
    });
    if (signal.aborted) return;
    // Keep whatever the user typed while the request was in flight.
    flow.show(data, etag, rebase(valuesOf(data, flow.fields), pending.snapshot, flow.values));
    // A new email or phone waits for its code beside its field; the rest is saved as usual.
    const { saved, waiting } = opened(flow, pending.patch);
    const t = flow.ctx.t();
    const needed = waiting ? profileTerms(t).codeNeeded : "";
    flow.notice = { tone: "success", text: saved ? `${t.saved} ${needed}`.trim() : needed };
    // The host hears of a change once it applies: now, or when its code is entered.
    if (saved || !waiting) emit(flow.ctx.host, "profile-widget-success", { flow: "profile", action: "profile_updated" });
  } catch (error) {
    if (signal.aborted) return;
    if (error instanceof ApiError && error.code === "version_conflict") await reconcile(flow);
    else fail(flow, error, pending);
  } finally {
    flow.saving = false;
    flow.update();
  }
}

/**
 * Loads the latest profile after a 412 and lays the user's unsaved edits on top for review. With `pending`
 * (resuming after a sign-in) it answers whether the profile is unchanged, so the change can be replayed as is.
 */
async function reconcile(flow: ProfileState, pending?: ProfileChange): Promise<boolean> {
  const signal = flow.ctx.signal();
  try {
    const { data, etag } = await flow.ctx.api<Profile>("/api/profile");
    if (signal.aborted) return false;
    // A new token may belong to someone else: never replay one user's edits onto another's profile.
    expectUser(data.username, flow.profile?.username);
    if (pending && etag === flow.etag) return true;
    flow.show(data, etag, rebase(valuesOf(data, flow.fields), flow.baseline, flow.values));
    fail(flow, new ApiError(412, "version_conflict", ""));
  } catch (error) {
    if (!signal.aborted) fail(flow, error, pending);
  }
  return false;
}

/** Resubmits a profile change after a sign-in, unless the profile changed meanwhile (then it is shown for review). */
async function resubmit(flow: ProfileState, pending: ProfileChange): Promise<void> {
  if (flow.saving) return;
  flow.saving = true;
  flow.notice = null;
  flow.update();
  const unchanged = await reconcile(flow, pending);
  flow.saving = false;
  flow.update();
  if (unchanged) await submit(flow, pending);
}

function invalid(flow: ProfileState, errors: FieldErrors, unmatched: string[]): void {
  const { host } = flow.ctx;
  flow.errors = errors;
  flow.notice = { tone: "error", text: [flow.ctx.t().errors.validation_failed, ...unmatched].join(" ") };
  flow.update();
  void host.updateComplete.then(() => host.renderRoot.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus());
}

/**
 * Shows a failure beside Save (field errors under their fields; the session of someone else full-card) and reports
 * it. With `pending`, a change refused until a fresh sign-in is kept and resubmitted with the next token.
 */
export function fail(flow: ProfileState, error: unknown, pending?: ProfileChange): void {
  const { code, fields = {}, details } = error instanceof ApiError ? error : new ApiError(0, "unknown", String(error));
  const t = flow.ctx.t();
  if (code === "validation_failed") {
    // The server's words are English: in another language, each field's problem (its keyword and parameters) is said
    // in the widget's, and the server's words are the fallback.
    const say = (path: string, text: string, field?: FormField) => {
      const problem = details.problems?.[path];
      return problem && t.lang !== "en" ? problemText(field, problem.keyword, problem.params, t, profileTerms(t)) : text;
    };
    const all = leaves(flow.fields);
    const matched = Object.entries(fields).flatMap(([path, text]) => {
      const field = all.find((f) => f.path === path && !f.readOnly);
      return field ? [[path, say(path, text, field)]] : [];
    });
    const unmatched = Object.entries(fields)
      .filter(([path]) => !all.some((f) => f.path === path && !f.readOnly))
      .map(([path, text]) => say(path, text));
    return invalid(flow, Object.fromEntries(matched), unmatched);
  }
  if (code === "username_mismatch") return flow.ctx.failCard(error);
  const kept = !!pending && flow.ctx.pending.keepFor(code, () => resubmit(flow, pending));
  if (SIGNED_OUT_CODES.has(code)) return flow.ctx.signedOut(error, kept || flow.ctx.pending.waiting);
  if (code === "reauthentication_required" && pending) return void needsSignIn(flow, pending);
  const message = errorText(t, code) + (kept && code !== "reauthentication_required" ? ` ${t.changesKept}` : "");
  const calm = SIGN_IN_CODES.has(code) || code === "version_conflict";
  flow.notice = { tone: calm ? "warning" : "error", text: message, retry: !calm };
  flow.update();
  emit(flow.ctx.host, "profile-widget-error", { flow: "profile", code, message });
}

/**
 * A change of a protected field (email or phone in the built-in schema) that needs a recent sign-in: said beside the
 * field concerned, with the way forward in the message — "Confirm it's you" with a device, else "Sign in again"
 * (which tells the host) — and Save held until then. The change is kept and sent once the person is back.
 */
async function needsSignIn(flow: ProfileState, pending: ProfileChange): Promise<void> {
  const t = flow.ctx.t();
  const code = "reauthentication_required";
  const fields = leaves(flow.fields)
    .filter((f) => f.x.protected && !same(normalize(f, pending.snapshot[f.path]), normalize(f, flow.baseline[f.path])))
    .map((f) => f.path);
  const confirm = await flow.ctx.canConfirm();
  const message = confirm ? t.reauthConfirm : t.errors.reauthentication_required;
  flow.notice = { tone: "warning", text: message, fields, confirm, signIn: !confirm };
  flow.update();
  emit(flow.ctx.host, "profile-widget-error", { flow: "profile", code, message });
  const { host } = flow.ctx;
  await host.updateComplete;
  host.renderRoot.querySelector<HTMLElement>(".attention-note button")?.focus();
}

let builtin: FormField[] | undefined;
/** The built-in schema's fields, with their limits and messages: what `validate` checks when given no fields. */
const builtinSchemaFields = () => (builtin ??= formFields(JSON.parse(JSON.stringify(BUILTIN_PROFILE_SCHEMA))));

const DATE = /^(\d{4})-(\d\d)-(\d\d)$/;
const NUMBER = /^-?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

/** A value's first problem by the schema's keywords (the server's order), or null: a check of its own, no validator. */
function check(f: FormField, value: FormValue): FieldProblemDetail | null {
  const s = f.schema;
  const problem = (keyword: string, params: Record<string, unknown> = {}) => ({ keyword, params });
  const limit = (key: string) => (typeof s[key] === "number" ? (s[key] as number) : undefined);
  if (Array.isArray(value)) {
    const [min, max] = [limit("minItems"), limit("maxItems")];
    if (min !== undefined && value.length < min) return problem("minItems", { limit: min });
    if (max !== undefined && value.length > max) return problem("maxItems", { limit: max });
    return null;
  }
  if (typeof value !== "string") return null;
  if (f.type === "integer" || f.type === "number") {
    const n = Number(value);
    if (!NUMBER.test(value) || (f.type === "integer" && !Number.isInteger(n))) return problem("type", { type: f.type });
    if (Array.isArray(s.enum) && !s.enum.includes(n)) return problem("enum");
    const [min, max] = [limit("minimum"), limit("maximum")];
    if (min !== undefined && n < min) return problem("minimum", { limit: min });
    if (max !== undefined && n > max) return problem("maximum", { limit: max });
    return null;
  }
  if (f.x.input === "country") return null;
  if (!isDisplaySafe(value)) return problem("displaySafe");
  // JSON Schema counts characters, not UTF-16 units.
  const length = [...value].length;
  const [min, max] = [limit("minLength"), limit("maxLength")];
  if (max !== undefined && length > max) return problem("maxLength", { limit: max });
  if (min !== undefined && length < min) return problem("minLength", { limit: min });
  const format = s.format as string | undefined;
  const date = DATE.exec(value);
  const wrong =
    format === "email"
      ? !EMAIL.test(value)
      : format === "tel"
        ? !E164.test(value)
        : format === "date"
          ? !date || new Date(Date.UTC(+date[1]!, +date[2]! - 1, +date[3]!)).getUTCDate() !== +date[3]!
          : format === "uri"
            ? !URL.canParse(value) || !/^[a-z][a-z\d+.-]*:/i.test(value)
            : false;
  if (wrong) return problem("format", { format });
  if (typeof s.pattern === "string" && !new RegExp(s.pattern, "u").test(value)) return problem("pattern", { pattern: s.pattern });
  if (Array.isArray(s.enum) && !s.enum.includes(value)) return problem("enum");
  return null;
}

/** The built-in fields' own words in each language cover these problems (`invalidField`: what the field accepts). */
const BUILTIN_WORDED = new Set(["maxLength", "pattern", "format", "displaySafe", "country", "type"]);

/**
 * A field's problem in the person's language: the schema's own words for it (`x-profile.messages`), the widget's
 * words for an email or phone number and for the built-in fields, then the keyword's.
 */
export function problemText(
  f: FormField | undefined,
  keyword: string,
  params: Record<string, unknown>,
  t: Translation,
  p: ProfileTranslation = profileTerms(t),
): string {
  const own = inLanguage(f?.x.messages?.[keyword], t.lang);
  if (own) return own;
  const format = f?.schema.format ?? params.format;
  if (keyword === "format" && format === "email") return t.invalidEmail;
  if (keyword === "format" && format === "tel") return t.invalidPhone;
  const worded = f && t.invalidField && isBuiltin(f) && BUILTIN_WORDED.has(keyword) ? (t.invalidField as Record<string, string>)[f.path] : undefined;
  if (worded) return worded;
  const n = Number(params.limit);
  const { problems } = p;
  switch (keyword) {
    case "required":
      return problems.required;
    case "minLength":
    case "maxLength":
    case "minimum":
    case "maximum":
    case "minItems":
    case "maxItems":
      return problems[keyword](n);
    case "format":
      return problems[format as "date" | "uri"] ?? problems.pattern;
    case "type":
      return f?.x.input === "country" ? problems.country : params.type === "integer" ? problems.integer : params.type === "number" ? problems.number : problems.other;
    case "pattern":
    case "enum":
    case "displaySafe":
    case "country":
    case "readOnly":
      return problems[keyword];
    default:
      return problems.other;
  }
}

/**
 * The server's checks, all at once (one save shows every field's problem): a required field left empty, and the
 * changed fields' values (a stored value the user did not touch never blocks a save). Messages in the widget's
 * language; English says the server's words.
 */
export function validate(
  baseline: FormValues,
  values: FormValues,
  t: Translation,
  fields: FormField[] = builtinSchemaFields(),
  p: ProfileTranslation = profileTerms(t),
): FieldErrors {
  const errors: FieldErrors = {};
  for (const parent of fields) {
    const own = parent.type === "object" ? parent.children : [parent];
    // An object's required fields count once any of it is filled in (or the object itself is required).
    const used = parent.type !== "object" || parent.required || own.some((f) => !isBlank(normalize(f, values[f.path])));
    for (const f of own) {
      if (f.readOnly) continue;
      const value = normalize(f, values[f.path]);
      if (isBlank(value)) {
        if (f.required && used && f.type !== "boolean") errors[f.path] = problemText(f, "required", {}, t, p);
        continue;
      }
      if (same(value, normalize(f, baseline[f.path]))) continue;
      const problem = check(f, value);
      if (problem) errors[f.path] = problemText(f, problem.keyword, problem.params, t, p);
    }
  }
  return errors;
}
