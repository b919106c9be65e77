import { html, svg } from "lit";
import { ApiError } from "../../../api/client.js";
import { cancelAndSubmit, onSubmit } from "../controls.js";
import { deviceTile } from "../device-list.js";
import { icon } from "../../icons.js";
import type { AddScreen, DeviceMethod, ScreenFlow, ScreenParts } from "../types.js";
import { codeField, verifyCode } from "./code.js";

/**
 * An authenticator app (server/src/mfa/totp-method.ts): the QR code, drawn here from the otpauth URI by qr.ts (a
 * chunk of its own), the setup key to copy or type instead, then a code from the app (checked as in code.ts).
 */

type TotpScreen = Extract<AddScreen, { kind: "totp" }>;

async function copySecret(flow: ScreenFlow, screen: TotpScreen, secret: string): Promise<void> {
  try {
    await navigator.clipboard.writeText(secret);
    screen.copied = true;
    flow.later(2000, () => {
      screen.copied = false;
      flow.update();
    });
    flow.notice = null;
  } catch {
    flow.notice = { tone: "warning", text: flow.t.copyFailed };
  }
  flow.update();
}

/** Authenticator app: QR code, the setup key to type instead, then a code. */
function renderTotp(flow: ScreenFlow, screen: TotpScreen): ScreenParts {
  const { t } = flow;
  const { qr, copied } = screen;
  const grouped = screen.secret.replace(/\s/g, "").replace(/(.{4})(?=.)/g, "$1 ");
  const pad = 3;
  return {
    title: t.totpTitle,
    icon: deviceTile({ type: "totp" }),
    // One form round both steps, its footer after them: the footer spans the card as on every other screen.
    body: html`<form novalidate @submit=${onSubmit(() => verifyCode(flow, screen.device))}>
      <ol class="steps">
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
                class="secondary small ${copied ? "copied" : ""}"
                part="button"
                @click=${() => copySecret(flow, screen, screen.secret.replace(/\s/g, ""))}
              >
                ${copied ? html`${icon("check")}${t.copied}` : html`${icon("copy")}${t.copy}`}
              </button>
              <span class="sr-only" role="status">${copied ? t.copied : ""}</span>
            </div>
          </div>
        </li>
        <li class="step">
          <p class="step-title">${t.totpEnter}</p>
          <div class="step-body">${codeField(flow, "")}</div>
        </li>
      </ol>
      ${cancelAndSubmit(flow, { label: t.verify, busyLabel: t.verifying }, () => screen.device)}
    </form>`,
  };
}

export const totpMethod: DeviceMethod = {
  type: "totp",
  // The device is started at once: the server's answer carries the secret the QR code shows.
  choose: (flow) =>
    flow.begin(
      "totp",
      () => import("../qr.js"),
      ({ device, totp }) => {
        if (!totp) throw new ApiError(0, "unknown", "no TOTP secret");
        const screen: TotpScreen = { kind: "totp", device, secret: totp.secret, uri: totp.otpauthUri };
        flow.show(screen);
        // Without the encoder (a failed chunk load) the setup key below the code still works.
        void import("../qr.js").then(({ qrPath }) => {
          screen.qr = qrPath(totp.otpauthUri);
          flow.update();
        }, () => undefined);
      },
    ),
  screens: { totp: renderTotp },
};
