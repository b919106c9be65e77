import { html, nothing } from "lit";
import type { Device } from "../../api/client.js";
import { actionButton } from "./controls.js";
import type { ScreenFlow, ScreenParts } from "./types.js";
import { icon } from "./icons.js";
import { recoverySummary } from "./recovery-codes.js";

/** A date as people read it in their language, e.g. "Mar 3, 2025". */
export function formatDate(iso: string, locale: string): string {
  try {
    return new Intl.DateTimeFormat(locale, { dateStyle: "medium" }).format(new Date(iso));
  } catch {
    return iso.slice(0, 10);
  }
}

/**
 * The type (unless the nickname says it), then the masked phone or address (isolated, so "+1•••" reads the same in
 * right-to-left text), or for apps and passkeys when they were added.
 */
export function deviceSummary(flow: ScreenFlow, device: Device) {
  const { t } = flow;
  const where = device.target
    ? html`<bdi>${device.target}</bdi>`
    : t.addedOn(formatDate(device.createdAt, flow.ctx.locale()));
  const type = t.types[device.type];
  return type === device.nickname ? where : html`${type} · ${where}`;
}

export const deviceTile = (device: Pick<Device, "type">) =>
  html`<span class="tile" aria-hidden="true">${icon(device.type)}</span>`;

export function deviceBadges(flow: ScreenFlow, device: Device) {
  const { t } = flow;
  if (device.status !== "ACTIVE") return html`<span class="pill pending" part="badge">${t.pending}</span>`;
  return device.isDefault ? html`<span class="pill default" part="badge">${t.defaultBadge}</span>` : nothing;
}

/** MFA is off: why it matters, and the switch. */
export function renderEnable(flow: ScreenFlow): ScreenParts {
  const { t } = flow;
  return {
    title: t.enableTitle,
    text: t.enableText,
    icon: html`<span class="tile hero" aria-hidden="true">${icon("shield")}</span>`,
    body: html`${flow.methods.length
        ? html`<ul class="chips" aria-label=${t.chooseText}>
            ${flow.methods.map(({ type }) => html`<li class="chip">${icon(type)}${t.types[type]}</li>`)}
          </ul>`
        : nothing}
      <div class="footer">
        <div class="actions" part="actions">
          <button type="button" class="secondary" part="button" ?disabled=${!!flow.busy} @click=${() => flow.end("cancelled")}>
            ${t.cancel}
          </button>
          ${actionButton(flow, { label: t.enable, busyLabel: t.enabling, onClick: flow.enableMfa })}
        </div>
      </div>`,
  };
}

function deviceRow(flow: ScreenFlow, device: Device) {
  return html`<li>
    <button type="button" class="device" part="device" @click=${() => flow.show({ kind: "device", id: device.id })}>
      ${deviceTile(device)}
      <span class="device-main">
        <span class="device-title"><span class="device-name">${device.nickname}</span>${deviceBadges(flow, device)}</span>
        <span class="device-meta">${deviceSummary(flow, device)}</span>
      </span>
      ${icon("chevron")}
    </button>
  </li>`;
}

/** The devices, a way to add one (or why not), Done and Cancel; turning MFA off stays out of the way. */
export function renderList(flow: ScreenFlow): ScreenParts {
  const { t, mfa } = flow;
  const add = () => flow.show({ kind: "choose" });
  const addButton = mfa.canAddDevice
    ? mfa.devices.length
      ? html`<button type="button" class="add" part="button add-device" @click=${add}>${icon("plus")}${t.addDevice}</button>`
      : html`<button type="button" class="primary" part="button button-primary add-device" @click=${add}>
          ${icon("plus")}${t.addDevice}
        </button>`
    : html`<p class="limit" part="message">
        ${mfa.devices.length >= mfa.maxDevices ? t.limitReached(mfa.maxDevices) : t.addUnavailable}
      </p>`;
  return {
    title: t.listTitle,
    text: t.listText,
    badge: html`<span class="pill on">${t.mfaOn}</span>`,
    body: html`${mfa.devices.length
        ? html`<ul class="devices" part="device-list">${mfa.devices.map((device) => deviceRow(flow, device))}</ul>${addButton}`
        : html`<div class="empty" part="empty">
            <span class="tile" aria-hidden="true">${icon("shield")}</span>
            <p class="empty-title">${t.emptyTitle}</p>
            <p class="empty-text">${t.emptyText}</p>
            ${addButton}
          </div>`}
      ${recoverySummary(flow)}
      <div class="footer">
        <button type="button" class="link quiet" part="button disable-mfa" @click=${() => flow.show({ kind: "disable" })}>
          ${t.disableMfa}
        </button>
        <div class="actions" part="actions">
          <button type="button" class="secondary" part="button" @click=${() => flow.end("cancelled")}>${t.cancel}</button>
          <button type="button" class="primary" part="button button-primary" @click=${() => flow.end("done")}>${t.done}</button>
        </div>
      </div>`,
  };
}

export function renderConfirmDisable(flow: ScreenFlow): ScreenParts {
  const { t } = flow;
  const back = () => flow.show({ kind: "list" });
  return {
    title: t.confirmDisableTitle,
    text: t.confirmDisableText,
    body: html`<div class="footer">
      <div class="actions" part="actions">
        <button type="button" class="secondary" part="button" ?disabled=${!!flow.busy} @click=${back}>${t.cancel}</button>
        ${actionButton(flow, { label: t.disableMfa, busyLabel: t.disabling, tone: "danger", onClick: flow.disableMfa })}
      </div>
    </div>`,
  };
}

/** After Done or Cancel: the host has its event; the person is told the flow is over and may open it again. */
export function renderEnded(flow: ScreenFlow, action: "done" | "cancelled"): ScreenParts {
  const { t } = flow;
  const done = action === "done";
  return {
    title: done ? t.endedDoneTitle : t.endedCancelledTitle,
    text: done ? t.endedDoneText : t.endedCancelledText,
    icon: done ? html`<span class="tile hero done" aria-hidden="true">${icon("check")}</span>` : undefined,
    body: html`<div class="footer">
      <div class="actions" part="actions">
        ${actionButton(flow, { label: t.manageAgain, tone: "secondary", onClick: flow.restart })}
      </div>
    </div>`,
  };
}
