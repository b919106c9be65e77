import { ApiError, type Profile, type ProfilePatch } from "../api/client.js";
import { emit } from "../events.js";
import type { Translation } from "../i18n/en.js";
import { POSTAL_CODE, PROFILE_MAX_LENGTH, PROFILE_MESSAGES } from "../../../contract/profile-rules.js";
import { E164, EMAIL, HIDDEN_CHARACTERS_MESSAGE, isDisplaySafe } from "../../../contract/rules.js";
import {
  buildPatch,
  FIELDS,
  isField,
  normalize,
  PROTECTED_FIELDS,
  rebase,
  valuesOf,
  type FieldErrors,
  type FieldPath,
  type FormValues,
  type ProfileState,
} from "./profile-form.js";
import { errorText, expectUser, SIGN_IN_CODES, SIGNED_OUT_CODES } from "./shared.js";

/*
 * What the profile's Save runs: the checks, the PATCH with If-Match, a 412's review, a change kept for the next
 * sign-in, and every failure's message. A chunk of its own, fetched once the form has shown: none of it is needed to
 * see and edit the profile.
 */

/** A profile change, with the form as it was when submitted. */
export interface ProfileChange {
  patch: ProfilePatch;
  snapshot: FormValues;
}

/** Checks the changed fields (every one at once) and sends what changed. */
export async function save(flow: ProfileState): Promise<void> {
  const snapshot = { ...flow.values };
  const errors = validate(flow.baseline, snapshot, flow.ctx.t());
  if (Object.keys(errors).length) return invalid(flow, errors, []);
  const patch = buildPatch(flow.baseline, snapshot);
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
    flow.show(data, etag, rebase(valuesOf(data), pending.snapshot, flow.values));
    flow.notice = { tone: "success", text: flow.ctx.t().saved };
    emit(flow.ctx.host, "profile-widget-success", { flow: "profile", action: "profile_updated" });
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
    flow.show(data, etag, rebase(valuesOf(data), flow.baseline, flow.values));
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
  const { code, fields = {} } = error instanceof ApiError ? error : new ApiError(0, "unknown", String(error));
  const t = flow.ctx.t();
  if (code === "validation_failed") {
    // The server's words are English: a field it names gets what that field accepts, in the widget's language.
    const matched = Object.entries(fields).filter(([path]) => isField(path)).map(([path, text]) => [path, t.invalidField?.[path as FieldPath] ?? text]);
    const unmatched = Object.entries(fields).filter(([path]) => !isField(path)).map(([, text]) => text);
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
 * An email or phone change that needs a recent sign-in: said beside the field concerned, with the way forward in
 * the message — "Confirm it's you" with a device, else "Sign in again" (which tells the host) — and Save held until
 * then. The change is kept and sent once the person is back.
 */
async function needsSignIn(flow: ProfileState, pending: ProfileChange): Promise<void> {
  const t = flow.ctx.t();
  const code = "reauthentication_required";
  const fields = PROTECTED_FIELDS.filter((path) => normalize(path, pending.snapshot[path]) !== normalize(path, flow.baseline[path]));
  const confirm = await flow.ctx.canConfirm();
  const message = confirm ? t.reauthConfirm : t.errors.reauthentication_required;
  flow.notice = { tone: "warning", text: message, fields, confirm, signIn: !confirm };
  flow.update();
  emit(flow.ctx.host, "profile-widget-error", { flow: "profile", code, message });
  const { host } = flow.ctx;
  await host.updateComplete;
  host.renderRoot.querySelector<HTMLElement>(".attention-note button")?.focus();
}

/**
 * The server's checks, on changed fields only (a stored value the user did not touch never blocks a save), all at
 * once: one save shows every field's problem. Messages in the widget's language; English says the server's words.
 */
export function validate(baseline: FormValues, values: FormValues, t: Translation): FieldErrors {
  const errors: FieldErrors = {};
  for (const path of FIELDS) {
    const value = normalize(path, values[path]);
    if (!value || value === normalize(path, baseline[path]) || path === "address.countryCode") continue;
    const max = PROFILE_MAX_LENGTH[path as keyof typeof PROFILE_MAX_LENGTH];
    const wrong = !isDisplaySafe(value)
      ? HIDDEN_CHARACTERS_MESSAGE
      : max && value.length > max
        ? PROFILE_MESSAGES.max(max)
        : path === "email" && !EMAIL.test(value)
          ? t.invalidEmail
          : path === "phone" && !E164.test(value)
            ? t.invalidPhone
            : path === "address.postalCode" && !POSTAL_CODE.test(value)
              ? PROFILE_MESSAGES.postalCode
              : "";
    if (wrong) errors[path] = path === "email" || path === "phone" ? wrong : (t.invalidField?.[path] ?? wrong);
  }
  return errors;
}
