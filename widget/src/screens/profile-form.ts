import { html, nothing, type TemplateResult } from "lit";
import { COUNTRY_CODES } from "../country-codes.js";
import type { Translation } from "../i18n/en.js";
import type { Profile } from "../api/client.js";
import * as values from "./profile-fields.js";
import { formFields, hintOf, labelOf, type FieldErrors, type FormField, type FormValues } from "./profile-fields.js";
import { live, renderNotice, type FlowContext, type Notice as SharedNotice } from "./shared.js";

export { normalize, rebase, type FieldErrors, type FormField, type FormValues } from "./profile-fields.js";

/** The built-in schema's fields in the form's terms, for callers that give none. */
let builtin: FormField[] | undefined;
const text = { type: "string" };
const builtinFields = (): FormField[] =>
  (builtin ??= formFields({
    properties: {
      givenName: text,
      familyName: text,
      email: { type: "string", format: "email" },
      phone: { type: "string", format: "tel" },
      address: {
        type: "object",
        properties: { streetAddress: text, locality: text, region: text, postalCode: text, countryCode: { type: "string", "x-profile": { input: "country" } } },
      },
    },
  }));

/** The form's values of a profile: with the built-in schema's fields unless given others. */
export const valuesOf = (profile: Profile, fields = builtinFields()): FormValues => values.valuesOf(profile, fields);

/** The merge patch from `baseline` to `values`: with the built-in schema's fields unless given others. */
export const buildPatch = (baseline: FormValues, edited: FormValues, fields = builtinFields()) => values.buildPatch(baseline, edited, fields);


/** The one Intl.DisplayNames the first render needs (the chosen country's name), per locale. */
let regionNames: { locale: string; names?: Intl.DisplayNames } | undefined;
/** A country's name in the locale (made while the profile is on its way: Intl's data loads slowly on a cold page). */
export function countryName(locale: string, code: string): string {
  if (regionNames?.locale !== locale) {
    regionNames = { locale };
    try {
      regionNames.names = new Intl.DisplayNames([locale, "en"], { type: "region" });
    } catch {
      // Not a locale Intl takes: the code itself.
    }
  }
  try {
    return regionNames.names?.of(code) ?? code;
  } catch {
    return code;
  }
}

let countryCache: { locale: string; options: ReadonlyArray<[string, string]> } | undefined;

/**
 * Country options in the user's language, sorted by name (from Intl). Built once the form has painted: the first
 * render names only the chosen country (see ProfileFormView.allCountries).
 */
export function countryOptions(locale: string): ReadonlyArray<[string, string]> {
  const key = /^en(?:-|$)/i.test(locale) ? "en" : locale;
  if (countryCache?.locale !== key) {
    let collator: Intl.Collator;
    try {
      collator = new Intl.Collator(key);
    } catch {
      collator = new Intl.Collator("en");
    }
    const options = COUNTRY_CODES.map((code): [string, string] => [code, countryName(key, code)]);
    countryCache = { locale: key, options: options.sort((a, b) => collator.compare(a[1], b[1])) };
  }
  return countryCache.options;
}

export interface Notice extends SharedNotice {
  /** Offer "Try again" (network and server failures). */
  retry?: boolean;
  /** Offer "Confirm it's you" (a change that needs a recent sign-in, when the person has a device to confirm with). */
  confirm?: boolean;
  /** Offer "Sign in again" (the same change, with no device to confirm with): the host is told again. */
  signIn?: boolean;
  /** The fields the message is about: it shows beside the first, they are marked, and Save waits until it is resolved. */
  fields?: string[];
}

export interface ProfileFormView {
  t: Translation;
  locale: string;
  /**
   * False for the first render: the country list then holds only the chosen country, and the other
   * 248 options follow a moment later, off the path to an interactive form.
   */
  allCountries: boolean;
  /** The schema's fields, in order. */
  fields: FormField[];
  values: FormValues;
  errors: FieldErrors;
  dirty: boolean;
  saving: boolean;
  notice: Notice | null;
  onInput: (event: Event) => void;
  onSubmit: (event: SubmitEvent) => void;
  onDiscard: () => void;
  onRetry: () => void;
  onConfirm: () => void;
  onSignIn: () => void;
  /** The code entry of a change that waits beside its field (profile-pending.ts), once that is loaded. */
  pendingFor?: (field: FormField) => TemplateResult | typeof nothing;
  /** The controls beyond text, numbers and lists (profile-controls.ts), when the schema has such fields. */
  controls?: (view: ProfileFormView, field: FormField, state: FieldState) => TemplateResult;
}

/** What the widget lends the profile flow besides what every flow gets. */
export interface ProfileContext extends FlowContext {
  /** The current run's signal: aborted when the widget starts over, so late answers of an old run are dropped. */
  signal(): AbortSignal;
  /** Shows a failure full-card and reports it (the session turned out to be someone else's). */
  failCard(error: unknown): void;
  /** The widget's `retry()`, behind "Try again" in a message. */
  retry(): void;
}

/** The profile flow's state as Save (profile-save.ts) works on it: the flow (profile-flow.ts) is one. */
export interface ProfileState {
  readonly ctx: ProfileContext;
  /** The schema's fields, in order. */
  fields: FormField[];
  values: FormValues;
  /** The form's values as last loaded or saved: what a change is measured from. */
  baseline: FormValues;
  errors: FieldErrors;
  saving: boolean;
  notice: Notice | null;
  profile?: Profile;
  etag: string | null;
  update(): void;
  show(profile: Profile, etag: string | null, values: FormValues): void;
}

const idOf = (path: string) => `pw-${path.replace(".", "-")}`;

/** The way forward a notice offers, as a link-styled button. */
function noticeAction(view: ProfileFormView, notice: Notice) {
  const { t } = view;
  const [label, run] = notice.retry
    ? [t.tryAgain, view.onRetry]
    : notice.confirm
      ? [t.confirmIdentity, view.onConfirm]
      : notice.signIn
        ? [t.signInAgain, view.onSignIn]
        : [];
  return label ? html`<button type="button" class="link" part="button" @click=${run}>${label}</button>` : nothing;
}

const INPUT_TYPES: Record<string, string> = { email: "email", tel: "tel", date: "date", uri: "url" };

/** Wide (both columns): addresses, numbers, long text, choices laid out in a row. */
const isWide = (f: FormField) =>
  (!!INPUT_TYPES[f.schema.format as string] && f.schema.format !== "date") ||
  f.x.input === "textarea" ||
  f.x.input === "radio" ||
  f.type === "array" ||
  f.type === "boolean" ||
  Number(f.schema.maxLength) > 100;

export const required = (f: FormField) =>
  f.required ? html`<span class="required" aria-hidden="true">*</span>` : nothing;

/**
 * Whether a field needs the controls a schema may add beyond text, numbers and lists (profile-controls.ts): a
 * read-only value, a checkbox, radios, a list of choices, long text (and a date's styles). The built-in schema has
 * none of them.
 */
const ownControl = (f: FormField): boolean =>
  f.readOnly || f.type === "boolean" || f.type === "array" || f.x.input === "radio" || f.x.input === "textarea";
export const needsControls = (f: FormField): boolean => ownControl(f) || f.schema.format === "date";

/** What a control needs of its field's state: ids, the error, the message about it, the hint. */
export interface FieldState {
  id: string;
  label: string;
  wide: string;
  error?: string;
  note: string;
  hint?: string | false;
  held?: boolean;
  invalid: string | typeof nothing;
  describedBy: string | typeof nothing;
}

function stateOf(view: ProfileFormView, f: FormField): FieldState {
  const id = idOf(f.path);
  const error = view.errors[f.path];
  const { notice } = view;
  const held = notice?.fields?.includes(f.path);
  const note = held && notice!.fields![0] === f.path ? `${id}-note` : "";
  // An error replaces the hint (it says the same, more precisely).
  const hint = !error && hintOf(f, view.t);
  const describedBy = [error && `${id}-error`, held && `${idOf(notice!.fields![0]!)}-note`, hint && `${id}-hint`].filter(Boolean).join(" ");
  return { id, label: labelOf(f, view.t), wide: isWide(f) ? "wide" : "", error, note, hint, held, invalid: error ? "true" : nothing, describedBy: describedBy || nothing };
}

function field(view: ProfileFormView, f: FormField): TemplateResult {
  const state = stateOf(view, f);
  if (view.controls && ownControl(f)) return view.controls(view, f, state);
  const { path } = f;
  const { id, label, wide, held, invalid, describedBy } = state;
  const value = view.values[path] as string;
  const options = (f.schema.enum as unknown[] | undefined)?.map(String) ?? [];
  let control: TemplateResult;
  if (f.x.input === "country") control = countrySelect(view, f, state);
  else if (options.length) {
    control = html`<div class="select">
      <select part="input" id=${id} name=${path} autocomplete=${f.x.autocomplete ?? nothing}
        aria-required=${f.required ? "true" : nothing} aria-invalid=${invalid} aria-describedby=${describedBy}>
        <option value="" .selected=${!value}>${view.t.selectOption}</option>
        ${value && !options.includes(value) ? html`<option value=${value} selected>${value}</option>` : nothing}
        ${options.map((option) => html`<option value=${option} .selected=${option === value}>${option}</option>`)}
      </select>
    </div>`;
  } else {
    const numeric = f.type === "integer" || f.type === "number";
    const type = INPUT_TYPES[f.schema.format as string];
    control = html`<input
      part="input"
      id=${id}
      class=${held ? "attention" : nothing}
      name=${path}
      type=${type ?? "text"}
      inputmode=${numeric ? (f.type === "integer" ? "numeric" : "decimal") : nothing}
      dir=${type || numeric ? "ltr" : "auto"}
      autocomplete=${f.x.autocomplete ?? nothing}
      .value=${live(value)}
      aria-required=${f.required ? "true" : nothing}
      aria-invalid=${invalid}
      aria-describedby=${describedBy}
    />`;
  }
  return html`<div class="field ${wide}" part="field">
    <label part="label" for=${id}>${label}${required(f)}</label>
    ${control} ${fieldNotes(view, f, state)}
  </div>`;
}

/** Under a control: its error, a message about it (a change that needs a sign-in), its hint, a change waiting for a code. */
export function fieldNotes(view: ProfileFormView, f: FormField, { id, error, note, hint }: FieldState) {
  const { notice } = view;
  return html`${error ? html`<p class="error" part="error" id="${id}-error">${error}</p>` : nothing}
    ${note ? html`<div class="attention-note" id=${note} role="alert">${renderNotice(notice!, noticeAction(view, notice!))}</div>` : nothing}
    ${hint ? html`<p class="hint" part="hint" id="${id}-hint">${hint}</p>` : nothing} ${view.pendingFor?.(f) ?? nothing}`;
}

function countrySelect(view: ProfileFormView, f: FormField, { id, invalid, describedBy }: FieldState) {
  const { path } = f;
  const value = view.values[path] as string;
  const options = view.allCountries ? countryOptions(view.locale) : value ? [[value, countryName(view.locale, value)]] : [];
  return html`<div class="select">
    <select part="input" id=${id} name=${path} autocomplete=${f.x.autocomplete ?? "country"}
      aria-required=${f.required ? "true" : nothing} aria-invalid=${invalid} aria-describedby=${describedBy}>
      <option value="" .selected=${!value}>${view.t.selectCountry}</option>
      ${value && !COUNTRY_CODES.includes(value) ? html`<option value=${value} selected>${value}</option>` : nothing}
      ${options.map(([code, name]) => html`<option value=${code} .selected=${code === value}>${name}</option>`)}
    </select>
  </div>`;
}

/** The autocomplete tokens of a person's name (HTML's autofill field names). */
const NAME_TOKENS = /^(name|honorific-prefix|given-name|additional-name|family-name|honorific-suffix|nickname)$/;

interface Section {
  title: string;
  fields: FormField[];
  object?: FormField;
}

/**
 * The form's sections, in the fields' order: each object its own (a group named by its title), and the other fields
 * by what they are — name, contact (addresses that can be verified), and the rest.
 */
function sectionsOf(fields: FormField[], t: Translation): Section[] {
  const sections: Section[] = [];
  const byKind: Record<string, Section> = {};
  for (const f of fields) {
    if (f.type === "object") {
      sections.push({ title: labelOf(f, t), fields: f.children, object: f });
      continue;
    }
    const kind = NAME_TOKENS.test(f.x.autocomplete ?? "")
      ? "nameSection"
      : f.x.verify || f.schema.format === "email" || f.schema.format === "tel"
        ? "contactSection"
        : "detailsSection";
    if (!byKind[kind]) sections.push((byKind[kind] = { title: t[kind], fields: [] }));
    byKind[kind].fields.push(f);
  }
  return sections;
}

function section(view: ProfileFormView, { title, fields, object }: Section) {
  const { t } = view;
  // "Your email or phone" only where those are what is protected; any other protected field gets the general words.
  const guarded = fields.filter((f) => f.x.protected && !f.readOnly);
  const emailAndPhone = guarded.length === 2 && guarded.some((f) => f.schema.format === "email") && guarded.some((f) => f.schema.format === "tel");
  const note = guarded.length ? (emailAndPhone ? t.protectedNote : t.protectedNoteAny) : object && hintOf(object, t);
  const head = html`<div class="section-head">
      <h3 class="section-title" id=${object ? `${idOf(object.path)}-title` : nothing}>${title}</h3>
      ${note ? html`<p class="section-note">${note}</p>` : nothing}
    </div>
    <div class="fields">${fields.map((f) => field(view, f))}</div>`;
  // An object's fields are one group, named by its title (a fieldset, which the heading labels).
  return object
    ? html`<fieldset class="section" part="section" aria-labelledby="${idOf(object.path)}-title">${head}</fieldset>`
    : html`<section class="section" part="section">${head}</section>`;
}

// Save is aria-disabled, never disabled, while there is nothing to save or a save runs: a disabled button would
// drop keyboard focus to the page.
export function renderProfileForm(view: ProfileFormView): TemplateResult {
  const { t, notice, saving } = view;
  const anyRequired = view.fields.some((f) => (f.required && !f.readOnly) || f.children.some((c) => c.required && !c.readOnly));
  return html`<form
    part="form"
    novalidate
    aria-busy=${saving ? "true" : "false"}
    @input=${view.onInput}
    @submit=${view.onSubmit}
  >
    ${anyRequired ? html`<p class="required-note"><span aria-hidden="true">*</span> ${t.requiredNote}</p>` : nothing}
    ${sectionsOf(view.fields, t).map((s) => section(view, s))}
    <div class="footer">
      <div class="status" role="status">${notice && !notice.fields ? renderNotice(notice, noticeAction(view, notice)) : nothing}</div>
      <div class="actions" part="actions">
        ${view.dirty && !saving
          ? html`<button type="button" class="secondary" part="button" @click=${view.onDiscard}>${t.discard}</button>`
          : nothing}
        <button
          type="submit"
          class="primary ${saving ? "busy" : ""}"
          part="button button-primary"
          aria-disabled=${!view.dirty || saving || notice?.fields ? "true" : "false"}
        >
          ${saving ? html`<span class="spinner" aria-hidden="true"></span>${t.saving}` : t.save}
        </button>
      </div>
    </div>
  </form>`;
}
