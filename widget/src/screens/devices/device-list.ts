import { html, nothing, type TemplateResult } from "lit";
import type { Device, DeviceType } from "../../api/client.js";
import { DEFAULT_NICKNAMES } from "../../../../contract/rules.js";
import { actionButton, guarded, messageSlot } from "./controls.js";
import type { ScreenFlow, ScreenParts } from "./types.js";
import { icon } from "../icons.js";
import { formatAgo, joined } from "../screen.js";
import { recoverySummary } from "./recovery-codes.js";

/** Whether the device still has the name the server gave it (nobody renamed it). */
export const unnamed = (device: Pick<Device, "type" | "nickname">): boolean => device.nickname === DEFAULT_NICKNAMES[device.type];

/** A device's name: its nickname, or, while nobody named it, its type's name in the widget's language. */
export function deviceName(flow: Pick<ScreenFlow, "t">, device: Pick<Device, "type" | "nickname">): string {
  return unnamed(device) ? flow.t.nicknames[device.type] : device.nickname;
}

/** "Last used 2 days ago", "Used just now", "Never used". */
export function lastUsed(flow: ScreenFlow, device: Device): string {
  const { t } = flow;
  if (!device.lastUsedAt) return t.neverUsed;
  const ago = formatAgo(device.lastUsedAt, flow.ctx.locale());
  return ago ? t.lastUsedOn(ago) : t.usedJustNow;
}

/**
 * What kind of device it is (left out when its name already says it) and the masked phone or address, isolated so
 * "+1•••" reads the same in right-to-left text: "Text message (SMS) · +1•••••0123".
 */
export function deviceKind(flow: ScreenFlow, device: Device) {
  const type = flow.t.types[device.type];
  const parts: TemplateResult[] = [];
  if (type.toLocaleLowerCase() !== deviceName(flow, device).toLocaleLowerCase()) parts.push(html`${type}`);
  if (device.target) parts.push(html`<bdi dir="ltr">${device.target}</bdi>`);
  return parts;
}

/**
 * One line under every device's name, the same for each type: "type · detail · last used" (a device waiting to be
 * verified has its badge instead of a last use).
 */
export function deviceSummary(flow: ScreenFlow, device: Device) {
  const parts = deviceKind(flow, device);
  if (device.status === "ACTIVE") parts.push(html`${lastUsed(flow, device)}`);
  return joined(parts);
}

export const deviceTile = (device: { type: DeviceType }) =>
  html`<span class="tile" aria-hidden="true">${icon(device.type)}</span>`;

export function deviceBadges(flow: ScreenFlow, device: Device) {
  const { t } = flow;
  if (device.status !== "ACTIVE") return html`<span class="pill pending" part="badge">${t.pending}</span>`;
  return device.isDefault ? html`<span class="pill default" part="badge">${t.defaultBadge}</span>` : nothing;
}

/**
 * MFA is off: why it matters, the switch, and the kinds of device on offer, each of which turns MFA on and starts
 * adding one. No Cancel: nothing is pending, and the panel stays where the host put it.
 */
export function renderEnable(flow: ScreenFlow): ScreenParts {
  const { t } = flow;
  const start = (type: DeviceType) => {
    const busy = flow.busy === `enable-${type}`;
    return html`<li>
      <button
        type="button"
        class="chip ${busy ? "busy" : ""}"
        part="button option"
        ?disabled=${!!flow.busy}
        aria-disabled=${flow.blocked ? "true" : "false"}
        @click=${guarded(flow, () => flow.enableWith(type))}
      >
        ${busy ? html`<span class="spinner" aria-hidden="true"></span>` : icon(type)}${t.types[type]}
      </button>
    </li>`;
  };
  return {
    title: t.enableTitle,
    text: t.enableText,
    icon: html`<span class="tile hero" aria-hidden="true">${icon("shield")}</span>`,
    body: html`${flow.methods.length
        ? html`<div class="start-with">
            <p class="start-with-label" id="pw-start-with">${t.startWith}</p>
            <ul class="chips" aria-labelledby="pw-start-with">
              ${flow.methods.map(({ type }) => start(type))}
            </ul>
          </div>`
        : nothing}
      <div class="footer">
        ${messageSlot(flow, "footer")}
        <div class="actions" part="actions">
          ${actionButton(flow, { label: t.enable, busyLabel: t.enabling, onClick: () => flow.enableMfa() })}
        </div>
      </div>`,
  };
}

function deviceRow(flow: ScreenFlow, device: Device) {
  return html`<li>
    <button
      type="button"
      class="device"
      part="device"
      aria-disabled=${flow.blocked ? "true" : "false"}
      @click=${guarded(flow, () => flow.show({ kind: "device", id: device.id }))}
    >
      ${deviceTile(device)}
      <span class="device-main">
        <span class="device-title"><span class="device-name">${deviceName(flow, device)}</span>${deviceBadges(flow, device)}</span>
        <span class="device-meta">${deviceSummary(flow, device)}</span>
      </span>
      ${icon("chevron")}
    </button>
  </li>`;
}

/**
 * Whether sign-ins are protected, said plainly: by how many active devices, or, with none, that setting up is not
 * finished and what to do.
 */
function protection(flow: ScreenFlow) {
  const { t, mfa } = flow;
  const active = mfa.devices.filter((d) => d.status === "ACTIVE").length;
  return active
    ? html`<p class="protection on" part="message">${icon("shield")}<span>${t.protectedBy(active)}</span></p>`
    : html`<p class="protection pending" part="message">${icon("alert")}<span>${t.notProtected}</span></p>`;
}

/** The way to the recent activity: a row like a device's, which opens the activity screen (busy while its chunk loads). */
function activityRow(flow: ScreenFlow) {
  const { t } = flow;
  const busy = flow.busy === "activity";
  return html`<button
      type="button"
      class="device activity-link"
      part="button activity-link"
      aria-disabled=${flow.blocked ? "true" : "false"}
      aria-busy=${busy ? "true" : "false"}
      @click=${guarded(flow, () => flow.openActivity())}
    >
      <span class="tile" aria-hidden="true">${icon("clock")}</span>
      <span class="device-main">
        <span class="device-name">${t.activityLink}</span>
        <span class="device-meta">${t.activityLinkText}</span>
      </span>
      ${busy ? html`<span class="spinner" aria-hidden="true"></span>` : icon("chevron")}
    </button>
    ${messageSlot(flow, "activity")}`;
}

/**
 * The devices, whether they protect sign-ins, a way to add one (or why not); turning MFA off stays out of the way.
 * No Done or Cancel: nothing is pending here, and the panel stays where the host put it.
 */
export function renderList(flow: ScreenFlow): ScreenParts {
  const { t, mfa } = flow;
  const add = guarded(flow, () => flow.show({ kind: "choose" }));
  const blocked = flow.blocked ? "true" : "false";
  const addButton = mfa.canAddDevice
    ? mfa.devices.length
      ? html`<button type="button" class="add" part="button add-device" aria-disabled=${blocked} @click=${add}>
          ${icon("plus")}${t.addDevice}
        </button>`
      : html`<button type="button" class="primary" part="button button-primary add-device" aria-disabled=${blocked} @click=${add}>
          ${icon("plus")}${t.addDevice}
        </button>`
    : html`<p class="limit" part="message">
        ${mfa.devices.length >= mfa.maxDevices ? t.limitReached(mfa.maxDevices) : t.addUnavailable}
      </p>`;
  const on = mfa.devices.some((d) => d.status === "ACTIVE");
  return {
    title: t.listTitle,
    text: t.listText,
    badge: on ? html`<span class="pill on">${t.mfaOn}</span>` : html`<span class="pill pending">${t.setupUnfinished}</span>`,
    body: html`${protection(flow)}
      ${mfa.devices.length
        ? html`<ul class="devices" part="device-list">${mfa.devices.map((device) => deviceRow(flow, device))}</ul>${addButton}`
        : html`<div class="empty" part="empty">
            <span class="tile" aria-hidden="true">${icon("shield")}</span>
            <p class="empty-title">${t.emptyTitle}</p>
            ${addButton}
          </div>`}
      ${recoverySummary(flow)} ${activityRow(flow)}
      <div class="footer">
        <button
          type="button"
          class="link quiet"
          part="button disable-mfa"
          aria-disabled=${blocked}
          @click=${guarded(flow, () => flow.show({ kind: "disable" }))}
        >
          ${t.disableMfa}
        </button>
      </div>`,
  };
}

export function renderConfirmDisable(flow: ScreenFlow): ScreenParts {
  const { t } = flow;
  return {
    title: t.confirmDisableTitle,
    text: t.confirmDisableText,
    body: html`<div class="footer">
      ${messageSlot(flow, "footer")}
      <div class="actions" part="actions">
        <button type="button" class="secondary" part="button" ?disabled=${!!flow.busy} @click=${flow.cancel}>${t.cancel}</button>
        ${actionButton(flow, { label: t.disableMfa, busyLabel: t.disabling, tone: "danger", onClick: flow.disableMfa })}
      </div>
    </div>`,
  };
}
