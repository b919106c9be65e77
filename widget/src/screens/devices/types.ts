import type { nothing, TemplateResult } from "lit";
import type { AddedDevice, ApiResponse, Device, DeviceType, MfaConfig, MfaState } from "../../api/client.js";
import type { DevicesTranslation } from "../../i18n/devices/en.js";
import type { FlowContext, Notice as SharedNotice } from "../shared.js";
import type { QrPath } from "./qr.js";

/**
 * The devices flow's words for what its modules share: the screens, a notice, what a screen hands the frame, what
 * a method is (`DeviceMethod`), and what screens and methods may use from the flow (`ScreenFlow`, which
 * `DevicesFlow` implements). They import this module, never devices-flow.ts, so no import goes round in a circle.
 */

/** What the widget lends the flow: what it lends every flow (screens/shared.ts). */
export type DevicesContext = FlowContext;

/** The flow's first answers: the widget asks for them while the flow's chunk is still loading. */
export interface FirstAnswers {
  profile: Promise<ApiResponse<{ username: string }>>;
  mfa: Promise<ApiResponse<MfaState>>;
  config: Promise<ApiResponse<MfaConfig>>;
}

/** The screens of the lifecycle, drawn by device-list.ts, device-detail.ts and add-device.ts. */
export type LifecycleScreen =
  | { kind: "enable" }
  | { kind: "list" }
  | { kind: "choose" }
  | { kind: "device"; id: string }
  | { kind: "remove"; id: string }
  | { kind: "disable" }
  | { kind: "recovery"; codes: string[]; createdAt: string; copied?: boolean }
  /** The recent activity (screens/activity/, a chunk of its own), with a way back to the list. */
  | { kind: "activity" };

/** The steps of adding a device, each drawn by its method's module (methods/*.ts). */
export type AddScreen =
  /** `country`: the phone step's country-code picker (ISO 3166-1 alpha-2), once its chunk has loaded. */
  | { kind: "target"; type: "sms" | "email"; country?: string }
  /** `resendAt`: when "Resend code" may be pressed (ms since epoch), as the server said with the code it sent. */
  | { kind: "code"; device: Device; resendAt?: number }
  | { kind: "totp"; device: Device; secret: string; uri: string; qr?: QrPath; copied?: boolean }
  | { kind: "passkey"; added?: AddedDevice };

export type Screen = LifecycleScreen | AddScreen;

/** A way out offered inside a message. */
export interface NoticeAction {
  label: string;
  run: () => void;
}

/**
 * Where a message sits: beside what it is about. `footer`: above a screen's actions; `rename`, `default`: their blocks
 * on a device's screen; `recovery`, `activity`: the list's recovery-code and activity rows. Without one, under the
 * screen's heading.
 */
export type NoticeAnchor = "footer" | "rename" | "default" | "recovery" | "activity";

export interface Notice extends SharedNotice {
  action?: NoticeAction;
  at?: NoticeAnchor;
  /** Until it is resolved (a fresh sign-in or a confirmation), what would fail again is disabled. */
  blocking?: boolean;
}

/** What a screen module hands the frame: a heading (which takes focus), an intro, the body. */
export interface ScreenParts {
  title: string;
  text?: string | TemplateResult;
  icon?: TemplateResult;
  badge?: TemplateResult | typeof nothing;
  back?: () => void;
  body: TemplateResult | typeof nothing;
}

/** How a failure is shown (`ScreenFlow.fail`). */
export interface FailOptions {
  /** Put it under the screen's field; a refused value is answered with this, what the field accepts. */
  field?: string;
  /** Where the message goes, beside the control it is about (see `NoticeAnchor`). */
  at?: NoticeAnchor;
  /** The change to run again once the person signs in afresh, or by "Try again" after a network or server failure. */
  retry?: () => Promise<void>;
  /** A way out to offer with the message, for some codes (e.g. "Resend code" when the code expired). */
  offer?: (code: string) => NoticeAction | undefined;
}

/**
 * One kind of device, as the widget adds it: its type, what choosing it does, and its screens. Each lives in
 * methods/*.ts (as the server's do in server/src/mfa/); methods/index.ts lists them in the order they are offered.
 */
export interface DeviceMethod {
  readonly type: DeviceType;
  /** Choosing it on "Add a device": a screen to fill in first, or a request at once (`ScreenFlow.begin`). */
  choose(flow: ScreenFlow): Promise<void> | void;
  /** Why this browser can't add it, when it can't: the option is then disabled, with this as its hint. */
  unsupported?(flow: ScreenFlow): string | undefined;
  /** The steps it draws, by screen kind. */
  readonly screens: MethodScreens;
}

export type MethodScreens = {
  [K in AddScreen["kind"]]?: (flow: ScreenFlow, screen: Extract<AddScreen, { kind: K }>) => ScreenParts;
};

/** What the screens and the methods use from the devices flow: its state, its strings and its actions. */
export interface ScreenFlow {
  readonly ctx: DevicesContext;
  t: DevicesTranslation;
  /** The session's user. */
  readonly username: string;
  readonly mfa: MfaState;
  readonly screen: Screen;
  /** The device of a device's screen or its removal step (undefined once it is gone). */
  readonly device: Device | undefined;
  notice: Notice | null;
  /** The error of the screen's one text field. */
  fieldError: string;
  /** The screen's text field: phone, email, code or nickname. */
  value: string;
  /** The action in flight (`"primary"`, `"resend"`, a device type…), or "" when idle. */
  readonly busy: string;
  /** Too many wrong codes: only Cancel is left. */
  readonly locked: boolean;
  /** When "Resend code" may be pressed again (ms since epoch), after a 429. */
  readonly resendAt: number;
  /**
   * What would fail until the person signs in again (the session ended) or confirms it's them: every control that
   * sends a request is then aria-disabled, focus staying where it is.
   */
  readonly blocked: boolean;
  /** The methods this server lets people add, in their order. */
  readonly methods: readonly DeviceMethod[];
  /** The activity screen, once "Recent activity" has loaded it. */
  readonly activity?: { render(): TemplateResult };

  /** Draws the widget again (after a change it cannot see). */
  update(): void;
  /** Moves to a screen: fresh field, the given notice, focus on its heading. */
  show(screen: Screen, notice?: Notice | null, focus?: boolean): void;
  /** Shows a failure on the current screen and reports it to the host. */
  fail(error: unknown, options?: FailOptions): void;
  /** Says under the screen's field what it accepts, and selects what was typed. */
  invalid(text: string): void;
  /** Runs one request at a time, marking which control is busy. */
  act(busy: string, work: () => Promise<void>): Promise<void>;
  /** Runs `run` after `ms`, unless the widget leaves the page first. */
  later(ms: number, run: () => void): void;
  onInput(event: Event): void;

  enableMfa(): Promise<void>;
  /** Turns MFA on and starts adding a device of `type` (the choices on "Protect your account with MFA"). */
  enableWith(type: DeviceType): Promise<void>;
  disableMfa(): Promise<void>;
  /** Leaves a step unfinished (Cancel): back to the list, and the host gets `cancelled`. */
  cancel(): void;
  /** Cancel on "Remove this device?": back to the device's screen, and the host gets `cancelled`. */
  cancelRemove(): void;
  /** Brings the MFA state up to date and shows the device list; `done` tells the host a setup was finished. */
  showList(done?: boolean): Promise<void>;
  /** "Recent activity": loads its chunk (the row busy meanwhile) and shows it; Back returns to the list. */
  openActivity(): Promise<void>;

  /** What choosing a type on "Add a device" does (its method's `choose`). */
  choose(type: DeviceType): Promise<void> | void;
  /** Starts adding a device right away, its option busy meanwhile; after a 403 the choice is made again. */
  begin(type: DeviceType, preload: () => Promise<unknown>, next: (added: AddedDevice) => void): Promise<void>;
  /** Starts adding a device (POST /api/mfa/devices), named in the person's language until they rename it. */
  startAdding(body: { type: DeviceType } & Record<string, string>): Promise<AddedDevice>;
  /** Activates the started device with its proof, then shows the list (`device_added`, then `done`). */
  activate(device: Device, proof: Record<string, unknown>): Promise<void>;
  /** Deletes a started device (best effort) and reloads the list. */
  discard(device: Device): Promise<void>;
  /** Leaves the add screens, deleting `started`, the device the step began and nobody verified. */
  cancelAdding(started?: Device): Promise<void>;

  rename(): Promise<void>;
  setDefault(): Promise<void>;
  remove(): Promise<void>;
}
