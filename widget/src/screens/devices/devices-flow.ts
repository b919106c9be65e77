import type { ReactiveController, TemplateResult } from "lit";
import { ApiError, type AddedDevice, type Device, type DeviceType, type MfaConfig, type MfaState } from "../../api/client.js";
import { isDisplaySafe, NICKNAME_MAX_LENGTH } from "../../../../contract/rules.js";
import type { ActivityFlow } from "../activity/activity-flow.js";
import { emit, type ProfileWidgetAction } from "../../events.js";
import en, { type DevicesErrorCode, type DevicesTranslation } from "../../i18n/devices/en.js";
import { loadDevicesTranslation } from "../../i18n/devices/index.js";
import { errorText, expectUser, SIGN_IN_CODES } from "../shared.js";
import { unnamed } from "./device-list.js";
import { adoptStyles } from "../screen.js";
import { screenStyles } from "../screen.styles.js";
import { devicesStyles } from "./devices.styles.js";
import { renderScreen } from "./frame.js";
import { METHODS, methodOf } from "./methods/index.js";
import type { DeviceMethod, DevicesContext, FailOptions, FirstAnswers, Notice, Screen, ScreenFlow } from "./types.js";

export type { DevicesContext };

/** Failures that only ask the person to wait or do something: shown as a calm warning, not an error. */
const CALM_CODES = new Set([...SIGN_IN_CODES, "rate_limited", "otp_expired"]);
/** The session itself is gone: every request fails until the host hands over a new token. */
const SESSION_CODES = new Set(["session_missing", "session_invalid", "session_expired"]);
/** Failures of the network or the server, which the same request may get past a moment later: "Try again". */
const TRANSIENT_CODES = new Set(["network_error", "service_unavailable", "internal_error", "unknown"]);

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
  /** An element to focus after the next render (a change confirmed in place whose button went away). */
  private focusSelector = "";
  /** What had focus when a request started: its button is disabled meanwhile, so focus comes back to it after. */
  private refocus?: HTMLElement;
  private timers = new Set<ReturnType<typeof setTimeout>>();
  /** The activity screen (its own chunk), once "Recent activity" has been opened. */
  activity?: ActivityFlow;

  constructor(readonly ctx: DevicesContext) {
    ctx.host.addController(this);
    // The flow's styles join the widget's only now, so the profile flow never downloads them.
    adoptStyles(ctx, screenStyles, devicesStyles);
  }

  hostUpdated(): void {
    const root = this.ctx.host.renderRoot as ShadowRoot;
    const heading = root.querySelector<HTMLElement>("#pw-screen-title");
    if (this.focusHeading) heading?.focus();
    else if (this.focusSelector) root.querySelector<HTMLElement>(this.focusSelector)?.focus();
    else if (this.focusField) root.querySelector<HTMLInputElement>('[aria-invalid="true"]')?.select();
    else if (this.refocus && !this.busy && !root.activeElement && document.activeElement === document.body) {
      // Focus fell to the page while the pressed button was disabled: back to it, or to the heading if it is gone.
      (this.refocus.isConnected && !(this.refocus as HTMLButtonElement).disabled ? this.refocus : heading)?.focus();
    }
    if (!this.busy) this.refocus = undefined;
    this.focusHeading = this.focusField = false;
    this.focusSelector = "";
  }

  hostDisconnected(): void {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
  }

  get blocked(): boolean {
    return !!this.notice?.blocking;
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
      if (["enable", "list"].includes(this.screen.kind) && !this.busy) {
        this.mfa = state.data;
        if (this.mfa.enabled !== (this.screen.kind === "list")) {
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
    // A device nobody named shows its type's name; its nickname field starts empty, not with that name again.
    const device = screen.kind === "device" ? this.device : undefined;
    this.value = device && !unnamed(device) ? device.nickname : "";
    this.locked = false;
    this.resendAt = 0;
    this.focusHeading = focus;
    // A change waiting for a sign-in belongs to its confirmation screen; leaving it drops the change.
    this.ctx.pending.drop();
    this.update();
  }

  /**
   * Shows a failure on the current screen, beside what it is about (`at`), and reports it to the host. `field` puts it
   * under the screen's field; `retry` is the change to run again once the user signs in afresh (or by "Try again"
   * after a network or server failure); `offer`, a way out some codes call for. While a sign-in or a confirmation is
   * needed, what would fail again is disabled and the message holds the one action that resolves it.
   */
  fail(error: unknown, options: FailOptions = {}): void {
    // The widget dropped the request (another flow, another API): nothing to tell anyone.
    if ((error as Error | undefined)?.name === "AbortError") return;
    const { code } = this.message(error);
    let { message } = this.message(error);
    const fields = error instanceof ApiError ? error.fields : undefined;
    if (options.field !== undefined && (code === "otp_invalid" || code === "validation_failed")) {
      // The server's field messages are English: the field's own rule is said in the widget's language instead.
      this.fieldError = code === "validation_failed" && fields ? options.field : message;
      this.notice = null;
      this.focusField = true;
    } else {
      const { retry } = options;
      const notice: Notice = { tone: CALM_CODES.has(code) ? "warning" : "error", text: message, at: options.at };
      if (retry && this.ctx.pending.keepFor(code, () => this.resume(retry))) notice.blocking = true;
      // Signed out: the signed-out card takes the flow's place, none of the person's devices left on the page; the
      // same person's next token brings the flow back here, and the change kept for it runs.
      if (SESSION_CODES.has(code)) return this.ctx.signedOut(error, this.ctx.pending.waiting);
      if (code === "reauthentication_required") {
        notice.blocking = true;
        if (this.canConfirm) {
          // Words that match the action offered: confirming with a device, not signing in again.
          message = notice.text = this.t.confirmToContinue;
          notice.action = { label: this.ctx.t().confirmIdentity, run: () => this.ctx.confirm() };
        } else {
          notice.action = this.signInAgain(code, message);
        }
      } else if (TRANSIENT_CODES.has(code) && retry) {
        notice.action = { label: this.ctx.t().tryAgain, run: () => void retry() };
      }
      if (code === "too_many_attempts") this.locked = true;
      const action = options.offer?.(code);
      if (action) notice.action = action;
      this.notice = notice;
      if (code === "rate_limited") this.waitForResend(error instanceof ApiError ? error.details.retryAfterSeconds : undefined);
    }
    this.update();
    emit(this.ctx.host, "profile-widget-error", { flow: "devices", code, message });
  }

  /** Whether the person has a device to confirm it's them with, in place of signing in again. */
  private get canConfirm(): boolean {
    return this.mfa.enabled && this.mfa.devices.some((d) => d.status === "ACTIVE");
  }

  /** "Sign in again": the host is told once more, as when the session first needed it, and signs the person in. */
  private signInAgain(code: string, message: string): Notice["action"] {
    return { label: this.t.signInAgain, run: () => emit(this.ctx.host, "profile-widget-error", { flow: "devices", code, message }) };
  }

  /** The change that waited for a sign-in or a confirmation runs again, its controls enabled. */
  private resume(retry: () => Promise<void>): Promise<void> {
    if (this.notice?.blocking) this.notice = null;
    this.update();
    return retry();
  }

  private succeed(action: ProfileWidgetAction): void {
    emit(this.ctx.host, "profile-widget-success", { flow: "devices", action });
  }

  /** A device was added or removed: the list, brought up to date, says so (`said`), and the host gets its event. */
  private async changed(action: ProfileWidgetAction, said: "deviceAdded" | "deviceRemoved"): Promise<void> {
    await this.reloadState();
    this.succeed(action);
    // Adding a device is a setup the person finished: the host may close its panel.
    if (action === "device_added") this.succeed("done");
    this.show({ kind: "list" }, { tone: "success", text: this.t[said] });
  }

  /** A device's screen changed the device: it stays up, brought up to date, and says so beside the change. */
  private async changedInPlace(action: ProfileWidgetAction, text: string, at: Notice["at"]): Promise<void> {
    await this.reloadState();
    this.succeed(action);
    this.notice = { tone: "success", text, at };
  }

  /** Says under the screen's field what it accepts, and selects what was typed. */
  invalid(text: string): void {
    this.fieldError = text;
    this.focusField = true;
  }

  /** Runs one request at a time, marking which control is busy. */
  async act(busy: string, work: () => Promise<void>): Promise<void> {
    // Cancel stays usable while the flow waits for a sign-in: leaving needs none.
    if (this.busy || (this.blocked && busy !== "cancel")) return;
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

  showList = async (done = false): Promise<void> => {
    await this.reloadState();
    if (done) this.succeed("done");
    this.show({ kind: "list" });
  };

  /** "Recent activity": its chunk on first use (the row busy meanwhile, in the person's language once shown). */
  openActivity = (): Promise<void> =>
    this.act("activity", async () => {
      try {
        const { ActivityFlow } = await import("../activity/activity-flow.js");
        this.activity ??= new ActivityFlow(this.ctx, { flow: "devices", back: { label: this.t.back, run: this.closeActivity } });
        await this.activity.load();
        this.show({ kind: "activity" });
      } catch (error) {
        // The chunk could not be fetched: the network's failure, beside the row.
        this.fail(error instanceof ApiError ? error : new ApiError(0, "network_error", String(error)), { at: "activity" });
      }
    });

  /** Back from the activity: the list, focus on "Recent activity" where the person left it. */
  closeActivity = (): void => {
    this.show({ kind: "list" }, null, false);
    this.focusSelector = ".activity-link";
  };

  cancel = (): void => {
    this.succeed("cancelled");
    this.show({ kind: "list" });
  };

  /** Cancel on "Remove this device?": back to the device, which stays. */
  cancelRemove = (): void => {
    const { screen } = this;
    this.succeed("cancelled");
    this.show(screen.kind === "remove" ? { kind: "device", id: screen.id } : { kind: "list" });
  };

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

  /**
   * Turns MFA on. With an active device sign-ins are protected at once ("MFA is on"); without one the list says
   * setting up is not finished, in its own words, so there is no success message.
   */
  enableMfa = (busy = "primary"): Promise<void> =>
    this.act(busy, async () => {
      try {
        this.mfa = (await this.ctx.api<MfaState>("/api/mfa/enable", { method: "POST", body: {} })).data;
        this.succeed("mfa_enabled");
        this.show({ kind: "list" }, this.canConfirm ? { tone: "success", text: this.t.mfaOn } : null);
      } catch (error) {
        this.fail(error, { at: "footer", retry: () => this.enableMfa(busy) });
      }
    });

  enableWith = async (type: DeviceType): Promise<void> => {
    await this.enableMfa(`enable-${type}`);
    if (this.mfa.enabled && this.screen.kind === "list" && this.mfa.canAddDevice) {
      this.show({ kind: "choose" }, null, false);
      await this.choose(type);
    }
  };

  disableMfa = (): Promise<void> =>
    this.act("primary", async () => {
      try {
        this.mfa = (await this.ctx.api<MfaState>("/api/mfa/disable", { method: "POST", body: {} })).data;
        this.succeed("mfa_disabled");
        this.show({ kind: "enable" }, { tone: "success", text: this.t.mfaDisabled });
      } catch (error) {
        this.fail(error, { at: "footer", retry: this.disableMfa });
      }
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

  /**
   * Starts adding a device. It is sent without a nickname: the server names it after its type (DEFAULT_NICKNAMES),
   * and every widget shows that name in its own language until the person renames the device.
   */
  async startAdding(body: { type: DeviceType } & Record<string, string>): Promise<AddedDevice> {
    return (await this.ctx.api<AddedDevice>("/api/mfa/devices", { method: "POST", body })).data;
  }

  async activate(device: Device, proof: Record<string, unknown>): Promise<void> {
    // A passkey nobody named is named then, in the widget's language (every request says it): "Chrome auf macOS".
    await this.ctx.api(`/api/mfa/devices/${device.id}/activate`, { method: "POST", body: proof });
    await this.changed("device_added", "deviceAdded");
  }

  /** Leaves the add screens; `started`, a device that was started but not verified, is deleted (best effort). */
  cancelAdding = (started?: Device): Promise<void> =>
    this.act("cancel", async () => {
      if (started) await this.discard(started);
      this.cancel();
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
      if (nickname.length > NICKNAME_MAX_LENGTH) return this.invalid(this.t.nicknameTooLong(nickname.length, NICKNAME_MAX_LENGTH));
      if (!nickname || !isDisplaySafe(nickname)) return this.invalid(this.t.invalidNickname);
      try {
        await this.ctx.api(`/api/mfa/devices/${device.id}`, { method: "PATCH", body: { nickname } });
        await this.changedInPlace("device_renamed", this.t.deviceRenamed, "rename");
      } catch (error) {
        this.fail(error, { field: this.t.invalidNickname, at: "rename", retry: this.rename });
      }
    });

  setDefault = (): Promise<void> =>
    this.act("default", async () => {
      const device = this.device;
      if (!device) return;
      try {
        await this.ctx.api(`/api/mfa/devices/${device.id}/default`, { method: "POST", body: {} });
        await this.changedInPlace("default_changed", this.t.defaultChanged, "default");
        // "Set as default" is gone (the device is the default now): focus goes to what replaced it.
        this.focusSelector = "#pw-default-title";
      } catch (error) {
        this.fail(error, { at: "default", retry: this.setDefault });
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
        this.fail(error, { at: "footer", retry: this.remove });
      }
    });

  /** Typing clears the field's error; a field with a limit (`data-max`) says at once when the text is too long. */
  onInput = (event: Event): void => {
    const input = event.target as HTMLInputElement;
    this.value = input.value;
    const max = Number(input.dataset.max) || 0;
    const length = this.value.trim().length;
    this.fieldError = max && length > max ? this.t.nicknameTooLong(length, max) : "";
    // A confirmation of the last change is about what was there before: typing something new retires it.
    if (this.notice?.tone === "success") this.notice = null;
    this.update();
  };

  /** The current screen, in its frame (frame.ts). */
  render(): TemplateResult {
    return renderScreen(this);
  }
}
