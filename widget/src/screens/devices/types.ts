import type { nothing, ReactiveControllerHost, TemplateResult } from "lit";
import type { AddedDevice, ApiRequest, ApiResponse, Device, DeviceType, MfaState } from "../../api/client.js";
import type { Translation } from "../../i18n/en.js";
import type { DevicesTranslation } from "../../i18n/devices/en.js";
import type { QrPath } from "./qr.js";

/**
 * The devices flow's words for what its modules share: the screens, a notice, what a screen hands the frame, and
 * what a screen may use from the flow (`ScreenFlow`, which `DevicesFlow` implements). Screens import this module,
 * never devices-flow.ts, so no import goes round in a circle.
 */

/** What the widget lends the flow: its element, its one API wrapper, its strings and its pending-change slot. */
export interface DevicesContext {
  host: ReactiveControllerHost & HTMLElement & { renderRoot: HTMLElement | DocumentFragment };
  api<T>(path: string, init?: ApiRequest): Promise<ApiResponse<T>>;
  /** The widget's shared strings (sessions, network), in the current language. */
  t(): Translation;
  locale(): string;
  /** Keeps a change that needs a fresh sign-in; the widget runs it once with the next token or `retry()`. */
  setPending(run: (() => Promise<void>) | undefined): void;
}

export type Screen =
  | { kind: "enable" }
  | { kind: "list" }
  | { kind: "choose" }
  | { kind: "target"; type: "sms" | "email" }
  | { kind: "code"; device: Device }
  | { kind: "totp"; device: Device; secret: string; uri: string }
  | { kind: "passkey"; added?: AddedDevice }
  | { kind: "device"; id: string }
  | { kind: "remove"; id: string }
  | { kind: "disable" }
  | { kind: "ended"; action: "done" | "cancelled" };

export interface Notice {
  tone: "success" | "warning" | "error";
  text: string;
  /** A way out offered inside the message. */
  action?: { label: string; run: () => void };
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

/** What the screens use from the devices flow: its state, its strings and its actions. */
export interface ScreenFlow {
  readonly ctx: DevicesContext;
  readonly t: DevicesTranslation;
  readonly mfa: MfaState;
  /** The error of the screen's one text field. */
  readonly fieldError: string;
  /** The screen's text field: phone, email, code or nickname. */
  readonly value: string;
  /** The action in flight (`"primary"`, `"resend"`, a device type…), or "" when idle. */
  readonly busy: string;
  /** Too many wrong codes: only Cancel is left. */
  readonly locked: boolean;
  /** When "Resend code" may be pressed again (ms since epoch), after a 429. */
  readonly resendAt: number;
  readonly copied: boolean;
  readonly qr?: QrPath;
  /** The device types this server lets people add, in a fixed order. */
  readonly methods: DeviceType[];
  readonly passkeySupported: boolean;

  show(screen: Screen, notice?: Notice | null, focus?: boolean): void;
  onInput(event: Event): void;
  enableMfa(): Promise<void>;
  disableMfa(): Promise<void>;
  end(action: "done" | "cancelled"): void;
  restart(): Promise<void>;
  choose(type: DeviceType): Promise<void> | void;
  sendCode(type: "sms" | "email"): Promise<void>;
  verifyCode(): Promise<void>;
  resend(): Promise<void>;
  createPasskey(): Promise<void>;
  cancelAdding(): Promise<void>;
  copySecret(secret: string): Promise<void>;
  rename(): Promise<void>;
  setDefault(): Promise<void>;
  remove(): Promise<void>;
}
