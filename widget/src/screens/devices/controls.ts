import { html, nothing } from "lit";
import { live } from "lit/directives/live.js";
import type { Device } from "../../api/client.js";
import type { ScreenFlow } from "./types.js";

/** A button that shows a spinner and `busyLabel` while its request runs; every other action waits meanwhile. */
export function actionButton(
  flow: ScreenFlow,
  options: { label: string; busyLabel?: string; busy?: string; tone?: "primary" | "danger" | "secondary"; submit?: boolean; onClick?: () => unknown },
) {
  const { busy = "primary", tone = "primary" } = options;
  const running = flow.busy === busy;
  const parts = tone === "secondary" ? "button" : `button button-${tone}`;
  return html`<button
    type=${options.submit ? "submit" : "button"}
    class="${tone} ${running ? "busy" : ""}"
    part=${parts}
    ?disabled=${!!flow.busy || (tone !== "secondary" && flow.locked)}
    @click=${options.onClick ?? nothing}
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
  hint?: string;
  className?: string;
}

/** The screen's one text field, bound to `flow.value`, with its error and hint read out as its description. */
export function textField(flow: ScreenFlow, o: FieldOptions) {
  const id = `pw-${o.name}`;
  const error = flow.fieldError;
  const describedBy = [error && `${id}-error`, o.hint && `${id}-hint`].filter(Boolean).join(" ");
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
      spellcheck="false"
      autocapitalize="off"
      .value=${live(flow.value)}
      ?disabled=${flow.locked}
      aria-invalid=${error ? "true" : nothing}
      aria-describedby=${describedBy || nothing}
      @input=${flow.onInput}
    />
    ${error ? html`<p class="error" part="error" id="${id}-error">${error}</p>` : nothing}
    ${o.hint ? html`<p class="hint" part="hint" id="${id}-hint">${o.hint}</p>` : nothing}
  </div>`;
}

/** A form whose submit runs `action` (Enter in the field, or its submit button). */
export const onSubmit = (action: () => unknown) => (event: SubmitEvent) => {
  event.preventDefault();
  void action();
};
