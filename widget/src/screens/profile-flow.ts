import type { TemplateResult } from "lit";
import { ApiError, type ApiResponse, type Profile } from "../api/client.js";
import {
  buildPatch,
  countryOptions,
  isField,
  normalize,
  rebase,
  renderProfileForm,
  valuesOf,
  type FieldErrors,
  type FormValues,
  type Notice,
  type ProfileContext,
  type ProfileState,
} from "./profile-form.js";
import { errorText, expectUser } from "./shared.js";

export type { ProfileContext };

/** What Save runs (screens/profile-save.ts): fetched once the form has shown, or by the first save. */
let saveModule: Promise<typeof import("./profile-save.js")> | undefined;
const saving = () =>
  (saveModule ??= import("./profile-save.js").catch((error: unknown) => {
    saveModule = undefined;
    throw new ApiError(0, "network_error", String(error));
  }));

/**
 * The profile flow (`data-flow="profile"`, the default): loads the profile into the form and keeps the person's edits;
 * a chunk of its own, fetched while the profile is asked for; the element renders it. What Save runs — the checks,
 * the PATCH with `If-Match`, a 412's review, field errors in the person's language, a change kept for the next
 * sign-in — is in profile-save.ts, fetched once the form has shown.
 */
export class ProfileFlow implements ProfileState {
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
  /** The form's values as last loaded or saved: what a change is measured from. */
  baseline = {} as FormValues;
  etag: string | null = null;

  constructor(readonly ctx: ProfileContext) {}

  update(): void {
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
        void saving().catch(() => {});
        this.update();
      }),
    );
  }

  show(profile: Profile, etag: string | null, values: FormValues): void {
    this.profile = profile;
    this.etag = etag;
    this.baseline = valuesOf(profile);
    this.values = values;
    this.update();
  }

  /** Checks the changed fields and sends what changed (screens/profile-save.ts, fetched once the form has shown). */
  async save(): Promise<void> {
    // A change waiting for a sign-in would only be refused again.
    if (this.saving || this.checking || this.notice?.fields) return;
    this.checking = true;
    try {
      await (await saving()).save(this);
    } catch (error) {
      this.offline(error);
    } finally {
      this.checking = false;
    }
  }

  /** Shows a failure beside Save (or full-card, or as signed out) and reports it: see profile-save.ts. */
  fail(error: unknown): void {
    saving().then(
      (module) => module.fail(this, error),
      (missing: unknown) => this.offline(missing),
    );
  }

  /** What Save runs could not be fetched: the connection is down, and the person can try again. */
  private offline(error: unknown): void {
    const code = error instanceof ApiError ? error.code : "network_error";
    this.notice = { tone: "error", text: errorText(this.ctx.t(), code), retry: true };
    this.update();
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
