import { html, nothing } from "lit";
import type { RecoveryCodes } from "../../../../contract/api.js";
import { emit } from "../../events.js";
import { actionButton, messageSlot } from "./controls.js";
import { icon } from "../icons.js";
import { saveFile } from "../screen.js";
import type { ScreenFlow, ScreenParts } from "./types.js";

/**
 * Recovery codes (server/src/mfa/recovery-codes.ts): how many are left, on the device list; making them (or new
 * ones); and the one time they are shown, with Copy, Download (.txt) and Print.
 */

type RecoveryScreen = { kind: "recovery"; codes: string[]; createdAt: string; copied?: boolean };

const TOTAL = 10;

/** Makes the codes and shows them; replacing codes needs a recent sign-in, and the request then waits for one. */
export function createRecoveryCodes(flow: ScreenFlow): Promise<void> {
  return flow.act("recovery", async () => {
    try {
      const { data } = await flow.ctx.api<RecoveryCodes>("/api/mfa/recovery-codes", { method: "POST", body: {} });
      flow.show({ kind: "recovery", codes: data.codes, createdAt: data.createdAt }, { tone: "success", text: flow.t.recoveryCreated });
      emit(flow.ctx.host, "profile-widget-success", { flow: "devices", action: "recovery_codes_created" });
    } catch (error) {
      flow.fail(error, { at: "recovery", retry: () => createRecoveryCodes(flow) });
    }
  });
}

/** The list's recovery-code row: the count (a warning when two or fewer are left) and the button that makes codes. */
export function recoverySummary(flow: ScreenFlow) {
  const { t, mfa } = flow;
  if (!mfa.devices.some((d) => d.status === "ACTIVE")) return nothing;
  const summary = mfa.recoveryCodes;
  const low = summary !== null && summary.remaining <= 2;
  return html`<div class="recovery-row ${low ? "low" : ""}" part="recovery-codes">
    <span class="tile" aria-hidden="true">${icon("key")}</span>
    <span class="device-main">
      <span class="device-title"><span class="device-name">${t.recoveryTitle}</span></span>
      <span class="device-meta">${summary ? t.recoveryCount(summary.remaining, TOTAL) : t.recoveryNone}</span>
      ${low ? html`<span class="recovery-warning" role="note">${t.recoveryLow(summary.remaining)}</span>` : nothing}
    </span>
    ${actionButton(flow, {
      label: summary ? t.replaceRecovery : t.createRecovery,
      busyLabel: t.creatingRecovery,
      busy: "recovery",
      tone: "secondary",
      onClick: () => createRecoveryCodes(flow),
    })}
  </div>
  ${messageSlot(flow, "recovery")}`;
}

function fileText(flow: ScreenFlow, screen: RecoveryScreen): string {
  const account = flow.username || "";
  return `${flow.t.recoveryFile(account, new Date(screen.createdAt).toLocaleDateString(flow.ctx.locale(), { dateStyle: "medium" }))}\n\n${screen.codes.join("\n")}\n`;
}

async function copy(flow: ScreenFlow, screen: RecoveryScreen): Promise<void> {
  try {
    await navigator.clipboard.writeText(screen.codes.join("\n"));
    screen.copied = true;
    flow.notice = { tone: "success", text: flow.t.copied };
  } catch {
    flow.notice = { tone: "warning", text: flow.t.copyFailed };
  }
  flow.update();
}

const download = (flow: ScreenFlow, screen: RecoveryScreen): void =>
  saveFile(fileText(flow, screen), "recovery-codes.txt", "text/plain;charset=utf-8");

/** Prints the codes alone, from a window of their own (printing the page would print the host's page). */
function print(flow: ScreenFlow, screen: RecoveryScreen): void {
  const win = window.open("", "_blank", "width=480,height=640");
  if (!win) return;
  const pre = win.document.createElement("pre");
  pre.textContent = fileText(flow, screen);
  pre.style.font = "16px/1.6 ui-monospace, monospace";
  win.document.title = flow.t.recoveryTitle;
  win.document.body.append(pre);
  win.focus();
  win.print();
}

/** The codes, shown once; "I've saved them" ends the setup: back to the list, and the host gets `done`. */
export function renderRecoveryCodes(flow: ScreenFlow, screen: RecoveryScreen): ScreenParts {
  const { t } = flow;
  return {
    title: t.recoveryShowTitle,
    text: t.recoveryShowText,
    icon: html`<span class="tile" aria-hidden="true">${icon("key")}</span>`,
    body: html`<ol class="recovery-codes" aria-label=${t.recoveryListLabel} dir="ltr">
        ${screen.codes.map((code) => html`<li><code>${code}</code></li>`)}
      </ol>
      <div class="recovery-tools">
        <button type="button" class="secondary" part="button" @click=${() => copy(flow, screen)}>${screen.copied ? t.copied : t.copyCodes}</button>
        <button type="button" class="secondary" part="button" @click=${() => download(flow, screen)}>${t.downloadCodes}</button>
        <button type="button" class="secondary" part="button" @click=${() => print(flow, screen)}>${t.printCodes}</button>
      </div>
      <div class="footer">
        <div class="actions" part="actions">
          ${actionButton(flow, { label: t.savedCodes, onClick: () => flow.showList(true) })}
        </div>
      </div>`,
  };
}
