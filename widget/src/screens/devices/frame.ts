import { html, nothing } from "lit";
import { icon } from "./icons.js";
import type { ScreenFlow, ScreenParts } from "./types.js";

function renderNotice(flow: ScreenFlow) {
  const { notice } = flow;
  if (!notice) return nothing;
  return html`<p class="notice ${notice.tone}" part="message">
    <span>${notice.text}</span>
    ${notice.action
      ? html`<button type="button" class="link" part="button" ?disabled=${!!flow.busy} @click=${notice.action.run}>
          ${notice.action.label}
        </button>`
      : nothing}
  </p>`;
}

/** Every screen's frame: heading (focused on arrival), intro, a live region for its messages, the body. */
export function renderFrame(flow: ScreenFlow, parts: ScreenParts) {
  return html`<section class="screen screen-${flow.screen.kind}" part="screen">
    ${parts.back
      ? html`<button type="button" class="back" part="button back" @click=${parts.back}>${icon("back")}${flow.t.back}</button>`
      : nothing}
    <div class="screen-head">
      ${parts.icon ?? nothing}
      <div class="screen-titles">
        <div class="screen-title-row">
          <h3 class="screen-title" part="screen-heading" id="pw-screen-title" tabindex="-1">${parts.title}</h3>
          ${parts.badge ?? nothing}
        </div>
        ${parts.text ? html`<p class="screen-text">${parts.text}</p>` : nothing}
      </div>
    </div>
    <div class="live" role="status">${renderNotice(flow)}</div>
    ${parts.body}
  </section>`;
}
