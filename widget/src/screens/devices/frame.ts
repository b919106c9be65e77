import { html, nothing, type TemplateResult } from "lit";
import { renderChoose } from "./add-device.js";
import { renderMessage } from "./controls.js";
import { renderConfirmRemove, renderDevice } from "./device-detail.js";
import { renderConfirmDisable, renderEnable, renderList } from "./device-list.js";
import { icon } from "../icons.js";
import { renderAddScreen } from "./methods/index.js";
import { renderRecoveryCodes } from "./recovery-codes.js";
import type { ScreenFlow, ScreenParts } from "./types.js";

/** Which module draws each screen: the lifecycle's own, and the steps of adding a device by their method. */
function screenParts(flow: ScreenFlow, screen: Exclude<ScreenFlow["screen"], { kind: "activity" }>): ScreenParts {
  switch (screen.kind) {
    case "enable":
      return renderEnable(flow);
    case "list":
      return renderList(flow);
    case "disable":
      return renderConfirmDisable(flow);
    case "choose":
      return renderChoose(flow);
    case "recovery":
      return renderRecoveryCodes(flow, screen);
    case "device":
      return renderDevice(flow, flow.device);
    case "remove":
      return renderConfirmRemove(flow, flow.device);
    default:
      return renderAddScreen(flow, screen);
  }
}

/**
 * The current screen in the frame every screen shares: heading (focused on arrival), intro, a live region for the
 * messages that are about the whole screen (the others sit beside their control: `messageSlot`), the body.
 */
export function renderScreen(flow: ScreenFlow): TemplateResult {
  const { screen } = flow;
  // The activity screen draws its own frame (it is also shown on its own, `data-flow="activity"`).
  if (screen.kind === "activity") return flow.activity?.render() ?? html``;
  const parts = screenParts(flow, screen);
  return html`<section class="screen screen-${screen.kind}" part="screen">
    ${parts.back
      ? html`<button type="button" class="back" part="button back" @click=${parts.back}>${icon("back")}${flow.t.back}</button>`
      : nothing}
    <div class="screen-head ${parts.icon ? "with-tile" : ""}">
      ${parts.icon ?? nothing}
      <div class="screen-titles">
        <div class="screen-title-row">
          <h3 class="screen-title" part="screen-heading" id="pw-screen-title" tabindex="-1">${parts.title}</h3>
          ${parts.badge ?? nothing}
        </div>
        ${parts.text ? html`<p class="screen-text">${parts.text}</p>` : nothing}
      </div>
    </div>
    <div class="live" role="status">${flow.notice && !flow.notice.at ? renderMessage(flow) : nothing}</div>
    ${parts.body}
  </section>`;
}
