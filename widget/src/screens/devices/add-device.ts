import { html } from "lit";
import { guarded } from "./controls.js";
import { deviceTile } from "./device-list.js";
import { icon } from "../icons.js";
import type { DeviceMethod, ScreenFlow, ScreenParts } from "./types.js";

/**
 * "Add a device": the kinds of device this server offers, one button each; each method's own steps follow (methods/).
 * Cancel goes back to the list (the host gets `cancelled`).
 */
export function renderChoose(flow: ScreenFlow): ScreenParts {
  const { t } = flow;
  const option = (method: DeviceMethod) => {
    const { type } = method;
    const unsupported = method.unsupported?.(flow);
    const hintId = `pw-hint-${type}`;
    return html`<li>
      <button
        type="button"
        class="option"
        part="option"
        aria-label=${t.types[type]}
        aria-describedby=${hintId}
        ?disabled=${!!unsupported || !!flow.busy}
        aria-disabled=${flow.blocked ? "true" : "false"}
        @click=${guarded(flow, () => flow.choose(type))}
      >
        ${deviceTile({ type })}
        <span class="device-main">
          <span class="device-name">${t.types[type]}</span>
          <span class="device-meta" id=${hintId}>${unsupported || t.typeHints[type]}</span>
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
          <button type="button" class="secondary" part="button" ?disabled=${!!flow.busy} @click=${flow.cancel}>${t.cancel}</button>
        </div>
      </div>`,
  };
}
