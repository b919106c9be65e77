import { html, LitElement, nothing, type PropertyValues } from "lit";
import { ApiError, apiRequest, type ApiRequest, type ApiResponse } from "./api/client.js";
import { safeLogoStyle, safeUrl } from "./branding.js";
import { emit, type Flow } from "./events.js";
import { en, intlLocaleFor, languageFor, loadTranslation, type Translation } from "./i18n/index.js";
import { styles } from "./profile-widget.styles.js";
import type { Profile } from "./api/client.js";
import type { ActivityFlow } from "./screens/activity/activity-flow.js";
import type { DevicesFlow } from "./screens/devices/devices-flow.js";
import type { VerifyFlow } from "./screens/verify/verify-flow.js";
import type { FirstAnswers } from "./screens/devices/types.js";
import type { ProfileFlow } from "./screens/profile-flow.js";
import { errorText, PendingChange, SIGN_IN_CODES, SIGNED_OUT_CODES, type FlowContext } from "./screens/shared.js";

/** A flow's chunk; one that can't be fetched is a network error like any other. */
const chunk = <T>(module: Promise<T>): Promise<T> =>
  module.catch((error: unknown) => {
    throw new ApiError(0, "network_error", String(error));
  });

/** Where this script was loaded from: the default API origin. */
const SCRIPT_ORIGIN = new URL(import.meta.url).origin;

type View =
  | { kind: "loading" }
  | { kind: "ready" }
  | { kind: "devices" }
  | { kind: "verify" }
  | { kind: "activity" }
  | { kind: "error"; code: string; message: string };

/**
 * `<profile-widget>`: lets a signed-in user edit their profile (`data-flow="profile"`), manage their
 * multi-factor devices (`data-flow="devices"`, loaded on demand in its own chunks) or see their account's recent
 * security activity and download their data (`data-flow="activity"`, also its own chunks) on the host's page.
 *
 * Colours default to a light and a dark value (`light-dark()`), picked by `data-theme` / the system setting; a
 * `--pw-*` colour set by the page applies in both (give it `light-dark(…, …)` to differ).
 *
 * @attr data-flow - `profile` (default), `devices`, `verify` (MFA verification at sign-in or for a step-up), or
 *   `activity` (the recent security activity and "Download my data"; the device list opens it too).
 * @attr data-nonce - verify flow: echoed in the MFA assertion's `nonce` (1–256 visible ASCII characters).
 * @attr data-purpose - verify flow: `sign_in` (default) or `step_up` (the success also counts as a recent sign-in
 *   for this session).
 * @attr data-api-url - API origin (a path prefix is kept); default: the origin this script came from.
 * @attr data-session-token - the session JWT; also the `sessionToken` property.
 * @attr data-username - expected username; a different session user shows the `username_mismatch` error.
 * @attr data-company-name - shown in the header, and the logo's alt text.
 * @attr data-logo-url - https, or the page's own origin; anything else is not loaded.
 * @attr data-logo-style - size and spacing of the logo (`width`, `height`, `max-*`, `min-*`, `margin*`, `padding*`).
 * @attr data-help-url - the activity screen's "Wasn't you?" link (opens in a new tab); held to the logo's rule: https,
 *   or the page's own origin; anything else is ignored, and the screen advises what to do instead.
 * @attr data-locale - BCP 47 tag (`de`, `pt-BR`, `ar`…); default: the nearest `lang` attribute, then the browser's
 *   languages. Exact tag, then its base language, then English. en, de, fr, es, it, nl, pt-BR, ja and ar (right to
 *   left) are built in; each language but English is a chunk of its own, fetched only when chosen.
 * @attr data-theme - `light`, `dark` or `auto` (default): `auto` follows the system's `prefers-color-scheme`.
 *
 * @fires {ProfileWidgetSuccessEvent} profile-widget-success - `{flow, action}`. Profile flow: `profile_updated` after a save. Devices flow:
 *   `mfa_enabled`, `mfa_disabled`, `device_added`, `device_renamed`, `default_changed`, `device_removed`, and
 *   `recovery_codes_created`; `done` after a finished setup, `cancelled` on Cancel in a step. Verify flow:
 *   `verified`, with `assertion` (the signed MFA assertion for the host's backend) and `method`.
 * @fires {ProfileWidgetErrorEvent} profile-widget-error - `{flow, code, message}` for every failure shown except the profile's field
 *   validation: the server's codes (e.g. `session_expired`, `reauthentication_required`, `mfa_not_enabled`, `otp_invalid`,
 *   `otp_expired`, `too_many_attempts`, `rate_limited`, `delivery_failed`, `device_limit_reached`,
 *   `method_disabled`, `last_device`), `network_error`, and the browser's passkey outcomes
 *   `passkey_cancelled`, `passkey_exists`, `passkey_failed`. The activity screen's failures (loading it, "Show more",
 *   "Download my data") say `flow: "activity"`, or `devices` when the device list opened it.
 *
 * @csspart card - the outer card.
 * @csspart header - logo, heading, subtitle and the signed-in user.
 * @csspart logo - the logo image.
 * @csspart heading - the "Profile" / "Multi-factor authentication" heading.
 * @csspart subtitle - the line under the heading.
 * @csspart body - everything below the header.
 * @csspart form - the profile form.
 * @csspart section - one group of the profile form (name, contact, address).
 * @csspart field - one label, control, error and hint.
 * @csspart label - a field's label.
 * @csspart input - a text input, a select (the country list, a schema's list), a textarea, a checkbox or radio, or a
 *   waiting change's code field.
 * @csspart pending - the code entry beside a new email or phone that waits for its code (Verify, Resend, Cancel).
 * @csspart hint - the help text under a field.
 * @csspart error - a field's error message.
 * @csspart actions - a row of buttons (Discard and Save; Cancel and the step's main action).
 * @csspart button - every button.
 * @csspart button-primary - the main action: Save, Enable MFA, Add device (with no device yet), Verify, Done…
 * @csspart button-danger - Remove and Turn off MFA in their confirmation steps.
 * @csspart message - a status message (saved, error, sign-in needed) and the full-card states.
 * @csspart screen - one screen of the devices flow, the verify flow or the activity screen.
 * @csspart screen-heading - that screen's heading.
 * @csspart back - the "All devices" link above a device's screen and the activity screen opened from the list.
 * @csspart device-list - the list of devices.
 * @csspart device - one device's row (a button that opens it).
 * @csspart badge - a device's "Default" or "Pending verification" badge.
 * @csspart add-device - the "Add device" button.
 * @csspart disable-mfa - the "Turn off MFA" button.
 * @csspart empty - a list's empty state (no devices, no activity).
 * @csspart option - one device type offered by "Add device", or one method offered by "Use another method".
 * @csspart recovery-codes - the recovery codes' row on the device list.
 * @csspart activity-link - the "Recent activity" row on the device list (a button that opens the activity screen).
 * @csspart activity-list - the list of security events on the activity screen.
 * @csspart activity-event - one event of that list.
 * @csspart show-more - the "Show more" button under the list.
 * @csspart data-export - the "Your data" block with "Download my data".
 * @csspart qr - the authenticator app's QR code.
 * @csspart secret - the authenticator app's setup key.
 *
 * @cssproperty --pw-color-primary - buttons, links, icons (default #4f46e5 / dark #8b93ff).
 * @cssproperty --pw-color-on-primary - text on the primary colour (default #fff / dark #0c111d).
 * @cssproperty --pw-color-text - text (default #101828 / dark #f5f5f6).
 * @cssproperty --pw-color-muted - secondary text (default #667085 / dark #a3a7b0).
 * @cssproperty --pw-color-border - card and control borders (default #d0d5dd / dark #555c6b).
 * @cssproperty --pw-color-danger - errors, Remove (default #c92a1e / dark #f97066).
 * @cssproperty --pw-color-on-danger - text on the danger colour (default #fff / dark #0c111d).
 * @cssproperty --pw-color-success - the saved message, "MFA is on" (default #067647 / dark #47cd89).
 * @cssproperty --pw-color-warning - sign-in and conflict messages, "Pending verification" (default #b54708 / dark #fdb022).
 * @cssproperty --pw-color-surface - card and control background (default #fff / dark #161b26).
 * @cssproperty --pw-color-focus - focus ring and focused field border (default: the primary colour).
 * @cssproperty --pw-font-family - every text (default: the system UI font).
 * @cssproperty --pw-radius - controls' corner radius (default 8px).
 * @cssproperty --pw-card-radius - the card's corner radius (default 1.5 × --pw-radius).
 * @cssproperty --pw-card-shadow - the card's shadow (default a soft drop shadow; `none` to flatten).
 * @cssproperty --pw-spacing - base spacing unit: card padding and gaps scale with it (default 16px).
 */
export class ProfileWidget extends LitElement {
  static override styles = styles;
  /** Lit's reactive properties and their attributes (the last three are internal state: a change renders again). */
  static override properties = {
    flow: { attribute: "data-flow" },
    apiUrl: { attribute: "data-api-url" },
    sessionToken: { attribute: "data-session-token" },
    getSessionToken: { attribute: false },
    username: { attribute: "data-username" },
    companyName: { attribute: "data-company-name" },
    logoUrl: { attribute: "data-logo-url" },
    logoStyle: { attribute: "data-logo-style" },
    locale: { attribute: "data-locale" },
    verifyNonce: { attribute: "data-nonce" },
    verifyPurpose: { attribute: "data-purpose" },
    view: { attribute: false },
    t: { attribute: false },
    localizing: { attribute: false },
  };

  /** `profile` (default), `devices`, `verify` or `activity`. */
  flow: Flow = "profile";

  /** API origin; empty means the origin this script was loaded from. */
  apiUrl = "";

  /** The session JWT. Changing it retries what was waiting for a sign-in. */
  sessionToken = "";

  /** Called before every request when set; takes precedence over `sessionToken`. */
  getSessionToken?: () => Promise<string | null | undefined> | string | null | undefined;

  username = "";
  companyName = "";
  logoUrl = "";
  logoStyle = "";
  locale = "";
  /** Verify flow: the host's nonce, echoed in the assertion. */
  verifyNonce = "";
  /** Verify flow: `sign_in` (default) or `step_up`. */
  verifyPurpose = "";

  /** Loading, a flow's screens (`ready`: the profile form; `devices`), or a failure shown full-card. */
  private view: View = { kind: "loading" };
  private t: Translation = en;
  /** The chosen language's table is on its way: the header shows a placeholder rather than English. */
  private localizing = false;
  /** The inputs of the load started on first connection, until the first update has checked them. */
  private startedWith?: unknown[];

  /** A change the server refused until the user signs in again: run once with the next token, or by `retry()`. */
  private pending = new PendingChange();
  /** What every flow borrows from the element. */
  private context: FlowContext = {
    host: this,
    api: (path, init) => this.api(path, init),
    t: () => this.t,
    locale: () => this.intlLocale,
    pending: this.pending,
    canConfirm: () => this.canConfirm(),
    confirm: () => void this.confirm(),
    signedOut: (error, kept) => this.signedOut(error, kept),
    signIn: (code) => emit(this, "profile-widget-error", { flow: this.shown, code, message: errorText(this.t, code) }),
  };
  /** The profile flow (screens/profile-flow.ts), once its chunk has loaded. */
  private form?: ProfileFlow;
  /** The devices flow, once its chunk has loaded. */
  private devices?: DevicesFlow;
  /** The activity screen (`data-flow="activity"`), once its chunk has loaded. */
  private activity?: ActivityFlow;
  /** The verify flow (`data-flow="verify"`), once its chunk has loaded. */
  private verifier?: VerifyFlow;
  /** "Confirm it's you" in place of the profile or devices flow, while a change waits for it. */
  private confirming?: VerifyFlow;
  /** Aborted whenever the flow restarts, so late answers of an old run are dropped. */
  private run = new AbortController();
  private styledLogo?: HTMLImageElement;
  /** Settles once the strings for the current locale are in `t` (never rejects: English is the fallback). */
  private i18n: Promise<unknown> = Promise.resolve();
  private i18nRun = 0;
  /**
   * The locale for Intl (country names, dates): the requested tag when its language is the one shown. Every request
   * says it as Accept-Language (the server writes the person's security emails in it), from before the strings are in.
   */
  private intlLocale = "en";

  /**
   * Retries what failed: resubmits a change that waited for a fresh sign-in — a profile save, a device removal,
   * turning MFA off — (call it after refreshing the token behind `getSessionToken`), reloads after a failed load,
   * saves again after a network error, or brings the device list up to date.
   */
  retry(): void {
    if (this.pending.resume()) return;
    if (this.view.kind === "error") void this.start();
    else if (this.view.kind === "ready" && this.form?.notice?.retry) void this.form.save();
    else if (this.view.kind === "devices") void this.refreshDevices();
  }

  /** The flow shown: `data-flow`, or the profile flow for a value it does not know. */
  private get shown(): Flow {
    return ["devices", "verify", "activity"].includes(this.flow) ? this.flow : "profile";
  }

  override connectedCallback(): void {
    // The first request leaves before the styles are adopted and the loading state is rendered.
    if (!this.hasUpdated && !this.startedWith) {
      this.startedWith = this.inputs();
      this.localize();
      void this.start();
    }
    super.connectedCallback();
    if (this.hasUpdated && this.view.kind === "loading") void this.start();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    if (this.view.kind === "loading") {
      this.run.abort();
      this.startedWith = undefined;
    }
  }

  /** What the first load depends on. */
  private inputs(): unknown[] {
    return [this.flow, this.apiUrl, this.sessionToken, this.getSessionToken, this.username, this.locale, this.verifyNonce, this.verifyPurpose];
  }

  /** `data-locale`, else the nearest `lang` on the page, else the first of the browser's languages the widget speaks. */
  private requestedLocale(): string {
    const own = this.locale || this.closest('[lang]:not([lang=""])')?.getAttribute("lang");
    if (own) return own;
    const browser = navigator.languages?.length ? navigator.languages : [navigator.language];
    return browser.find((tag) => languageFor(tag) !== "en" || /^en\b/i.test(tag)) ?? "en";
  }

  /** Loads the strings for the requested locale (English at once; other languages from their own chunk). */
  private localize(): void {
    const requested = this.requestedLocale();
    const language = languageFor(requested);
    const run = ++this.i18nRun;
    this.intlLocale = intlLocaleFor(requested, language);
    const apply = (t: Translation) => {
      if (run !== this.i18nRun) return;
      this.t = t;
      this.intlLocale = intlLocaleFor(requested, t.lang);
      this.localizing = false;
      void this.devices?.localize();
      void this.verifier?.localize();
      void this.confirming?.localize();
    };
    if (language === "en") return apply(en);
    this.localizing = true;
    this.i18n = loadTranslation(language).then(apply);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (!this.hasUpdated) {
      // Started on connection with the same inputs: nothing to redo.
      const started = this.startedWith;
      this.startedWith = undefined;
      if (started && this.inputs().every((value, i) => value === started[i])) return;
    }
    if (!this.hasUpdated || changed.has("locale")) this.localize();
    const restart = ["flow", "apiUrl", "username", "verifyNonce", "verifyPurpose"] as const;
    if (!this.hasUpdated || restart.some((name) => changed.has(name))) {
      this.pending.drop();
      void this.start();
    } else if (changed.has("sessionToken") || changed.has("getSessionToken")) {
      // Signed out by the host: the signed-out state a fresh load shows, and nothing of the person's kept.
      if (!this.sessionToken && !this.getSessionToken) {
        this.pending.drop();
        void this.start();
        return;
      }
      if (this.view.kind === "error" && SIGNED_OUT_CODES.has(this.view.code) && this.flowUser()) {
        void this.signedIn();
        return;
      }
      if (this.pending.resume()) return;
      if (this.view.kind === "ready" && !this.form?.saving) void this.refreshProfile();
      else if (this.view.kind === "devices") void this.refreshDevices();
      else if (this.view.kind !== "verify") void this.start();
    }
  }

  protected override updated(changed: PropertyValues<this>): void {
    if (this.view.kind === "ready") this.form?.painted();
    const logo = this.renderRoot.querySelector<HTMLImageElement>("img");
    if (logo && (logo !== this.styledLogo || changed.has("logoStyle"))) {
      this.styledLogo = logo;
      logo.removeAttribute("style");
      for (const [name, value] of safeLogoStyle(this.logoStyle)) logo.style.setProperty(name, value);
    }
  }

  private async api<T>(path: string, init: ApiRequest = {}): Promise<ApiResponse<T>> {
    let token: string | null | undefined;
    try {
      token = await (this.getSessionToken ? this.getSessionToken() : this.sessionToken);
    } catch {
      token = null;
    }
    if (!token) throw new ApiError(0, "session_missing", "No session token");
    return apiRequest<T>(this.apiUrl || SCRIPT_ORIGIN, path, token, {
      signal: this.run.signal,
      ...init,
      headers: { "Accept-Language": this.intlLocale, ...init.headers },
    });
  }

  private start(): Promise<void> {
    this.closeConfirm();
    return this.flow === "devices"
      ? this.loadDevices()
      : this.flow === "verify"
        ? this.loadVerify()
        : this.flow === "activity"
          ? this.loadActivity()
          : this.loadProfile();
  }

  /** The verify flow: its chunk (screens, strings, styles), then the person's devices and the default one's screen. */
  private loadVerify(): Promise<void> {
    return this.begin(async () => {
      const { VerifyFlow } = await chunk(import("./screens/verify/verify-flow.js"));
      if (this.verifier) this.removeController(this.verifier);
      const purpose = this.verifyPurpose === "step_up" ? "step_up" : "sign_in";
      this.verifier = new VerifyFlow(this.context, { purpose, nonce: this.verifyNonce || undefined, flow: "verify", onVerified: () => {} });
      await Promise.all([this.verifier.load(), this.i18n]);
      return { kind: "verify" };
    });
  }

  /**
   * Whether the person has a device to confirm a change with (asked when a change needs a recent sign-in); the verify
   * flow's chunk comes with the answer, so "Confirm it's you" opens at once.
   */
  private async canConfirm(): Promise<boolean> {
    try {
      return await (await import("./screens/verify/confirm.js")).canConfirm(this.context);
    } catch {
      return false;
    }
  }

  /** "Confirm it's you": a step-up in place of the flow; once it succeeds, the waiting change runs. */
  private async confirm(): Promise<void> {
    if (this.confirming) return;
    const flow = this.flow === "devices" ? "devices" : "profile";
    try {
      const { confirmInPlace } = await chunk(import("./screens/verify/confirm.js"));
      this.confirming = await confirmInPlace(this.context, flow, (verified) => {
        this.closeConfirm();
        if (verified) this.pending.resume();
      });
    } catch (error) {
      const { code } = error instanceof ApiError ? error : new ApiError(0, "unknown", String(error));
      emit(this, "profile-widget-error", { flow, code, message: errorText(this.t, code) });
    }
    this.requestUpdate();
  }

  private closeConfirm(): void {
    if (!this.confirming) return;
    this.removeController(this.confirming);
    this.confirming = undefined;
    this.requestUpdate();
  }

  /** The profile flow: the profile, once the person's language is in. */
  private loadProfile(): Promise<void> {
    return this.begin(async () => {
      // The profile and its schema (public: no token) are asked for together while the flow's chunk loads.
      const first = this.context.api<Profile>("/api/profile");
      const schema = apiRequest<Record<string, unknown>>(this.apiUrl || SCRIPT_ORIGIN, "/api/profile/schema", "", { signal: this.run.signal });
      first.catch(() => {});
      schema.catch(() => {});
      // Intl's country names take tens of milliseconds to load on a cold page: loaded once the loading state has
      // painted, while the answer and the flow's chunk are on their way, instead of in the form's first render.
      const locale = this.intlLocale;
      requestAnimationFrame(() =>
        setTimeout(() => {
          try {
            new Intl.DisplayNames([locale, "en"], { type: "region" }).of("US");
          } catch {
            // Not a locale Intl takes: the form falls back to the codes.
          }
        }),
      );
      const { ProfileFlow } = await chunk(import("./screens/profile-flow.js"));
      this.form ??= new ProfileFlow({
        ...this.context,
        signal: () => this.run.signal,
        failCard: (error) => this.fail(error),
        retry: () => this.retry(),
      });
      await this.form.load(this.username, this.i18n, first, schema);
      return { kind: "ready" };
    });
  }

  /**
   * Starts a flow afresh: the loading state, then `load`, which answers the view to show; or its failure full-card,
   * in the person's language. A newer start drops this one's outcome.
   */
  private async begin(load: () => Promise<View>): Promise<void> {
    this.run.abort();
    const { signal } = (this.run = new AbortController());
    this.view = { kind: "loading" };
    try {
      const view = await load();
      if (!signal.aborted) this.view = view;
    } catch (error) {
      await this.i18n;
      if (!signal.aborted) this.fail(error);
    }
  }

  /** Who the current flow's screens belong to (kept while signed out, for `signedIn`). */
  private flowUser(): string | undefined {
    return this.flow === "devices" ? this.devices?.username : this.shown === "profile" ? this.form?.profile?.username : undefined;
  }

  /** The session ended while a flow was open: the signed-out card in its place, and the host told. */
  private signedOut(error: unknown, kept = false): void {
    this.closeConfirm();
    this.fail(error, kept);
  }

  /**
   * A new token after the session ended: the same person gets the flow back as they left it (and the change that
   * waited runs); anyone else starts afresh.
   */
  private async signedIn(): Promise<void> {
    const back: View = this.flow === "devices" ? { kind: "devices" } : { kind: "ready" };
    this.view = { kind: "loading" };
    const same = await (this.flow === "devices" ? this.devices?.refresh() : this.form?.refresh());
    if (!same) {
      this.pending.drop();
      return void this.start();
    }
    // Still loading: the refresh did not end in a signed-out card of its own.
    if (this.view.kind !== "loading") return;
    this.view = back;
    this.pending.resume();
  }

  /** A new token while editing the profile: the same user keeps their edits, someone else starts over. */
  private async refreshProfile(): Promise<void> {
    if (!this.form || !(await this.form.refresh())) await this.loadProfile();
  }

  /** The devices flow: its chunk (screens, strings, styles) on first use, then the user's devices. */
  private loadDevices(): Promise<void> {
    return this.begin(async () => {
      // The flow's first requests leave with its chunk, not after it (answered in load(), or dropped with this run).
      const { api } = this.context;
      const first: FirstAnswers = { profile: api("/api/profile"), mfa: api("/api/mfa"), config: api("/api/config") };
      for (const answer of Object.values(first)) (answer as Promise<unknown>).catch(() => {});
      const [{ DevicesFlow }] = await Promise.all([chunk(import("./screens/devices/devices-flow.js")), this.i18n]);
      this.devices ??= new DevicesFlow(this.context);
      await this.devices.load(this.username, first);
      return { kind: "devices" };
    });
  }

  /** The activity screen: its chunk (screen, strings, styles), then the person's recent events. */
  private loadActivity(): Promise<void> {
    return this.begin(async () => {
      const [{ ActivityFlow }] = await Promise.all([chunk(import("./screens/activity/activity-flow.js")), this.i18n]);
      this.activity ??= new ActivityFlow(this.context);
      await this.activity.load(this.username);
      return { kind: "activity" };
    });
  }

  /** A new token while managing devices: the same user carries on where they are, someone else starts over. */
  private async refreshDevices(): Promise<void> {
    if (!(await this.devices?.refresh())) await this.loadDevices();
  }

  /**
   * Shows a failure full-card — a load that failed, or a session that is someone else's — and reports it (the
   * flows show their other failures where the person is).
   */
  private fail(error: unknown, kept = false): void {
    const { code } = error instanceof ApiError ? error : new ApiError(0, "unknown", String(error));
    let message =
      this.devices && this.flow === "devices"
        ? this.devices.message(error).message
        : this.verifier && this.flow === "verify"
          ? ((this.verifier.t.errors as Record<string, unknown>)[code] as string | undefined) ?? errorText(this.t, code)
          : errorText(this.t, code);
    if (kept) message += ` ${this.t.changesKept}`;
    this.view = { kind: "error", code, message };
    emit(this, "profile-widget-error", { flow: this.shown, code, message });
  }

  override render() {
    const { t, view } = this;
    const flow = this.shown;
    // The verify and activity flows bring their own headings, with their chunks: until then, a placeholder.
    const lazy = flow === "verify" ? this.verifier : flow === "activity" ? this.activity : null;
    const own = lazy?.t;
    const [heading, subtitle] = own
      ? [own.heading, own.subtitle]
      : flow === "devices"
        ? [t.devicesHeading, t.devicesSubtitle]
        : [t.profileHeading, t.profileSubtitle];
    return html`<div class="card" part="card" lang=${t.lang} dir=${t.dir} aria-busy=${view.kind === "loading" ? "true" : "false"}>
      ${this.renderHeader(heading, subtitle, lazy === undefined)}
      <div class="body" part="body">${this.renderBody()}</div>
    </div>`;
  }

  private renderHeader(heading: string, subtitle: string, unknown = false) {
    const logo = safeUrl(this.logoUrl, document.baseURI, location.origin);
    const { view } = this;
    const username = view.kind === "ready" ? this.form?.profile?.username : view.kind === "devices" ? this.devices?.username : undefined;
    return html`<header class="header" part="header">
      ${logo || this.companyName
        ? html`<div class="brand">
            ${logo
              ? html`<img class="logo" part="logo" src=${logo} alt=${this.companyName} referrerpolicy="no-referrer" />`
              : html`<span class="company">${this.companyName}</span>`}
          </div>`
        : nothing}
      <div class="titles">
        ${this.localizing || unknown
          ? html`<span class="bone title" aria-hidden="true"></span>`
          : html`<h2 class="heading" part="heading">${heading}</h2>
              <p class="subtitle" part="subtitle">${subtitle}</p>`}
      </div>
      ${username ? html`<p class="who" title=${this.t.signedInAs(username)}>${this.t.signedInAs(username)}</p>` : nothing}
    </header>`;
  }

  private renderBody() {
    const { t, view } = this;
    if (this.confirming && (view.kind === "ready" || view.kind === "devices")) return this.confirming.render();
    switch (view.kind) {
      case "loading": {
        // Said once the person's language is in, not first in English.
        const flow = this.shown;
        const status = this.localizing ? "" : flow === "profile" ? t.loading : flow === "activity" ? t.loadingActivity : t.loadingDevices;
        if (flow !== "profile") {
          return html`<p class="sr-only" role="status">${status}</p>
            <div class="skeleton rows" aria-hidden="true">
              <span class="bone title"></span>${[1, 2, 3].map(() => html`<span class="bone control"></span>`)}
            </div>`;
        }
        return html`<p class="sr-only" role="status">${status}</p>
          <div class="skeleton" aria-hidden="true">
            ${[2, 2, 4].map(
              (count) => html`<div class="section">
                <div class="section-head"><span class="bone title"></span></div>
                <div class="fields">
                  ${Array.from(
                    { length: count },
                    () => html`<div class="field"><span class="bone label"></span><span class="bone control"></span></div>`,
                  )}
                </div>
              </div>`,
            )}
          </div>`;
      }
      case "devices":
        return this.devices?.render();
      case "verify":
        return this.verifier?.render();
      case "activity":
        return this.activity?.render();
      case "error": {
        const title =
          view.code === "session_missing"
            ? t.notSignedInTitle
            : view.code === "username_mismatch"
              ? t.wrongAccountTitle
              : SIGN_IN_CODES.has(view.code)
                ? t.signedOutTitle
                : this.flow === "devices"
                  ? t.devicesLoadErrorTitle
                  : this.shown === "profile"
                    ? t.loadErrorTitle
                    : "";
        // A session that ended: the way back is in the message (the host is told again, and signs the person in).
        const signIn = view.code === "session_expired" || view.code === "session_invalid" ? view.code : "";
        return this.renderState(title, view.message, !SIGN_IN_CODES.has(view.code) && view.code !== "username_mismatch", signIn);
      }
      case "ready":
        return this.form?.render();
    }
  }

  private renderState(title: string, text: string, retry: boolean, signIn = "") {
    return html`<div class="state" part="message" role=${title ? "alert" : "status"}>
      ${title ? html`<p class="state-title">${title}</p>` : nothing}
      <p class="state-text">${text}</p>
      ${retry
        ? html`<button type="button" class="secondary" part="button" @click=${() => this.retry()}>${this.t.tryAgain}</button>`
        : signIn
          ? html`<button type="button" class="secondary" part="button" @click=${() => this.context.signIn(signIn)}>${this.t.signInAgain}</button>`
          : nothing}
    </div>`;
  }
}
