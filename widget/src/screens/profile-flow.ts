import type { TemplateResult } from "lit";
import { ApiError, type ApiResponse, type Profile, type ProfilePatch } from "../api/client.js";
import { emit } from "../events.js";
import {
  buildPatch,
  countryOptions,
  isField,
  normalize,
  PROTECTED_FIELDS,
  rebase,
  renderProfileForm,
  valuesOf,
  type FieldErrors,
  type FieldPath,
  type FormValues,
  type Notice,
} from "./profile-form.js";
import { errorText, expectUser, SIGN_IN_CODES, SIGNED_OUT_CODES, type FlowContext } from "./shared.js";

/** The checks Save runs (screens/profile-checks.ts), fetched once. */
let checksModule: Promise<typeof import("./profile-checks.js")> | undefined;
const checks = () => (checksModule ??= import("./profile-checks.js").catch((error: unknown) => {
  checksModule = undefined;
  throw error;
}));

/** What the widget lends the profile flow besides what every flow gets. */
export interface ProfileContext extends FlowContext {
  /** The current run's signal: aborted when the widget starts over, so late answers of an old run are dropped. */
  signal(): AbortSignal;
  /** Shows a failure full-card and reports it (the session turned out to be someone else's). */
  failCard(error: unknown): void;
  /** The widget's `retry()`, behind "Try again" in a message. */
  retry(): void;
}

/** A profile change, with the form as it was when submitted. */
interface ProfileChange {
  patch: ProfilePatch;
  snapshot: FormValues;
}

/**
 * The profile flow (`data-flow="profile"`, the default): loads the profile into the form, saves what changed (with
 * `If-Match`), lays unsaved edits over the latest profile after a 412, shows field errors in the person's language,
 * and resubmits a change that waited for a fresh sign-in. A chunk of its own, fetched while the profile is asked for; the element renders it.
 */
export class ProfileFlow {
  values = {} as FormValues;
  errors: FieldErrors = {};
  saving = false;
  /** Save's checks run (their chunk may still be on its way). */
  private checking = false;
  notice: Notice | null = null;
  /** The full country list, rendered just after the form first shows (see ProfileFormView.allCountries). */
  private allCountries = false;
  private countriesScheduled = false;
  /** The profile as last loaded or saved; its user is shown in the widget's header. */
  profile?: Profile;
  private baseline = {} as FormValues;
  private etag: string | null = null;

  constructor(private readonly ctx: ProfileContext) {}

  private update(): void {
    this.ctx.host.requestUpdate();
  }

  /**
   * Loads the profile into the form once `strings` (the person's language) are in; throws what the widget shows
   * full-card (`username_mismatch` when `expectedUsername` is set and differs).
   */
  async load(expectedUsername: string, strings: Promise<unknown>, first?: Promise<ApiResponse<Profile>>): Promise<void> {
    this.notice = null;
    this.errors = {};
    this.update();
    const request = first ?? this.ctx.api<Profile>("/api/profile");
    // While the request is in flight: the country names (Intl's data loads slowly on a cold page).
    void strings.then(() => countryOptions(this.ctx.locale()));
    const [{ data, etag }] = await Promise.all([request, strings]);
    if (expectedUsername) expectUser(data.username, expectedUsername);
    this.show(data, etag, valuesOf(data));
  }

  /**
   * Checks a new token against the server, keeping the user's unsaved edits on top of the latest profile. Answers
   * false when the token is someone else's, for the widget to start over.
   */
  async refresh(): Promise<boolean> {
    const signal = this.ctx.signal();
    try {
      const { data, etag } = await this.ctx.api<Profile>("/api/profile");
      if (signal.aborted) return true;
      if (data.username !== this.profile?.username) return false;
      if (this.notice?.tone !== "success") this.notice = null;
      this.show(data, etag, rebase(valuesOf(data), this.baseline, this.values));
    } catch (error) {
      if (!signal.aborted) this.fail(error);
    }
    return true;
  }

  /** The form has painted: the rest of the country list and the checks Save runs follow, one frame and a task later. */
  painted(): void {
    if (this.allCountries || this.countriesScheduled) return;
    this.countriesScheduled = true;
    requestAnimationFrame(() =>
      setTimeout(() => {
        this.allCountries = true;
        void checks().catch(() => {});
        this.update();
      }),
    );
  }

  private show(profile: Profile, etag: string | null, values: FormValues): void {
    this.profile = profile;
    this.etag = etag;
    this.baseline = valuesOf(profile);
    this.values = values;
    this.update();
  }

  /** Checks the changed fields and sends what changed. */
  async save(): Promise<void> {
    // A change waiting for a sign-in would only be refused again.
    if (this.saving || this.checking || this.notice?.fields) return;
    const snapshot = { ...this.values };
    let errors: FieldErrors = {};
    this.checking = true;
    try {
      errors = (await checks()).validate(this.baseline, snapshot, this.ctx.t());
    } catch {
      // The checks could not be fetched: the server checks the same (and answers every field's problem).
    } finally {
      this.checking = false;
    }
    if (Object.keys(errors).length) return this.invalid(errors, []);
    const patch = buildPatch(this.baseline, snapshot);
    if (patch) await this.submit({ patch, snapshot });
  }

  private async submit(pending: ProfileChange): Promise<void> {
    const signal = this.ctx.signal();
    this.saving = true;
    this.notice = null;
    this.errors = {};
    this.update();
    try {
      const { data, etag } = await this.ctx.api<Profile>("/api/profile", {
        method: "PATCH",
        body: pending.patch,
        headers: this.etag ? { "If-Match": this.etag } : {},
      });
      if (signal.aborted) return;
      // Keep whatever the user typed while the request was in flight.
      this.show(data, etag, rebase(valuesOf(data), pending.snapshot, this.values));
      this.notice = { tone: "success", text: this.ctx.t().saved };
      emit(this.ctx.host, "profile-widget-success", { flow: "profile", action: "profile_updated" });
    } catch (error) {
      if (signal.aborted) return;
      if (error instanceof ApiError && error.code === "version_conflict") await this.reconcile();
      else this.fail(error, pending);
    } finally {
      this.saving = false;
      this.update();
    }
  }

  /**
   * Loads the latest profile after a 412 and lays the user's unsaved edits on top for review. With `pending`
   * (resuming after a sign-in) it answers whether the profile is unchanged, so the change can be replayed as is.
   */
  private async reconcile(pending?: ProfileChange): Promise<boolean> {
    const signal = this.ctx.signal();
    try {
      const { data, etag } = await this.ctx.api<Profile>("/api/profile");
      if (signal.aborted) return false;
      // A new token may belong to someone else: never replay one user's edits onto another's profile.
      expectUser(data.username, this.profile?.username);
      if (pending && etag === this.etag) return true;
      this.show(data, etag, rebase(valuesOf(data), this.baseline, this.values));
      this.fail(new ApiError(412, "version_conflict", ""));
    } catch (error) {
      if (!signal.aborted) this.fail(error, pending);
    }
    return false;
  }

  /** Resubmits a profile change after a sign-in, unless the profile changed meanwhile (then it is shown for review). */
  private async resubmit(pending: ProfileChange): Promise<void> {
    if (this.saving) return;
    this.saving = true;
    this.notice = null;
    this.update();
    const unchanged = await this.reconcile(pending);
    this.saving = false;
    this.update();
    if (unchanged) await this.submit(pending);
  }

  private invalid(errors: FieldErrors, unmatched: string[]): void {
    const { host } = this.ctx;
    this.errors = errors;
    this.notice = { tone: "error", text: [this.ctx.t().errors.validation_failed, ...unmatched].join(" ") };
    this.update();
    void host.updateComplete.then(() => host.renderRoot.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus());
  }

  /**
   * Shows a failure beside Save (field errors under their fields; the session of someone else full-card) and reports
   * it. With `pending`, a change refused until a fresh sign-in is kept and resubmitted with the next token.
   */
  private fail(error: unknown, pending?: ProfileChange): void {
    const { code, fields = {} } = error instanceof ApiError ? error : new ApiError(0, "unknown", String(error));
    const t = this.ctx.t();
    if (code === "validation_failed") {
      // The server's words are English: a field it names gets what that field accepts, in the widget's language.
      const matched = Object.entries(fields).filter(([path]) => isField(path)).map(([path, text]) => [path, t.invalidField?.[path as FieldPath] ?? text]);
      const unmatched = Object.entries(fields).filter(([path]) => !isField(path)).map(([, text]) => text);
      return this.invalid(Object.fromEntries(matched), unmatched);
    }
    if (code === "username_mismatch") return this.ctx.failCard(error);
    const kept = !!pending && this.ctx.pending.keepFor(code, () => this.resubmit(pending));
    if (SIGNED_OUT_CODES.has(code)) return this.ctx.signedOut(error, kept || this.ctx.pending.waiting);
    if (code === "reauthentication_required" && pending) return void this.needsSignIn(pending);
    const message = errorText(t, code) + (kept && code !== "reauthentication_required" ? ` ${t.changesKept}` : "");
    const calm = SIGN_IN_CODES.has(code) || code === "version_conflict";
    this.notice = { tone: calm ? "warning" : "error", text: message, retry: !calm };
    this.update();
    emit(this.ctx.host, "profile-widget-error", { flow: "profile", code, message });
  }

  /**
   * An email or phone change that needs a recent sign-in: said beside the field concerned, with the way forward in
   * the message — "Confirm it's you" with a device, else "Sign in again" (which tells the host) — and Save held until
   * then. The change is kept and sent once the person is back.
   */
  private async needsSignIn(pending: ProfileChange): Promise<void> {
    const t = this.ctx.t();
    const code = "reauthentication_required";
    const fields = PROTECTED_FIELDS.filter((path) => normalize(path, pending.snapshot[path]) !== normalize(path, this.baseline[path]));
    const confirm = await this.ctx.canConfirm();
    const message = confirm ? t.reauthConfirm : t.errors.reauthentication_required;
    this.notice = { tone: "warning", text: message, fields, confirm, signIn: !confirm };
    this.update();
    emit(this.ctx.host, "profile-widget-error", { flow: "profile", code, message });
    const { host } = this.ctx;
    await host.updateComplete;
    host.renderRoot.querySelector<HTMLElement>(".attention-note button")?.focus();
  }

  private onInput = (event: Event): void => {
    const { name, value } = event.target as HTMLInputElement;
    if (!isField(name)) return;
    this.values = { ...this.values, [name]: value };
    if (this.errors[name]) this.errors = { ...this.errors, [name]: undefined };
    if (this.notice?.tone === "success") this.notice = null;
    // The field that needed a sign-in is back as it was: nothing waits any more.
    const held = this.notice?.fields;
    if (held && held.every((path) => normalize(path, this.values[path]) === normalize(path, this.baseline[path]))) {
      this.notice = null;
      this.ctx.pending.drop();
    }
    this.update();
  };

  private onSubmit = (event: SubmitEvent): void => {
    event.preventDefault();
    void this.save();
  };

  private onDiscard = (): void => {
    this.values = { ...this.baseline };
    this.errors = {};
    this.notice = null;
    this.ctx.pending.drop();
    this.update();
  };

  render(): TemplateResult {
    return renderProfileForm({
      t: this.ctx.t(),
      locale: this.ctx.locale(),
      allCountries: this.allCountries,
      values: this.values,
      errors: this.errors,
      dirty: buildPatch(this.baseline, this.values) !== null,
      saving: this.saving,
      notice: this.notice,
      onInput: this.onInput,
      onSubmit: this.onSubmit,
      onDiscard: this.onDiscard,
      onRetry: () => this.ctx.retry(),
      onConfirm: () => this.ctx.confirm(),
      onSignIn: () => this.ctx.signIn("reauthentication_required"),
    });
  }
}
