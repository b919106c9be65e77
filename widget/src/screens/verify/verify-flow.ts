import { html, nothing, type ReactiveController, type TemplateResult } from "lit";
import type { MfaChallenge, MfaVerified, VerificationPurpose } from "../../../../contract/api.js";
import { ApiError, type Device, type MfaState } from "../../api/client.js";
import { emit, type Flow } from "../../events.js";
import { loadVerifyTranslation, type VerifyTranslation } from "../../i18n/verify/index.js";
import en from "../../i18n/verify/en.js";
import { live, renderNotice, type FlowContext, type Notice } from "../shared.js";
import { verifyStyles } from "./verify.styles.js";

/**
 * The nickname the server gives a device added without one (contract/rules.ts DEFAULT_NICKNAMES; a test keeps the two
 * equal): such a device is shown under its type's name in the person's language. Restated here so the verify flow's
 * first screen needs no chunk of the devices flow's rules.
 */
export const DEFAULT_NICKNAMES: Record<string, string> = { sms: "Phone", email: "Email", totp: "Authenticator app", passkey: "Passkey" };

/**
 * Proving a second factor: `data-flow="verify"` at sign-in, and "Confirm it's you" before a change that needs a
 * recent sign-in (purpose `step_up`, drawn in place of the profile or devices flow). The default device first, then
 * "Use another method": the other active devices and a recovery code. A chunk of its own; the passkey library is a
 * further chunk, loaded only when a passkey is used.
 */

type Challenge = MfaChallenge["challenge"];

type Screen =
  | { kind: "code"; device: Device; challenge?: Challenge }
  | { kind: "passkey"; device: Device }
  | { kind: "recovery" }
  | { kind: "choose" }
  | { kind: "verified" };

export interface VerifyOptions {
  purpose: VerificationPurpose;
  nonce?: string;
  /** Where events say they come from: "verify" on its own, the surrounding flow for a step-up. */
  flow: Flow;
  /** After a success; a step-up resumes the change that waited. */
  onVerified(result: MfaVerified): void;
  /** The person left a step-up ("Cancel"); absent on its own. */
  onCancel?(): void;
}

const supportsPasskeys = () => typeof PublicKeyCredential !== "undefined" && typeof navigator.credentials?.get === "function";

export class VerifyFlow implements ReactiveController {
  t: VerifyTranslation = en;
  devices: Device[] = [];
  recoveryCodes = 0;
  screen: Screen = { kind: "choose" };
  notice: Notice | null = null;
  value = "";
  fieldError = "";
  busy = "";
  /** The challenge took too many wrong codes: a new one, or another method. */
  locked = false;
  /** When "Resend code" may be pressed (ms since epoch). */
  resendAt = 0;
  /** Too many failed verifications: nothing can be tried until then (ms since epoch). */
  lockedUntil = 0;
  /** The recovery-code challenge, kept across tries so its attempts count down. */
  private recoveryChallenge?: Challenge;
  /** The screen "Use another method" was chosen from, to go back to. */
  private previous?: Screen;
  private focusHeading = false;
  private focusField = false;
  private timers = new Set<ReturnType<typeof setTimeout>>();

  constructor(
    readonly ctx: FlowContext,
    readonly options: VerifyOptions,
  ) {
    ctx.host.addController(this);
    const root = ctx.host.renderRoot;
    const sheet = verifyStyles.styleSheet;
    if (sheet && root instanceof ShadowRoot && !root.adoptedStyleSheets.includes(sheet)) {
      root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
    }
  }

  hostUpdated(): void {
    const root = this.ctx.host.renderRoot as ShadowRoot;
    const heading = root.querySelector<HTMLElement>("#pw-verify-title");
    // Until the widget draws this flow (a step-up is shown once it has loaded), the focus waits.
    if (!heading) return;
    // On a code screen the cursor goes to the code; elsewhere the heading says where the person is.
    const input = this.screen.kind === "code" || this.screen.kind === "recovery" ? root.querySelector<HTMLInputElement>(".verify input") : null;
    if (this.focusHeading) (input && !input.disabled ? input : heading).focus();
    else if (this.focusField) root.querySelector<HTMLInputElement>('[aria-invalid="true"]')?.select();
    this.focusHeading = this.focusField = false;
  }

  hostDisconnected(): void {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
  }

  async localize(): Promise<void> {
    this.t = await loadVerifyTranslation(this.ctx.t().lang);
    this.update();
  }

  /** The person's active devices, and the first screen: the default device's (a code is sent at once for SMS and email). */
  async load(): Promise<void> {
    const [{ data }] = await Promise.all([this.ctx.api<MfaState>("/api/mfa"), this.localize()]);
    this.devices = data.devices.filter((d) => d.status === "ACTIVE").sort((a, b) => Number(b.isDefault) - Number(a.isDefault));
    this.recoveryCodes = data.recoveryCodes?.remaining ?? 0;
    const first = this.devices[0];
    if (!data.enabled || !first) throw new ApiError(409, "mfa_not_enabled", "MFA is not enabled");
    // In place of a flow, the person just pressed "Confirm it's you": focus moves to what replaced it.
    this.use(first, !!this.options.onCancel);
  }

  private update(): void {
    this.ctx.host.requestUpdate();
  }

  private show(screen: Screen, notice: Notice | null = null, focus = true): void {
    this.screen = screen;
    this.notice = notice;
    this.value = "";
    this.fieldError = "";
    this.locked = false;
    this.focusHeading = focus;
    this.update();
  }

  private choose(): void {
    this.previous = this.screen;
    this.show({ kind: "choose" });
  }

  /** Back from "Choose a method" to where the person was, as they left it (a code sent stays valid). */
  private back(): void {
    const previous = this.previous;
    this.previous = undefined;
    if (previous) this.show(previous);
  }

  /** Goes to a device's screen; SMS and email are sent their code on arrival, authenticator apps need nothing sent. */
  private use(device: Device, focus = true): void {
    if (device.type === "passkey") return this.show({ kind: "passkey", device }, null, focus);
    this.show({ kind: "code", device }, null, focus);
    void this.challenge(this.screen as Extract<Screen, { kind: "code" }>);
  }

  /** Starts a verification of the screen's device; for SMS and email that sends a code. */
  private challenge(screen: Extract<Screen, { kind: "code" }>, resending = false): Promise<void> {
    return this.act(resending ? "resend" : "challenge", async () => {
      try {
        const { challenge } = await this.start({ deviceId: screen.device.id });
        screen.challenge = challenge;
        this.locked = false;
        this.resendAt = challenge.resendAvailableAt ? Date.parse(challenge.resendAvailableAt) : 0;
        this.tick();
        if (resending) {
          this.value = "";
          this.fieldError = "";
          this.notice = { tone: "success", text: this.t.resent(challenge.target ?? "") };
        }
      } catch (error) {
        this.fail(error);
      }
    });
  }

  private start(body: { deviceId?: string; method?: "recovery_code" }) {
    const { purpose, nonce } = this.options;
    return this.ctx
      .api<MfaChallenge>("/api/mfa/challenges", { method: "POST", body: { ...body, purpose, ...(nonce ? { nonce } : {}) } })
      .then((r) => r.data);
  }

  private async verify(challenge: Challenge, proof: Record<string, unknown>): Promise<void> {
    const { data } = await this.ctx.api<MfaVerified>(`/api/mfa/challenges/${challenge.id}/verify`, { method: "POST", body: proof });
    if (data.recoveryCodesRemaining !== undefined) this.recoveryCodes = data.recoveryCodesRemaining;
    if (this.options.onCancel) {
      this.options.onVerified(data);
      return;
    }
    const low = data.method === "recovery_code" && this.recoveryCodes <= 2;
    this.show({ kind: "verified" }, low ? { tone: "warning", text: this.t.recoveryLow(this.recoveryCodes) } : null);
    emit(this.ctx.host, "profile-widget-success", { flow: "verify", action: "verified", assertion: data.assertion, method: data.method });
    this.options.onVerified(data);
  }

  private submitCode(screen: Extract<Screen, { kind: "code" }>): Promise<void> {
    return this.act("primary", async () => {
      const otp = this.value.replace(/\s/g, "");
      if (!/^\d{6}$/.test(otp)) return this.invalid(this.t.invalidCode);
      try {
        screen.challenge ??= (await this.start({ deviceId: screen.device.id })).challenge;
        await this.verify(screen.challenge, { otp });
      } catch (error) {
        // An authenticator app's expired request is renewed at once: the next code the app shows will do.
        if (error instanceof ApiError && error.code === "challenge_expired" && screen.device.type === "totp") screen.challenge = undefined;
        this.fail(error, this.t.errors.otp_invalid);
      }
    });
  }

  private submitRecovery(): Promise<void> {
    return this.act("primary", async () => {
      const code = this.value.trim();
      if (!/^[0-9A-Za-z][0-9A-Za-z\s-]{5,40}$/.test(code)) return this.invalid(this.t.invalidRecovery);
      try {
        this.recoveryChallenge ??= (await this.start({ method: "recovery_code" })).challenge;
        await this.verify(this.recoveryChallenge, { recoveryCode: code });
      } catch (error) {
        // A used up or expired challenge is replaced on the next try.
        if (error instanceof ApiError && error.code !== "otp_invalid") this.recoveryChallenge = undefined;
        this.fail(error, this.t.errors.recovery_invalid);
      }
    });
  }

  private usePasskey(device: Device): Promise<void> {
    return this.act("primary", async () => {
      this.notice = null;
      try {
        const [{ getPasskey }, started] = await Promise.all([import("../passkey.js"), this.start({ deviceId: device.id })]);
        let credential;
        try {
          credential = await getPasskey(started.webauthn ?? {});
        } catch (error) {
          const name = error instanceof Error ? error.name : "";
          const cancelled = name === "NotAllowedError" || name === "AbortError";
          const text = cancelled ? this.t.passkeyCancelled : this.t.passkeyFailed;
          this.notice = { tone: cancelled ? "warning" : "error", text };
          emit(this.ctx.host, "profile-widget-error", { flow: this.options.flow, code: cancelled ? "passkey_cancelled" : "passkey_failed", message: text });
          return;
        }
        await this.verify(started.challenge, { credential });
      } catch (error) {
        this.fail(error);
      }
    });
  }

  /** Says under the field what it accepts. */
  private invalid(text: string): void {
    this.fieldError = text;
    this.focusField = true;
  }

  /** Shows a failure where the person is, and reports it to the host. */
  private fail(error: unknown, wrong?: (left: number | undefined) => string): void {
    if ((error as Error | undefined)?.name === "AbortError") return;
    const e = error instanceof ApiError ? error : new ApiError(0, "unknown", String(error));
    const { errors } = this.t;
    const retryAfter = e.details.retryAfterSeconds;
    let message: string;
    if (e.code === "otp_invalid" && wrong) {
      message = wrong(e.details.attemptsRemaining);
      this.fieldError = message;
      this.focusField = true;
      this.notice = null;
    } else {
      // A locked user is told when to come back; a locked challenge, how to go on.
      const userLocked = e.code === "too_many_attempts" && retryAfter !== undefined;
      message = userLocked
        ? errors.locked(Math.ceil(retryAfter / 60))
        : e.code === "rate_limited"
          ? errors.rate_limited(retryAfter)
          : e.code === "otp_invalid"
            ? errors.otp_invalid(e.details.attemptsRemaining)
            : ((errors as Record<string, unknown>)[e.code] as string | undefined) ?? this.shared(e.code);
      if (e.code === "too_many_attempts") this.locked = true;
      if (userLocked) {
        this.lockedUntil = Date.now() + retryAfter * 1000;
        this.tick(this.lockedUntil);
      }
      if (e.code === "rate_limited" && retryAfter) {
        this.resendAt = Date.now() + retryAfter * 1000;
        this.tick();
      }
      this.notice = { tone: e.code === "rate_limited" ? "warning" : "error", text: message };
    }
    this.update();
    emit(this.ctx.host, "profile-widget-error", { flow: this.options.flow, code: e.code, message });
  }

  private shared(code: string): string {
    const t = this.ctx.t();
    return (t.errors as Record<string, string>)[code] ?? t.errors.unknown;
  }

  private async act(busy: string, work: () => Promise<void>): Promise<void> {
    if (this.busy) return;
    this.busy = busy;
    this.update();
    try {
      await work();
    } finally {
      this.busy = "";
      this.update();
    }
  }

  /** Redraws once a second while "Resend code in …" counts down (or until a lock ends). */
  private tick(until = this.resendAt): void {
    if (until <= Date.now()) return;
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      this.update();
      this.tick(until);
    }, 1000);
    this.timers.add(timer);
  }

  /** Locked out for a while: every way to try again waits. */
  private get blocked(): boolean {
    return this.lockedUntil > Date.now();
  }

  private onInput = (event: Event): void => {
    this.value = (event.target as HTMLInputElement).value;
    if (this.fieldError) this.fieldError = "";
    this.update();
  };

  private button(label: string, options: { busy?: string; busyLabel?: string; tone?: "primary" | "secondary"; submit?: boolean; onClick?: () => unknown; disabled?: boolean }) {
    const { busy = "primary", tone = "primary" } = options;
    const running = this.busy === busy;
    return html`<button
      type=${options.submit ? "submit" : "button"}
      class="${tone} ${running ? "busy" : ""}"
      part=${tone === "primary" ? "button button-primary" : "button"}
      ?disabled=${!!this.busy || !!options.disabled || (tone === "primary" && this.blocked)}
      @click=${options.onClick ?? nothing}
    >
      ${running ? html`<span class="spinner" aria-hidden="true"></span>${options.busyLabel ?? label}` : label}
    </button>`;
  }

  private field(o: { name: string; label: string; autocomplete: string; inputmode?: "numeric" | "text"; maxlength: number; className: string }) {
    const id = `pw-verify-${o.name}`;
    const error = this.fieldError;
    return html`<div class="field" part="field">
      <label part="label" for=${id}>${o.label}</label>
      <input
        part="input"
        id=${id}
        name=${o.name}
        class=${o.className}
        type="text"
        dir="ltr"
        autocomplete=${o.autocomplete}
        inputmode=${o.inputmode ?? nothing}
        maxlength=${o.maxlength}
        spellcheck="false"
        autocapitalize="off"
        .value=${live(this.value)}
        ?disabled=${this.locked || this.blocked}
        aria-invalid=${error ? "true" : nothing}
        aria-describedby=${error ? `${id}-error` : nothing}
        @input=${this.onInput}
      />
      ${error ? html`<p class="error" part="error" id="${id}-error">${error}</p>` : nothing}
    </div>`;
  }

  /** The way out of a screen: another method (when there is one), and Cancel for a step-up. */
  private footer(main?: TemplateResult): TemplateResult | typeof nothing {
    const others = this.devices.length > 1 || this.recoveryCodes > 0;
    if (!main && !this.options.onCancel && this.screen.kind === "choose" && !this.previous) return nothing;
    // The way to another method comes first, on the start side, as it reads; the screen's action ends the row.
    return html`<div class="footer">
      ${others && this.screen.kind !== "choose"
        ? html`<button type="button" class="link" part="button" ?disabled=${!!this.busy || this.blocked} @click=${() => this.choose()}>
            ${this.t.anotherMethod}
          </button>`
        : nothing}
      <div class="actions" part="actions">
        ${this.options.onCancel ? this.button(this.t.cancel, { busy: "cancel", tone: "secondary", onClick: () => this.options.onCancel?.() }) : nothing}
        ${this.screen.kind === "choose" && this.previous
          ? this.button(this.t.back, { busy: "back", tone: "secondary", onClick: () => this.back() })
          : nothing}
        ${main ?? nothing}
      </div>
    </div>`;
  }

  private renderCode(screen: Extract<Screen, { kind: "code" }>) {
    const { t } = this;
    const { device, challenge } = screen;
    const sent = device.type !== "totp";
    const target = challenge?.target ?? device.target ?? "";
    const wait = Math.ceil((this.resendAt - Date.now()) / 1000);
    const text = !sent ? t.totpText : challenge ? t.codeSent(target) : this.busy === "challenge" ? t.sending : "";
    const renew = this.locked || this.notice?.text === t.errors.challenge_expired;
    return {
      title: t.codeTitle,
      text,
      body: html`<form novalidate @submit=${(e: SubmitEvent) => (e.preventDefault(), void this.submitCode(screen))}>
        ${this.field({ name: "code", label: t.code, autocomplete: "one-time-code", inputmode: "numeric", maxlength: 6, className: "code" })}
        ${sent
          ? html`<p class="hint">
              ${t.noCode}
              <button
                type="button"
                class="link"
                part="button"
                ?disabled=${!!this.busy || wait > 0 || this.blocked}
                @click=${() => this.challenge(screen, true)}
              >
                ${this.busy === "resend" ? t.sending : wait > 0 ? t.resendIn(wait) : t.resend}
              </button>
            </p>`
          : nothing}
        ${this.footer(
          renew && sent
            ? this.button(t.resend, { busy: "resend", busyLabel: t.sending, disabled: wait > 0, onClick: () => this.challenge(screen, true) })
            : this.button(t.verify, { busyLabel: t.verifying, submit: true, disabled: this.locked || (sent && !challenge) }),
        )}
      </form>`,
    };
  }

  private renderPasskey(device: Device) {
    const { t } = this;
    const supported = supportsPasskeys();
    return {
      title: t.passkeyTitle,
      text: supported ? t.passkeyText : t.passkeyUnsupported,
      body: this.footer(
        this.button(t.usePasskey, { busyLabel: t.waitingPasskey, disabled: !supported, onClick: () => this.usePasskey(device) }),
      ),
    };
  }

  private renderRecovery() {
    const { t } = this;
    return {
      title: t.recoveryTitle,
      text: t.recoveryText,
      body: html`<form novalidate @submit=${(e: SubmitEvent) => (e.preventDefault(), void this.submitRecovery())}>
        ${this.field({ name: "recovery", label: t.recoveryLabel, autocomplete: "off", maxlength: 40, className: "recovery" })}
        ${this.footer(this.button(t.verify, { busyLabel: t.verifying, submit: true }))}
      </form>`,
    };
  }

  /** A device chosen on "Choose a method": its screen, reusing the code already sent if it is the one left. */
  private pick(device: Device): void {
    const previous = this.previous;
    this.previous = undefined;
    if (previous && "device" in previous && previous.device.id === device.id) return this.show(previous);
    this.use(device);
  }

  private renderChoose() {
    const { t } = this;
    const option = (label: string, detail: string, onClick: () => void, badge = false) =>
      html`<li>
        <button type="button" class="method" part="option" ?disabled=${!!this.busy || this.blocked} @click=${onClick}>
          <span class="method-name">${label}${badge ? html` <span class="badge" part="badge">${t.defaultBadge}</span>` : nothing}</span>
          ${detail ? html`<span class="method-detail">${detail}</span>` : nothing}
        </button>
      </li>`;
    return {
      title: t.chooseTitle,
      text: t.chooseText,
      body: html`<ul class="methods" role="list">
          ${this.devices.map((d) => {
            const name = d.nickname === DEFAULT_NICKNAMES[d.type] ? t.types[d.type] : d.nickname;
            return option(
              name,
              [t.types[d.type] === name ? "" : t.types[d.type], d.target].filter(Boolean).join(" · "),
              () => this.pick(d),
              d.isDefault,
            );
          })}
          ${this.recoveryCodes > 0
            ? option(t.types.recovery_code, t.recoveryLeft(this.recoveryCodes), () => {
                this.previous = undefined;
                this.show({ kind: "recovery" });
              })
            : nothing}
        </ul>
        ${this.footer()}`,
    };
  }

  private parts(): { title: string; text?: string; body: unknown } {
    const { screen, t } = this;
    switch (screen.kind) {
      case "code":
        return this.renderCode(screen);
      case "passkey":
        return this.renderPasskey(screen.device);
      case "recovery":
        return this.renderRecovery();
      case "choose":
        return this.renderChoose();
      case "verified":
        return { title: t.verifiedTitle, text: t.verifiedText, body: nothing };
    }
  }

  render(): TemplateResult {
    const parts = this.parts();
    const stepUp = !!this.options.onCancel;
    return html`<section class="verify verify-${this.screen.kind}" part="screen">
      ${stepUp ? html`<p class="hint">${this.t.stepUpText}</p>` : nothing}
      <h3 class="screen-title" part="screen-heading" id="pw-verify-title" tabindex="-1">${parts.title}</h3>
      ${parts.text ? html`<p class="screen-text">${parts.text}</p>` : nothing}
      <div class="live" role="status">${this.notice ? renderNotice(this.notice) : nothing}</div>
      ${parts.body}
    </section>`;
  }
}

