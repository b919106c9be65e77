import { html } from "lit";
import { EMAIL } from "../../../../../contract/rules.js";
import type { ResentCode } from "../../../../../contract/api.js";
import type { Device } from "../../../api/client.js";
import { countdown, resendTime, secondsLeft } from "./countdown.js";
import { cancelAndSubmit, onSubmit, textField } from "../controls.js";
import { deviceTile } from "../device-list.js";
import type { AddScreen, DeviceMethod, NoticeAction, ScreenFlow, ScreenParts } from "../types.js";
import { phoneField, phoneRule, phoneTarget, preparePhone, type TargetScreen } from "./phone-field.js";

/**
 * Codes sent by SMS or email (server/src/mfa/code-method.ts): the phone number or address, then the code sent to
 * it, with "Resend code". The code field and its check serve the authenticator app too (totp.ts).
 */

type CodeType = "sms" | "email";
type CodeScreen = Extract<AddScreen, { kind: "code" }>;

/** The phone number (with its country-code picker, phone-field.ts) or email address that will receive the code. */
function renderTarget(flow: ScreenFlow, screen: TargetScreen): ScreenParts {
  const { t } = flow;
  const { type } = screen;
  return {
    title: t.types[type],
    text: t.targetText[type],
    icon: deviceTile({ type }),
    body: html`<form novalidate @submit=${onSubmit(() => sendCode(flow, screen))}>
      ${type === "sms"
        ? phoneField(flow, screen)
        : textField(flow, { name: "email", label: t.email, type: "email", autocomplete: "email", inputmode: "email" })}
      ${cancelAndSubmit(flow, { label: t.sendCode, busyLabel: t.sending })}
    </form>`,
  };
}

/** Sends the first code to the phone number (in E.164) or email address typed in. */
function sendCode(flow: ScreenFlow, screen: TargetScreen): Promise<void> {
  const { type } = screen;
  return flow.act("primary", async () => {
    const target = type === "sms" ? phoneTarget(flow, screen) : flow.value.trim();
    const valid = type === "sms" ? target !== "" : EMAIL.test(target);
    const rule = () => (type === "sms" ? phoneRule(flow, screen) : flow.t.invalidEmail);
    if (!valid) return flow.invalid(rule());
    try {
      const added = await flow.startAdding(type === "sms" ? { type, phone: target } : { type, email: target });
      const screen: CodeScreen = { kind: "code", device: added.device, resendAt: resendTime(added.resendAvailableAt) };
      flow.show(screen);
      waitToResend(flow, screen);
    } catch (error) {
      // After a 403 the number or address typed in stays, and the code is sent once the fresh token arrives.
      flow.fail(error, { field: rule(), retry: () => sendCode(flow, screen) });
    }
  });
}

/** The 6-digit code field, of a code sent (here) or shown by an authenticator app (totp.ts). */
export function codeField(flow: ScreenFlow, hint: string) {
  return textField(flow, {
    name: "code",
    label: flow.t.code,
    type: "text",
    autocomplete: "one-time-code",
    inputmode: "numeric",
    maxlength: 6,
    hint,
    className: "code",
  });
}

/** Activates the started device with the code typed in (SMS, email, authenticator app). */
export function verifyCode(flow: ScreenFlow, device: Device, offer?: (code: string) => NoticeAction | undefined): Promise<void> {
  return flow.act("primary", async () => {
    const otp = flow.value.replace(/\s/g, "");
    if (!/^\d{6}$/.test(otp)) return flow.invalid(flow.t.invalidCode);
    try {
      await flow.activate(device, { otp });
    } catch (error) {
      flow.fail(error, { field: flow.t.invalidCode, offer });
    }
  });
}

/** "Resend code" waits until the server said another code may be sent, counting down meanwhile. */
function waitToResend(flow: ScreenFlow, screen: CodeScreen): void {
  countdown(screen.resendAt ?? 0, (ms, run) => flow.later(ms, run), () => flow.update());
}

function resend(flow: ScreenFlow, screen: CodeScreen): Promise<void> {
  const { device } = screen;
  return flow.act("resend", async () => {
    try {
      const { data } = await flow.ctx.api<ResentCode>(`/api/mfa/devices/${device.id}/resend`, { method: "POST", body: {} });
      screen.resendAt = resendTime(data.resendAvailableAt);
      waitToResend(flow, screen);
      flow.fieldError = "";
      flow.value = "";
      flow.notice = { tone: "success", text: flow.t.resent(device.target ?? "") };
    } catch (error) {
      flow.fail(error);
    }
  });
}

/** The 6-digit code sent by SMS or email, with "Resend code" (offered in the message, too, when the code expired). */
function renderCode(flow: ScreenFlow, screen: CodeScreen): ScreenParts {
  const { t } = flow;
  const { device } = screen;
  // The server's time for the next code, or a wait it asked for after a refused resend (a 429), whichever is later.
  const wait = secondsLeft(Math.max(screen.resendAt ?? 0, flow.resendAt));
  const offer = (code: string) => (code === "otp_expired" ? { label: flow.t.resend, run: () => void resend(flow, screen) } : undefined);
  return {
    title: t.codeTitle,
    text: t.codeSent(device.target ?? ""),
    icon: deviceTile(device),
    body: html`<form novalidate @submit=${onSubmit(() => verifyCode(flow, device, offer))}>
      ${codeField(flow, t.codeHint)}
      <p class="resend">
        ${t.noCode}
        <button
          type="button"
          class="link"
          part="button"
          ?disabled=${!!flow.busy || flow.locked || wait > 0}
          @click=${() => resend(flow, screen)}
        >
          ${flow.busy === "resend" ? t.sending : wait > 0 ? t.resendIn(wait) : t.resend}
        </button>
      </p>
      ${cancelAndSubmit(flow, { label: t.verify, busyLabel: t.verifying }, () => device)}
    </form>`,
  };
}

const codeMethod = (type: CodeType): DeviceMethod => ({
  type,
  choose: (flow) => {
    const screen: TargetScreen = { kind: "target", type };
    flow.show(screen);
    if (type === "sms") void preparePhone(flow, screen);
  },
  screens: { target: renderTarget, code: renderCode },
});

export const smsMethod = codeMethod("sms");
export const emailMethod = codeMethod("email");
