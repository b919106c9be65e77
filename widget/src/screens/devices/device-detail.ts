import { html, nothing } from "lit";
import type { Device } from "../../api/client.js";
import { NICKNAME_MAX_LENGTH } from "../../../../contract/rules.js";
import { renderNotice } from "../shared.js";
import { actionButton, guarded, messageSlot, onSubmit, textField } from "./controls.js";
import type { ScreenFlow, ScreenParts } from "./types.js";
import { deviceBadges, deviceKind, deviceName, deviceTile } from "./device-list.js";
import { formatDate, joined } from "../screen.js";
import { icon } from "../icons.js";

/** The device vanished (removed in another tab): say so, and lead back to the list. */
function gone(flow: ScreenFlow): ScreenParts {
  const { t } = flow;
  const back = () => flow.show({ kind: "list" });
  return { title: t.back, text: t.errors.not_found, back, body: nothing };
}

/**
 * One device: its name as the heading, what it is once (its type, unless the name says it, and its masked phone or
 * address), its facts, then rename, make default, remove. Renaming and making it the default are confirmed here, on
 * this screen, beside the change.
 */
export function renderDevice(flow: ScreenFlow, device: Device | undefined): ScreenParts {
  if (!device) return gone(flow);
  const { t } = flow;
  const locale = flow.ctx.locale();
  const active = device.status === "ACTIVE";
  const fact = (term: string, value: string) => html`<div><dt>${term}</dt><dd>${value}</dd></div>`;
  const kind = deviceKind(flow, device);
  return {
    title: deviceName(flow, device),
    text: kind.length ? html`${joined(kind)}` : undefined,
    icon: deviceTile(device),
    badge: deviceBadges(flow, device),
    back: () => flow.show({ kind: "list" }),
    body: html`<dl class="facts">
        ${fact(t.added, formatDate(device.createdAt, locale))} ${active ? fact(t.lastUsed, device.lastUsedAt ? formatDate(device.lastUsedAt, locale) : t.never) : nothing}
      </dl>
      ${active
        ? html`<form class="block" novalidate @submit=${onSubmit(flow.rename)}>
              <div class="inline">
                ${textField(flow, {
                  name: "nickname",
                  label: t.nickname,
                  type: "text",
                  autocomplete: "off",
                  max: NICKNAME_MAX_LENGTH,
                  hint: t.nicknameHint,
                })}
                ${actionButton(flow, { label: t.save, busyLabel: t.saving, tone: "secondary", submit: true })}
              </div>
              ${messageSlot(flow, "rename")}
            </form>
            <div class="block">
              <div class="row">
                <div>
                  <h4 class="block-title" id="pw-default-title" tabindex="-1">${t.defaultTitle}</h4>
                  <p class="block-text">${device.isDefault ? t.isDefault : t.makeDefaultText}</p>
                </div>
                ${device.isDefault
                  ? html`<span class="tick" aria-hidden="true">${icon("check")}</span>`
                  : actionButton(flow, { label: t.setDefault, busy: "default", tone: "secondary", onClick: flow.setDefault })}
              </div>
              ${messageSlot(flow, "default")}
            </div>`
        : renderNotice({ tone: "warning", text: t.pendingText })}
      <div class="block row">
        <div>
          <h4 class="block-title">${t.removeTitle}</h4>
          <p class="block-text">${t.removeText}</p>
        </div>
        <button
          type="button"
          class="secondary danger-text"
          part="button"
          ?disabled=${!!flow.busy}
          aria-disabled=${flow.blocked ? "true" : "false"}
          @click=${guarded(flow, () => flow.show({ kind: "remove", id: device.id }))}
        >
          ${t.remove}
        </button>
      </div>`,
  };
}

/** "Remove this device?": the one step before a device is gone; Cancel goes back to the device. */
export function renderConfirmRemove(flow: ScreenFlow, device: Device | undefined): ScreenParts {
  if (!device) return gone(flow);
  const { t } = flow;
  return {
    title: t.confirmRemoveTitle,
    text: t.confirmRemoveText(deviceName(flow, device)),
    icon: deviceTile(device),
    body: html`<div class="footer">
      ${messageSlot(flow, "footer")}
      <div class="actions" part="actions">
        <button type="button" class="secondary" part="button" ?disabled=${!!flow.busy} @click=${flow.cancelRemove}>${t.cancel}</button>
        ${actionButton(flow, { label: t.remove, busyLabel: t.removing, tone: "danger", onClick: flow.remove })}
      </div>
    </div>`,
  };
}
