import { html } from "lit";
import { E164, EMAIL, normalizePhone } from "../../../../../contract/rules.js";
import type { Device } from "../../../api/client.js";
import { cancelAndSubmit, onSubmit, textField } from "../controls.js";
import { deviceTile } from "../device-list.js";
import type { AddScreen, DeviceMethod, NoticeAction, ScreenFlow, ScreenParts } from "../types.js";

/**
 * Codes sent by SMS or email (server/src/mfa/code-method.ts): the phone number or address, then the code sent to
 * it, with "Resend code". The code field and its check serve the authenticator app too (totp.ts).
 */

type CodeType = "sms" | "email";

/** The phone number or email address that will receive the code. */
function renderTarget(flow: ScreenFlow, { type }: Extract<AddScreen, { kind: "target" }>): ScreenParts {
  const { t } = flow;
  const sms = type === "sms";
  return {
    title: t.types[type],
    text: t.targetText[type],
    icon: deviceTile({ type }),
    body: html`<form novalidate @submit=${onSubmit(() => sendCode(flow, type))}>
      ${textField(
        flow,
        sms
          ? { name: "phone", label: t.phone, type: "tel", autocomplete: "tel", inputmode: "tel", hint: t.phoneHint }
          : { name: "email", label: t.email, type: "email", autocomplete: "email", inputmode: "email" },
      )}
      ${cancelAndSubmit(flow, { label: t.sendCode, busyLabel: t.sending })}
    </form>`,
  };
}

/** Sends the first code to the phone number or email address typed in. */
function sendCode(flow: ScreenFlow, type: CodeType): Promise<void> {
  return flow.act("primary", async () => {
    const target = type === "sms" ? normalizePhone(flow.value.trim()) : flow.value.trim();
    const valid = type === "sms" ? E164.test(target) : EMAIL.test(target);
    const rule = () => (type === "sms" ? flow.t.invalidPhone : flow.t.invalidEmail);
    if (!valid) return flow.invalid(rule());
    try {
      const { device } = await flow.startAdding(type === "sms" ? { type, phone: target } : { type, email: target });
      flow.show({ kind: "code", device });
    } catch (error) {
      // After a 403 the number or address typed in stays, and the code is sent once the fresh token arrives.
      flow.fail(error, { field: rule(), retry: () => sendCode(flow, type) });
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

function resend(flow: ScreenFlow, device: Device): Promise<void> {
  return flow.act("resend", async () => {
    try {
      await flow.ctx.api(`/api/mfa/devices/${device.id}/resend`, { method: "POST", body: {} });
      flow.fieldError = "";
      flow.value = "";
      flow.notice = { tone: "success", text: flow.t.resent(device.target ?? "") };
    } catch (error) {
      flow.fail(error);
    }
  });
}

/** The 6-digit code sent by SMS or email, with "Resend code" (offered in the message, too, when the code expired). */
function renderCode(flow: ScreenFlow, { device }: Extract<AddScreen, { kind: "code" }>): ScreenParts {
  const { t } = flow;
  const wait = Math.ceil((flow.resendAt - Date.now()) / 1000);
  const offer = (code: string) => (code === "otp_expired" ? { label: flow.t.resend, run: () => void resend(flow, device) } : undefined);
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
          @click=${() => resend(flow, device)}
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
  choose: (flow) => flow.show({ kind: "target", type }),
  screens: { target: renderTarget, code: renderCode },
});

export const smsMethod = codeMethod("sms");
export const emailMethod = codeMethod("email");
