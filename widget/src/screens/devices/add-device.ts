import { html, svg } from "lit";
import type { Device, DeviceType } from "../../api/client.js";
import { actionButton, onSubmit, textField } from "./controls.js";
import type { Screen, ScreenFlow, ScreenParts } from "./types.js";
import { deviceTile } from "./device-list.js";
import { icon } from "./icons.js";

/** Cancel (which deletes a started device) and the screen's main action: its form's submit, or `onClick`. */
function cancelAndSubmit(flow: ScreenFlow, main: { label: string; busyLabel: string; onClick?: () => unknown }) {
  const { t } = flow;
  return html`<div class="footer">
    <div class="actions" part="actions">
      ${actionButton(flow, { label: t.cancel, busy: "cancel", tone: "secondary", onClick: flow.cancelAdding })}
      ${actionButton(flow, { ...main, submit: !main.onClick })}
    </div>
  </div>`;
}

/** The kinds of device this server offers, one button each. */
export function renderChoose(flow: ScreenFlow): ScreenParts {
  const { t } = flow;
  const option = (type: DeviceType) => {
    const unsupported = type === "passkey" && !flow.passkeySupported;
    const hintId = `pw-hint-${type}`;
    return html`<li>
      <button
        type="button"
        class="option"
        part="option"
        aria-label=${t.types[type]}
        aria-describedby=${hintId}
        ?disabled=${unsupported || !!flow.busy}
        @click=${() => flow.choose(type)}
      >
        ${deviceTile({ type })}
        <span class="device-main">
          <span class="device-name">${t.types[type]}</span>
          <span class="device-meta" id=${hintId}>${unsupported ? t.passkeyUnsupported : t.typeHints[type]}</span>
        </span>
        ${flow.busy === type ? html`<span class="spinner" aria-hidden="true"></span>` : icon("chevron")}
      </button>
    </li>`;
  };
  return {
    title: t.chooseTitle,
    text: t.chooseText,
    body: html`<ul class="devices options">${flow.methods.map(option)}</ul>
      <div class="footer">
        <div class="actions" part="actions">
          <button type="button" class="secondary" part="button" @click=${() => flow.show({ kind: "list" })}>${t.cancel}</button>
        </div>
      </div>`,
  };
}

/** The phone number or email address that will receive the code. */
export function renderTarget(flow: ScreenFlow, type: "sms" | "email"): ScreenParts {
  const { t } = flow;
  const sms = type === "sms";
  return {
    title: t.types[type],
    text: t.targetText[type],
    icon: deviceTile({ type }),
    body: html`<form novalidate @submit=${onSubmit(() => flow.sendCode(type))}>
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

function codeField(flow: ScreenFlow, hint: string) {
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

/** The 6-digit code sent by SMS or email, with "Resend code". */
export function renderCode(flow: ScreenFlow, device: Device): ScreenParts {
  const { t } = flow;
  const wait = Math.ceil((flow.resendAt - Date.now()) / 1000);
  return {
    title: t.codeTitle,
    text: t.codeSent(device.target ?? ""),
    icon: deviceTile(device),
    body: html`<form novalidate @submit=${onSubmit(flow.verifyCode)}>
      ${codeField(flow, t.codeHint)}
      <p class="resend">
        ${t.noCode}
        <button type="button" class="link" part="button" ?disabled=${!!flow.busy || flow.locked || wait > 0} @click=${flow.resend}>
          ${flow.busy === "resend" ? t.sending : wait > 0 ? t.resendIn(wait) : t.resend}
        </button>
      </p>
      ${cancelAndSubmit(flow, { label: t.verify, busyLabel: t.verifying })}
    </form>`,
  };
}

/** Authenticator app: QR code (drawn here from the otpauth URI), the setup key to type instead, then a code. */
export function renderTotp(flow: ScreenFlow, screen: Extract<Screen, { kind: "totp" }>): ScreenParts {
  const { t, qr } = flow;
  const grouped = screen.secret.replace(/\s/g, "").replace(/(.{4})(?=.)/g, "$1 ");
  const pad = 3;
  return {
    title: t.totpTitle,
    icon: deviceTile({ type: "totp" }),
    body: html`<ol class="steps">
      <li class="step">
        <p class="step-title">${t.totpScan}</p>
        <div class="totp">
          <div class="qr" part="qr">
            ${qr
              ? html`<svg
                  viewBox="${-pad} ${-pad} ${qr.size + 2 * pad} ${qr.size + 2 * pad}"
                  role="img"
                  aria-label=${t.qrLabel}
                  shape-rendering="crispEdges"
                >
                  ${svg`<path d=${qr.d} />`}
                </svg>`
              : html`<span class="bone qr-bone" aria-hidden="true"></span>`}
          </div>
          <div class="manual">
            <p class="muted" id="pw-secret-label">${t.totpManual}</p>
            <code class="secret" part="secret" dir="ltr" aria-describedby="pw-secret-label">${grouped}</code>
            <button
              type="button"
              class="secondary small ${flow.copied ? "copied" : ""}"
              part="button"
              @click=${() => flow.copySecret(screen.secret.replace(/\s/g, ""))}
            >
              ${flow.copied ? html`${icon("check")}${t.copied}` : html`${icon("copy")}${t.copy}`}
            </button>
            <span class="sr-only" role="status">${flow.copied ? t.copied : ""}</span>
          </div>
        </div>
      </li>
      <li class="step">
        <p class="step-title">${t.totpEnter}</p>
        <form novalidate @submit=${onSubmit(flow.verifyCode)}>
          ${codeField(flow, "")} ${cancelAndSubmit(flow, { label: t.verify, busyLabel: t.verifying })}
        </form>
      </li>
    </ol>`,
  };
}

/** Passkey: the browser's own prompt does the work; this screen says what will happen. */
export function renderPasskey(flow: ScreenFlow): ScreenParts {
  const { t } = flow;
  return {
    title: t.passkeyTitle,
    text: t.passkeyText,
    icon: deviceTile({ type: "passkey" }),
    body: cancelAndSubmit(flow, { label: t.createPasskey, busyLabel: t.creatingPasskey, onClick: flow.createPasskey }),
  };
}
