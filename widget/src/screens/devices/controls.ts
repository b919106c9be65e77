import { html, nothing } from "lit";
import type { Device } from "../../api/client.js";
import { live, renderNotice } from "../shared.js";
import type { NoticeAnchor, ScreenFlow } from "./types.js";

/** A click handler that does nothing while the flow is blocked (its control is aria-disabled, and keeps focus). */
export const guarded = (flow: ScreenFlow, run: () => unknown) => () => {
  if (!flow.blocked) void run();
};

/** The screen's message with its way out (e.g. "Sign in again", "Try again"), which waits while a request runs. */
export function renderMessage(flow: ScreenFlow) {
  const { notice } = flow;
  if (!notice) return nothing;
  return renderNotice(
    notice,
    notice.action
      ? html`<button type="button" class="link" part="button" ?disabled=${!!flow.busy} @click=${notice.action.run}>
          ${notice.action.label}
        </button>`
      : nothing,
  );
}

/**
 * A live region beside a control, holding the flow's message when it is about that control (`at`); the frame holds
 * the others, under the heading.
 */
export function messageSlot(flow: ScreenFlow, at: NoticeAnchor) {
  return html`<div class="live" role="status">${flow.notice?.at === at ? renderMessage(flow) : nothing}</div>`;
}

/**
 * A button that shows a spinner and `busyLabel` while its request runs; every other action waits meanwhile. While
 * the flow is blocked (a sign-in or a confirmation is needed) it is aria-disabled, all but Cancel.
 */
export function actionButton(
  flow: ScreenFlow,
  options: { label: string; busyLabel?: string; busy?: string; tone?: "primary" | "danger" | "secondary"; submit?: boolean; onClick?: () => unknown },
) {
  const { busy = "primary", tone = "primary" } = options;
  const running = flow.busy === busy;
  const parts = tone === "secondary" ? "button" : `button button-${tone}`;
  const blocked = flow.blocked && busy !== "cancel";
  const { onClick } = options;
  return html`<button
    type=${options.submit ? "submit" : "button"}
    class="${tone} ${running ? "busy" : ""}"
    part=${parts}
    ?disabled=${!!flow.busy || (tone !== "secondary" && flow.locked)}
    aria-disabled=${blocked ? "true" : "false"}
    @click=${(event: Event) => {
      if (blocked) event.preventDefault();
      else void onClick?.();
    }}
  >
    ${running ? html`<span class="spinner" aria-hidden="true"></span>${options.busyLabel ?? options.label}` : options.label}
  </button>`;
}

/**
 * The footer of a step of adding a device: Cancel (which deletes `started()`, the device the step began, if any) and
 * the step's main action: its form's submit, or `onClick`.
 */
export function cancelAndSubmit(
  flow: ScreenFlow,
  main: { label: string; busyLabel: string; onClick?: () => unknown },
  started?: () => Device | undefined,
) {
  const { t } = flow;
  return html`<div class="footer">
    ${messageSlot(flow, "footer")}
    <div class="actions" part="actions">
      ${actionButton(flow, { label: t.cancel, busy: "cancel", tone: "secondary", onClick: () => flow.cancelAdding(started?.()) })}
      ${actionButton(flow, { ...main, submit: !main.onClick })}
    </div>
  </div>`;
}

export interface FieldOptions {
  name: "phone" | "email" | "code" | "nickname";
  label: string;
  type: "tel" | "email" | "text";
  autocomplete: string;
  inputmode?: "tel" | "email" | "numeric";
  maxlength?: number;
  /** A limit shown as a counter ("12/40") and said at once when the text goes over it, instead of cutting the text. */
  max?: number;
  hint?: string;
  className?: string;
}

/**
 * The field's counter: "12/40" on screen; for screen readers, politely and only near the limit, how many characters
 * are left or too many (announcing every keystroke would drown the typing).
 */
function counter(flow: ScreenFlow, id: string, max: number) {
  const length = flow.value.trim().length;
  const left = max - length;
  const number = new Intl.NumberFormat(flow.ctx.locale());
  return html`<span class="counter ${left < 0 ? "over" : ""}" id="${id}-count" part="hint" aria-hidden="true"
      >${number.format(length)}/${number.format(max)}</span
    ><span class="sr-only" aria-live="polite">${left <= 5 ? flow.t.charactersLeft(left) : ""}</span>`;
}

/** The screen's one text field, bound to `flow.value`, with its error and hint read out as its description. */
export function textField(flow: ScreenFlow, o: FieldOptions) {
  const id = `pw-${o.name}`;
  const error = flow.fieldError;
  const describedBy = [error && `${id}-error`, o.hint && `${id}-hint`].filter(Boolean).join(" ");
  const limit = o.max ? flow.t.charactersLimit(o.max) : "";
  return html`<div class="field" part="field">
    <label part="label" for=${id}>${o.label}</label>
    <input
      part="input"
      id=${id}
      name=${o.name}
      class=${o.className ?? nothing}
      type=${o.type}
      dir=${o.name === "nickname" ? "auto" : "ltr"}
      autocomplete=${o.autocomplete}
      inputmode=${o.inputmode ?? nothing}
      maxlength=${o.maxlength ?? nothing}
      data-max=${o.max ?? nothing}
      spellcheck="false"
      autocapitalize="off"
      .value=${live(flow.value)}
      ?disabled=${flow.locked}
      aria-invalid=${error ? "true" : nothing}
      aria-describedby=${[describedBy, limit && `${id}-limit`].filter(Boolean).join(" ") || nothing}
      @input=${flow.onInput}
    />
    ${error ? html`<p class="error" part="error" id="${id}-error">${error}</p>` : nothing}
    ${o.hint || o.max
      ? html`<div class="hint-row">
          ${o.hint ? html`<p class="hint" part="hint" id="${id}-hint">${o.hint}</p>` : nothing}
          ${o.max ? html`<span class="sr-only" id="${id}-limit">${limit}</span>${counter(flow, id, o.max)}` : nothing}
        </div>`
      : nothing}
  </div>`;
}

/** A form whose submit runs `action` (Enter in the field, or its submit button). */
export const onSubmit = (action: () => unknown) => (event: SubmitEvent) => {
  event.preventDefault();
  void action();
};
