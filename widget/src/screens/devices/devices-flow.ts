import type { ReactiveController, TemplateResult } from "lit";
import { ApiError, type AddedDevice, type Device, type DeviceType, type MfaConfig, type MfaState } from "../../api/client.js";
import { isDisplaySafe, NICKNAME_MAX_LENGTH } from "../../../../contract/rules.js";
import { emit, type ProfileWidgetAction } from "../../events.js";
import en, { type DevicesErrorCode, type DevicesTranslation } from "../../i18n/devices/en.js";
import { loadDevicesTranslation } from "../../i18n/devices/index.js";
import { errorText, expectUser, SIGN_IN_CODES } from "../shared.js";
import { devicesStyles } from "./devices.styles.js";
import { renderScreen } from "./frame.js";
import { METHODS, methodOf } from "./methods/index.js";
import type { DeviceMethod, DevicesContext, FailOptions, FirstAnswers, Notice, Screen, ScreenFlow } from "./types.js";

export type { DevicesContext };

/** Failures that only ask the person to wait or do something: shown as a calm warning, not an error. */
const CALM_CODES = new Set([...SIGN_IN_CODES, "rate_limited", "otp_expired"]);

/**
 * The devices flow (`data-flow="devices"`): enable MFA, list, add (each kind of device by its method, methods/),
 * rename, set as default, remove, turn off. A controller of the widget, loaded in its own chunk; every request
 * goes through the widget's `api()` and every event through its `emit()`.
 */
export class DevicesFlow implements ReactiveController, ScreenFlow {
  t: DevicesTranslation = en;
  /** The session's user, shown in the widget's header. */
  username = "";
  mfa: MfaState = { enabled: false, devices: [], canAddDevice: false, maxDevices: 0, recoveryCodes: null };
  /** What the server offers; until it has answered, nothing. */
  config: MfaConfig = {
    methods: Object.fromEntries(METHODS.map((method) => [method.type, false])) as MfaConfig["methods"],
    maxDevices: 0,
    reauthMaxAgeMinutes: 0,
  };
  screen: Screen = { kind: "list" };
  notice: Notice | null = null;
  /** The error of the screen's one text field. */
  fieldError = "";
  /** The screen's text field: phone, email, code or nickname. */
  value = "";
  /** The action in flight (`"primary"`, `"resend"`, a device type…), or "" when idle. */
  busy = "";
  /** Too many wrong codes: only Cancel is left. */
  locked = false;
  /** When "Resend code" may be pressed again (ms since epoch), after a 429. */
  resendAt = 0;

  private focusHeading = false;
  private focusField = false;
  /** What had focus when a request started: its button is disabled meanwhile, so focus comes back to it after. */
  private refocus?: HTMLElement;
  private timers = new Set<ReturnType<typeof setTimeout>>();

  constructor(readonly ctx: DevicesContext) {
    ctx.host.addController(this);
    const root = ctx.host.renderRoot;
    const sheet = devicesStyles.styleSheet;
    // The flow's styles join the widget's only now, so the profile flow never downloads them.
    if (sheet && root instanceof ShadowRoot && !root.adoptedStyleSheets.includes(sheet)) {
      root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
    }
  }

  hostUpdated(): void {
    const root = this.ctx.host.renderRoot as ShadowRoot;
    const heading = root.querySelector<HTMLElement>("#pw-screen-title");
    if (this.focusHeading) heading?.focus();
    else if (this.focusField) root.querySelector<HTMLInputElement>('[aria-invalid="true"]')?.select();
    else if (this.refocus && !this.busy && !root.activeElement && document.activeElement === document.body) {
      // Focus fell to the page while the pressed button was disabled: back to it, or to the heading if it is gone.
      (this.refocus.isConnected && !(this.refocus as HTMLButtonElement).disabled ? this.refocus : heading)?.focus();
    }
    if (!this.busy) this.refocus = undefined;
    this.focusHeading = this.focusField = false;
  }

  hostDisconnected(): void {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
  }

  get device(): Device | undefined {
    const { screen } = this;
    return screen.kind === "device" || screen.kind === "remove" ? this.mfa.devices.find((d) => d.id === screen.id) : undefined;
  }

  /** The methods this server lets people add, in their fixed order (methods/index.ts). */
  get methods(): DeviceMethod[] {
    return METHODS.filter((method) => this.config.methods[method.type]);
  }

  update(): void {
    this.ctx.host.requestUpdate();
  }

  /**
   * Takes the strings and the first answers (the session's user, their MFA state, what the server offers); throws what
   * the widget shows full-card (`username_mismatch` when `expectedUsername` is set and differs).
   */
  async load(expectedUsername: string, first: FirstAnswers): Promise<void> {
    const [t, profile, state, config] = await Promise.all([
      loadDevicesTranslation(this.ctx.t().lang),
      first.profile,
      first.mfa,
      first.config,
    ]);
    if (expectedUsername) expectUser(profile.data.username, expectedUsername);
    this.t = t;
    this.username = profile.data.username;
    this.mfa = state.data;
    this.config = config.data;
    this.show(this.mfa.enabled ? { kind: "list" } : { kind: "enable" }, null, false);
  }

  /** The widget's language changed: this flow's strings follow. */
  async localize(): Promise<void> {
    this.t = await loadDevicesTranslation(this.ctx.t().lang);
    this.update();
  }

  /**
   * A new token with nothing pending: drops the sign-in message and brings a resting screen up to date.
   * Answers false when the token is someone else's, for the widget to start over.
   */
  async refresh(): Promise<boolean> {
    if (this.notice?.tone === "warning") this.notice = null;
    this.update();
    try {
      const [profile, state] = await Promise.all([
        this.ctx.api<{ username: string }>("/api/profile"),
        this.ctx.api<MfaState>("/api/mfa"),
      ]);
      if (profile.data.username !== this.username) return false;
      if (["enable", "list", "ended"].includes(this.screen.kind) && !this.busy) {
        this.mfa = state.data;
        if (this.screen.kind !== "ended" && this.mfa.enabled !== (this.screen.kind === "list")) {
          this.show(this.mfa.enabled ? { kind: "list" } : { kind: "enable" }, this.notice, false);
        }
      }
      this.update();
    } catch (error) {
      this.fail(error);
    }
    return true;
  }

  /** The message for a code: this flow's own words first, then the widget's shared table. */
  message(error: unknown): { code: string; message: string } {
    const { code, details } = error instanceof ApiError ? error : new ApiError(0, "unknown", String(error));
    const own = this.t.errors[code as DevicesErrorCode];
    const message =
      code === "otp_invalid"
        ? this.t.errors.otp_invalid(details.attemptsRemaining)
        : code === "rate_limited"
          ? this.t.errors.rate_limited(details.retryAfterSeconds)
          : typeof own === "string"
            ? own
            : errorText(this.ctx.t(), code);
    return { code, message };
  }

  /** Moves to a screen: fresh field, the given notice, focus on its heading (not on first load: the page keeps focus). */
  show(screen: Screen, notice: Notice | null = null, focus = true): void {
    this.screen = screen;
    this.notice = notice;
    this.fieldError = "";
    this.value = screen.kind === "device" ? (this.device?.nickname ?? "") : "";
    this.locked = false;
    this.resendAt = 0;
    this.focusHeading = focus;
    // A change waiting for a sign-in belongs to its confirmation screen; leaving it drops the change.
    this.ctx.pending.drop();
    this.update();
  }

  /**
   * Shows a failure on the current screen and reports it to the host. `field` puts it under the screen's field;
   * `retry` is the change to run again once the user signs in afresh; `offer`, a way out some codes call for.
   */
  fail(error: unknown, options: FailOptions = {}): void {
    // The widget dropped the request (another flow, another API): nothing to tell anyone.
    if ((error as Error | undefined)?.name === "AbortError") return;
    const { code, message } = this.message(error);
    const fields = error instanceof ApiError ? error.fields : undefined;
    if (options.field !== undefined && (code === "otp_invalid" || code === "validation_failed")) {
      // The server's field messages are English: the field's own rule is said in the widget's language instead.
      this.fieldError = code === "validation_failed" && fields ? options.field : message;
      this.notice = null;
      this.focusField = true;
    } else {
      if (options.retry) this.ctx.pending.keepFor(code, options.retry);
      this.notice = { tone: CALM_CODES.has(code) ? "warning" : "error", text: message };
      if (code === "too_many_attempts") this.locked = true;
      const action = options.offer?.(code);
      if (action) this.notice.action = action;
      if (code === "rate_limited") this.waitForResend(error instanceof ApiError ? error.details.retryAfterSeconds : undefined);
      if (code === "reauthentication_required" && options.retry) this.offerConfirm(this.notice);
    }
    this.update();
    emit(this.ctx.host, "profile-widget-error", { flow: "devices", code, message });
  }

  /** Offers "Confirm it's you" in `notice` once it is known the person has a device to confirm with. */
  private offerConfirm(notice: Notice): void {
    void this.ctx.canConfirm().then((can) => {
      if (!can || this.notice !== notice || notice.action) return;
      notice.action = { label: this.ctx.t().confirmIdentity, run: () => this.ctx.confirm() };
      this.update();
    });
  }

  private succeed(action: ProfileWidgetAction): void {
    emit(this.ctx.host, "profile-widget-success", { flow: "devices", action });
  }

  /** A device changed: the list, brought up to date, says so (`said`), and the host gets its event. */
  private async changed(action: ProfileWidgetAction, said: "deviceAdded" | "deviceRenamed" | "defaultChanged" | "deviceRemoved"): Promise<void> {
    await this.reloadState();
    this.succeed(action);
    this.show({ kind: "list" }, { tone: "success", text: this.t[said] });
  }

  /** Says under the screen's field what it accepts, and selects what was typed. */
  invalid(text: string): void {
    this.fieldError = text;
    this.focusField = true;
  }

  /** Runs one request at a time, marking which control is busy. */
  async act(busy: string, work: () => Promise<void>): Promise<void> {
    if (this.busy) return;
    this.busy = busy;
    const root = this.ctx.host.renderRoot as ShadowRoot;
    this.refocus = (root.activeElement as HTMLElement | null) ?? undefined;
    this.update();
    try {
      await work();
    } finally {
      this.busy = "";
      this.update();
    }
  }

  async showList(): Promise<void> {
    await this.reloadState();
    this.show({ kind: "list" });
  }

  private async reloadState(): Promise<void> {
    try {
      this.mfa = (await this.ctx.api<MfaState>("/api/mfa")).data;
    } catch {
      // The change itself succeeded; the list catches up on the next load.
    }
  }

  later(ms: number, run: () => void): void {
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      run();
    }, ms);
    this.timers.add(timer);
  }

  private waitForResend(seconds = 30): void {
    this.resendAt = Date.now() + seconds * 1000;
    const tick = () => {
      this.update();
      if (Date.now() < this.resendAt) this.later(1000, tick);
    };
    this.later(1000, tick);
  }

  // ——— Enable, list, end ———

  enableMfa = (): Promise<void> =>
    this.act("primary", async () => {
      try {
        this.mfa = (await this.ctx.api<MfaState>("/api/mfa/enable", { method: "POST", body: {} })).data;
        this.succeed("mfa_enabled");
        this.show({ kind: "list" }, { tone: "success", text: this.mfa.devices.length ? this.t.mfaOn : this.t.mfaEnabled });
      } catch (error) {
        this.fail(error);
      }
    });

  disableMfa = (): Promise<void> =>
    this.act("primary", async () => {
      try {
        this.mfa = (await this.ctx.api<MfaState>("/api/mfa/disable", { method: "POST", body: {} })).data;
        this.succeed("mfa_disabled");
        this.show({ kind: "enable" }, { tone: "success", text: this.t.mfaDisabled });
      } catch (error) {
        this.fail(error, { retry: this.disableMfa });
      }
    });

  end = (action: "done" | "cancelled"): void => {
    this.succeed(action);
    this.show({ kind: "ended", action });
  };

  restart = (): Promise<void> =>
    this.act("primary", async () => {
      await this.reloadState();
      this.show(this.mfa.enabled ? { kind: "list" } : { kind: "enable" });
    });

  // ——— Add a device ———

  /** What choosing a type on "Add a device" does: its method decides (methods/). */
  choose = (type: DeviceType): Promise<void> | void => methodOf(type)?.choose(this);

  /**
   * Starts adding a device at once (an authenticator app, a passkey), its option busy; `preload` fetches what the
   * next step needs alongside the request, `next` shows that step. After a 403 the choice is made again with the
   * fresh token.
   */
  begin(type: DeviceType, preload: () => Promise<unknown>, next: (added: AddedDevice) => void): Promise<void> {
    return this.act(type, async () => {
      // Loaded alongside the request, so the QR code or the browser's prompt follows without a wait.
      preload().catch(() => undefined);
      try {
        next(await this.startAdding({ type }));
      } catch (error) {
        // Adding needs a recent sign-in: the choice is kept and made again with the fresh token.
        this.fail(error, {
          retry: async () => {
            await this.choose(type);
          },
        });
      }
    });
  }

  /** Starts adding a device, named in the person's language until they rename it. */
  async startAdding(body: { type: DeviceType } & Record<string, string>): Promise<AddedDevice> {
    const named = { nickname: this.t.nicknames[body.type], ...body };
    return (await this.ctx.api<AddedDevice>("/api/mfa/devices", { method: "POST", body: named })).data;
  }

  async activate(device: Device, proof: Record<string, unknown>): Promise<void> {
    // In the widget's language: a passkey nobody named is named then ("Chrome auf macOS").
    const headers = { "Accept-Language": this.ctx.t().lang };
    await this.ctx.api(`/api/mfa/devices/${device.id}/activate`, { method: "POST", body: proof, headers });
    await this.changed("device_added", "deviceAdded");
  }

  /** Leaves the add screens; `started`, a device that was started but not verified, is deleted (best effort). */
  cancelAdding = (started?: Device): Promise<void> =>
    this.act("cancel", async () => {
      if (started) await this.discard(started);
      this.show({ kind: "list" });
    });

  async discard(device: Device): Promise<void> {
    try {
      await this.ctx.api(`/api/mfa/devices/${device.id}`, { method: "DELETE" });
    } catch {
      // Left pending: it shows in the list as "Pending verification", where it can be removed.
    }
    await this.reloadState();
  }

  // ——— One device ———

  rename = (): Promise<void> =>
    this.act("primary", async () => {
      const device = this.device;
      const nickname = this.value.trim();
      if (!device) return;
      if (!nickname || nickname.length > NICKNAME_MAX_LENGTH || !isDisplaySafe(nickname)) return this.invalid(this.t.invalidNickname);
      try {
        await this.ctx.api(`/api/mfa/devices/${device.id}`, { method: "PATCH", body: { nickname } });
        await this.changed("device_renamed", "deviceRenamed");
      } catch (error) {
        this.fail(error, { field: this.t.invalidNickname });
      }
    });

  setDefault = (): Promise<void> =>
    this.act("default", async () => {
      const device = this.device;
      if (!device) return;
      try {
        await this.ctx.api(`/api/mfa/devices/${device.id}/default`, { method: "POST", body: {} });
        await this.changed("default_changed", "defaultChanged");
      } catch (error) {
        this.fail(error);
      }
    });

  /** Removes the device of the confirmation screen; after a 403 it runs again, by itself, with a fresh token. */
  remove = (): Promise<void> =>
    this.act("primary", async () => {
      const device = this.device;
      if (!device) return;
      try {
        await this.ctx.api(`/api/mfa/devices/${device.id}`, { method: "DELETE" });
        await this.changed("device_removed", "deviceRemoved");
      } catch (error) {
        if (error instanceof ApiError && error.code === "not_found") {
          await this.reloadState();
          return this.show({ kind: "list" }, { tone: "warning", text: this.message(error).message });
        }
        this.fail(error, { retry: this.remove });
      }
    });

  onInput = (event: Event): void => {
    this.value = (event.target as HTMLInputElement).value;
    if (this.fieldError) this.fieldError = "";
    this.update();
  };

  /** The current screen, in its frame (frame.ts). */
  render(): TemplateResult {
    return renderScreen(this);
  }
}
