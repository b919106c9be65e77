import type { TemplateResult } from "lit";
import { ApiError, type ApiResponse, type Profile } from "../api/client.js";
import { buildPatch, formFields, leaves, normalize, rebase, valuesOf, type FormField, type JsonSchema } from "./profile-fields.js";
import {
  countryName,
  renderProfileForm,
  type FieldErrors,
  type FormValues,
  type Notice,
  type ProfileContext,
  type ProfileState,
} from "./profile-form.js";
import { needsControls } from "./profile-form.js";
import { profileFormStyles } from "./profile-form.styles.js";
import { errorText, expectUser } from "./shared.js";

export type { ProfileContext };

type SaveModule = typeof import("./profile-save.js");
/** What Save runs (screens/profile-save.ts), with the code entry of a change that waits: fetched once the form has shown, or by the first save. */
let saveModule: Promise<SaveModule> | undefined;
/** That module, once it is in: the form renders a waiting change's code entry from it. */
let saveLoaded: SaveModule | undefined;
const saving = () =>
  (saveModule ??= import("./profile-save.js").then(
    (module) => (saveLoaded = module),
    (error: unknown) => {
      saveModule = undefined;
      throw new ApiError(0, "network_error", String(error));
    },
  ));

/**
 * The profile flow (`data-flow="profile"`, the default): loads the profile into the form and keeps the person's edits;
 * a chunk of its own, fetched while the profile is asked for; the element renders it. What Save runs — the checks,
 * the PATCH with `If-Match`, a 412's review, field errors in the person's language, a change kept for the next
 * sign-in — is in profile-save.ts, fetched once the form has shown.
 */
export class ProfileFlow implements ProfileState {
  /** The schema's fields (GET /api/profile/schema), in order. */
  fields: FormField[] = [];
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

  /** The controls beyond text, numbers and lists (profile-controls.ts), when the schema has such fields. */
  private controls?: typeof import("./profile-controls.js");

  constructor(readonly ctx: ProfileContext) {
    this.adopt(profileFormStyles.styleSheet);
  }

  /** Adds a sheet beside the element's own. */
  private adopt(sheet: CSSStyleSheet | undefined): void {
    const root = this.ctx.host.renderRoot;
    if (sheet && root instanceof ShadowRoot && !root.adoptedStyleSheets.includes(sheet)) {
      root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
    }
  }

  update(): void {
    this.ctx.host.requestUpdate();
  }

  /**
   * Loads the profile into the form once `strings` (the person's language) are in; throws what the widget shows
   * full-card (`username_mismatch` when `expectedUsername` is set and differs).
   */
  async load(
    expectedUsername: string,
    strings: Promise<unknown>,
    first?: Promise<ApiResponse<Profile>>,
    schema?: Promise<ApiResponse<JsonSchema>>,
  ): Promise<void> {
    this.notice = null;
    this.errors = {};
    this.update();
    const request = first ?? this.ctx.api<Profile>("/api/profile");
    const fields = schema ?? this.ctx.api<JsonSchema>("/api/profile/schema");
    // While the requests are in flight: Intl's country names (its data loads slowly on a cold page); the whole
    // sorted list is built once the form has shown.
    void strings.then(() => countryName(this.ctx.locale(), "US"));
    // The schema (public, cached) usually answers first: the controls it needs are fetched while the profile comes.
    const controls = fields.then(({ data }) => {
      this.fields = formFields(data);
      if (!leaves(this.fields).some(needsControls) || this.controls) return;
      return import("./profile-controls.js").then(
        (module) => {
          this.controls = module;
          this.adopt(module.controlStyles.styleSheet);
        },
        (error: unknown) => {
          throw new ApiError(0, "network_error", String(error));
        },
      );
    });
    const [{ data, etag }] = await Promise.all([request, controls, strings]);
    if (expectedUsername) expectUser(data.username, expectedUsername);
    // A change that waits for its code is shown with the form: its code entry comes with what Save runs.
    if (data.pendingChanges?.length) await saving();
    this.show(data, etag, valuesOf(data, this.fields));
  }

  /** The form's field at a path. */
  field(path: string): FormField | undefined {
    return leaves(this.fields).find((f) => f.path === path);
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
      this.show(data, etag, rebase(valuesOf(data, this.fields), this.baseline, this.values));
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
    this.baseline = valuesOf(profile, this.fields);
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
    const target = event.target as HTMLInputElement;
    const { name } = target;
    const field = this.field(name);
    if (!field || field.readOnly) return;
    // A checkbox is its field's true or false, or one of a list's choices; anything else is its text.
    const value =
      field.type === "boolean"
        ? target.checked
        : field.type === "array"
          ? [...target.form!.querySelectorAll<HTMLInputElement>(`input[name="${name}"]:checked`)].map((box) => box.value)
          : target.value;
    this.values = { ...this.values, [name]: value };
    if (this.errors[name]) this.errors = { ...this.errors, [name]: undefined };
    if (this.notice?.tone === "success") this.notice = null;
    // The field that needed a sign-in is back as it was: nothing waits any more.
    const held = this.notice?.fields;
    const unchanged = (path: string) => JSON.stringify(normalize(this.field(path), this.values[path])) === JSON.stringify(normalize(this.field(path), this.baseline[path]));
    if (held && held.every(unchanged)) {
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
      fields: this.fields,
      values: this.values,
      errors: this.errors,
      dirty: buildPatch(this.baseline, this.values, this.fields) !== null,
      saving: this.saving,
      notice: this.notice,
      onInput: this.onInput,
      onSubmit: this.onSubmit,
      onDiscard: this.onDiscard,
      onRetry: () => this.ctx.retry(),
      onConfirm: () => this.ctx.confirm(),
      onSignIn: () => this.ctx.signIn("reauthentication_required"),
      controls: this.controls?.renderControl,
      pendingFor: saveLoaded && this.profile?.pendingChanges?.length ? (field) => saveLoaded!.renderPending(this, field) : undefined,
    });
  }
}
