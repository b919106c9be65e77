import { css, html, nothing, type TemplateResult } from "lit";
import { live } from "./shared.js";
import type { FormField } from "./profile-fields.js";
import { fieldNotes, required, type FieldState, type ProfileFormView } from "./profile-form.js";

/*
 * The controls a schema may add beyond text, numbers and lists: a read-only value shown as text, a checkbox for a
 * boolean, radios (`x-profile.input: "radio"`), a list of choices (an array of enum strings), long text
 * (`input: "textarea"`); and the date field's calendar button in dark mode. A chunk of its own, fetched with the
 * form only when the schema has such a field: the built-in schema has none.
 */

export const controlStyles = css`
  /* The date field's calendar button, drawn black by the browser: light on a dark card. */
  input::-webkit-calendar-picker-indicator {
    cursor: pointer;
  }
  @media (prefers-color-scheme: dark) {
    :host(:not([data-theme="light"])) input::-webkit-calendar-picker-indicator {
      filter: invert(0.85);
    }
  }
  :host([data-theme="dark"]) input::-webkit-calendar-picker-indicator {
    filter: invert(0.85);
  }
  textarea {
    display: block;
    width: 100%;
    min-height: 84px;
    padding: 8px 12px;
    font: inherit;
    font-size: 15px;
    line-height: 22px;
    color: var(--_text);
    background: var(--_surface);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    box-shadow: 0 1px 2px rgb(16 24 40 / 5%);
    outline: none;
    resize: vertical;
  }
  textarea:hover {
    border-color: color-mix(in srgb, var(--_border) 60%, var(--_text));
  }
  textarea:focus {
    border-color: var(--_focus);
    outline: 2px solid var(--_focus);
    outline-offset: 1px;
  }
  .label {
    font-size: 14px;
    font-weight: 500;
    line-height: 20px;
    margin-bottom: 6px;
  }
  .read-only {
    min-height: 42px;
    padding: 10px 12px;
    font-size: 15px;
    line-height: 20px;
    border-radius: var(--_radius);
    background: var(--_tint);
    border: 1px dashed var(--_border);
    overflow-wrap: anywhere;
  }
  .choices {
    display: flex;
    flex-wrap: wrap;
    gap: 0 24px;
  }
  label.choice {
    display: inline-flex;
    align-items: center;
    gap: 10px;
    min-height: 40px;
    margin: 0;
    font-size: 15px;
    font-weight: 400;
    cursor: pointer;
  }
  .choice + .hint,
  .choice + .error {
    margin-top: 0;
    padding-inline-start: 30px;
  }
  .choice input {
    flex: none;
    width: 20px;
    height: 20px;
    min-height: 0;
    padding: 0;
    margin: 0;
    appearance: auto;
    accent-color: var(--_primary);
    box-shadow: none;
    cursor: pointer;
  }
  .choice input:focus-visible {
    outline: 2px solid var(--_focus);
    outline-offset: 2px;
  }
  [aria-invalid="true"] .choice input,
  .choice input[aria-invalid="true"] {
    outline: 2px solid var(--_danger);
    outline-offset: 1px;
  }
`;

/** A read-only value as text: a date in the person's format, a checkbox's yes or no, a list's choices. */
function readOnlyText(view: ProfileFormView, f: FormField): string {
  const value = view.values[f.path];
  if (typeof value === "boolean") return value ? view.t.yes : view.t.no;
  if (Array.isArray(value)) return value.join(", ") || view.t.notSet;
  if (value && f.schema.format === "date" && /^\d{4}-\d\d-\d\d$/.test(value)) {
    return new Intl.DateTimeFormat(view.locale, { dateStyle: "long", timeZone: "UTC" }).format(new Date(`${value}T00:00:00Z`));
  }
  return value || view.t.notSet;
}

export function renderControl(view: ProfileFormView, f: FormField, state: FieldState): TemplateResult {
  const { path } = f;
  const { id, label, wide, held, invalid, describedBy } = state;
  const value = view.values[path];
  if (f.readOnly) {
    return html`<div class="field ${wide}" part="field">
      <p class="label" part="label">${label}</p>
      <p class="read-only" id=${id}>${readOnlyText(view, f)}</p>
      ${state.hint ? html`<p class="hint" part="hint">${state.hint}</p>` : nothing}
    </div>`;
  }
  if (f.type === "boolean") {
    return html`<div class="field ${wide}" part="field">
      <label class="choice" part="label">
        <input part="input" type="checkbox" id=${id} name=${path} .checked=${live(value === true)} aria-invalid=${invalid} aria-describedby=${describedBy} />
        <span>${label}${required(f)}</span>
      </label>
      ${fieldNotes(view, f, state)}
    </div>`;
  }
  if (f.x.input === "textarea") {
    return html`<div class="field ${wide}" part="field">
      <label part="label" for=${id}>${label}${required(f)}</label>
      <textarea
        part="input"
        id=${id}
        name=${path}
        rows="3"
        dir="auto"
        autocomplete=${f.x.autocomplete ?? nothing}
        class=${held ? "attention" : nothing}
        .value=${live(value as string)}
        aria-required=${f.required ? "true" : nothing}
        aria-invalid=${invalid}
        aria-describedby=${describedBy}
      ></textarea>
      ${fieldNotes(view, f, state)}
    </div>`;
  }
  // Radios for one choice, checkboxes for a list of them; the group is named by the field's label.
  const radio = f.type !== "array";
  const choices = radio ? f.schema.enum : (f.schema.items as { enum?: unknown[] } | undefined)?.enum;
  const options = (Array.isArray(choices) ? choices : []).map(String);
  return html`<div class="field ${wide}" part="field">
    <p class="label" part="label" id="${id}-label">${label}${required(f)}</p>
    <div
      class="choices"
      id=${id}
      role=${radio ? "radiogroup" : "group"}
      aria-labelledby="${id}-label"
      aria-required=${radio && f.required ? "true" : nothing}
      aria-invalid=${invalid}
      aria-describedby=${describedBy}
    >
      ${options.map(
        (option, i) => html`<label class="choice" part="label">
          <input
            part="input"
            type=${radio ? "radio" : "checkbox"}
            name=${path}
            value=${option}
            id="${id}-${i}"
            .checked=${live(radio ? value === option : Array.isArray(value) && value.includes(option))}
          />
          <span>${option}</span>
        </label>`,
      )}
    </div>
    ${fieldNotes(view, f, state)}
  </div>`;
}
