import { html, nothing, type TemplateResult } from "lit";
import { live } from "lit/directives/live.js";
import { normalizePhone } from "../../../contract/rules.js";
import type { Profile, ProfilePatch } from "../api/client.js";
import { COUNTRY_CODES } from "../country-codes.js";
import { ENGLISH_COUNTRY_NAMES } from "../country-names-en.js";
import type { Translation } from "../i18n/en.js";
import { renderNotice, type FlowContext, type Notice as SharedNotice } from "./shared.js";

/** Form fields, named by the paths the server uses in a validation error's `fields`. */
export const FIELDS = [
  "givenName",
  "familyName",
  "email",
  "phone",
  "address.streetAddress",
  "address.locality",
  "address.region",
  "address.postalCode",
  "address.countryCode",
] as const;
export type FieldPath = (typeof FIELDS)[number];
export type FormValues = Record<FieldPath, string>;
export type FieldErrors = Partial<Record<FieldPath, string>>;

export const isField = (name: string): name is FieldPath => (FIELDS as readonly string[]).includes(name);

/** The fields whose change needs a recent sign-in. */
export const PROTECTED_FIELDS = ["email", "phone"] as const satisfies readonly FieldPath[];

export function valuesOf(profile: Profile): FormValues {
  const record = profile as unknown as Record<string, Record<string, string | null> | null>;
  return Object.fromEntries(
    FIELDS.map((path) => {
      const [group = "", key] = path.split(".");
      return [path, (key ? record[group]?.[key] : (record[group] as unknown as string | null)) ?? ""];
    }),
  ) as FormValues;
}

/** The value as it will be sent: trimmed, and a phone number without the separators people type. */
export function normalize(path: FieldPath, value: string): string {
  const trimmed = value.trim();
  return path === "phone" && /^[+\d\s().-]+$/.test(trimmed) ? normalizePhone(trimmed) : trimmed;
}

/** The merge patch from `baseline` to `values` (only what changed), or null when nothing did. */
export function buildPatch(baseline: FormValues, values: FormValues): ProfilePatch | null {
  const patch: Record<string, unknown> = {};
  const address: Record<string, string | null> = {};
  for (const path of FIELDS) {
    const value = normalize(path, values[path]);
    if (value === normalize(path, baseline[path])) continue;
    const [group = "", key] = path.split(".");
    if (key) address[key] = value || null;
    else patch[group] = value || null;
  }
  if (Object.keys(address).length) {
    const cleared = FIELDS.every((path) => !path.startsWith("address.") || !normalize(path, values[path]));
    patch.address = cleared ? null : address;
  }
  return Object.keys(patch).length ? (patch as ProfilePatch) : null;
}

/** `latest` with the user's edits (fields where `edited` differs from `base`) laid on top. */
export function rebase(latest: FormValues, base: FormValues, edited: FormValues): FormValues {
  return Object.fromEntries(FIELDS.map((p) => [p, edited[p] === base[p] ? latest[p] : edited[p]])) as FormValues;
}

let countryCache: { locale: string; options: ReadonlyArray<[string, string]> } | undefined;

/** Country options in the user's language, sorted by name (English built in, other languages from Intl). */
export function countryOptions(locale: string): ReadonlyArray<[string, string]> {
  if (/^en(?:-|$)/i.test(locale)) return ENGLISH_COUNTRY_NAMES;
  if (countryCache?.locale !== locale) {
    let names: Intl.DisplayNames | undefined;
    let collator: Intl.Collator;
    try {
      names = new Intl.DisplayNames([locale, "en"], { type: "region" });
      collator = new Intl.Collator(locale);
    } catch {
      collator = new Intl.Collator("en");
    }
    const options = COUNTRY_CODES.map((code): [string, string] => [code, names?.of(code) ?? code]);
    countryCache = { locale, options: options.sort((a, b) => collator.compare(a[1], b[1])) };
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
  fields?: FieldPath[];
}

export interface ProfileFormView {
  t: Translation;
  locale: string;
  /**
   * False for the first render: the country list then holds only the chosen country, and the other
   * 248 options follow a moment later, off the path to an interactive form.
   */
  allCountries: boolean;
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

const idOf = (path: FieldPath) => `pw-${path.replace(".", "-")}`;

interface FieldOptions {
  autocomplete: string;
  type?: string;
  hint?: string;
  wide?: boolean;
}

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

function field(view: ProfileFormView, path: FieldPath, options: FieldOptions, control?: TemplateResult) {
  const id = idOf(path);
  const error = view.errors[path];
  const { notice } = view;
  const held = notice?.fields?.includes(path);
  const note = held && notice!.fields![0] === path ? `${id}-note` : "";
  // An error replaces the hint (it says the same, more precisely).
  const hint = !error && options.hint;
  const describedBy = [error && `${id}-error`, held && `${idOf(notice!.fields![0]!)}-note`, hint && `${id}-hint`].filter(Boolean).join(" ");
  const label = view.t[path.replace("address.", "") as "givenName"];
  return html`<div class="field ${options.wide ? "wide" : ""}" part="field">
    <label part="label" for=${id}>${label}</label>
    ${control ??
    html`<input
      part="input"
      id=${id}
      class=${held ? "attention" : nothing}
      name=${path}
      type=${options.type ?? "text"}
      dir=${options.type ? "ltr" : "auto"}
      autocomplete=${options.autocomplete}
      .value=${live(view.values[path])}
      aria-invalid=${error ? "true" : nothing}
      aria-describedby=${describedBy || nothing}
    />`}
    ${error ? html`<p class="error" part="error" id="${id}-error">${error}</p>` : nothing}
    ${note
      ? html`<div class="attention-note" id=${note} role="alert">${renderNotice(notice!, noticeAction(view, notice!))}</div>`
      : nothing}
    ${hint ? html`<p class="hint" part="hint" id="${id}-hint">${hint}</p>` : nothing}
  </div>`;
}

function countrySelect(view: ProfileFormView) {
  const path = "address.countryCode";
  const value = view.values[path];
  const error = view.errors[path];
  const all = countryOptions(view.locale);
  const options = view.allCountries ? all : all.filter(([code]) => code === value);
  return html`<div class="select">
    <select
      part="input"
      id=${idOf(path)}
      name=${path}
      autocomplete="country"
      aria-invalid=${error ? "true" : nothing}
      aria-describedby=${error ? `${idOf(path)}-error` : nothing}
    >
      <option value="" .selected=${!value}>${view.t.selectCountry}</option>
      ${value && !all.some(([code]) => code === value)
        ? html`<option value=${value} selected>${value}</option>`
        : nothing}
      ${options.map(([code, name]) => html`<option value=${code} .selected=${code === value}>${name}</option>`)}
    </select>
  </div>`;
}

function section(title: string, body: TemplateResult, description?: string) {
  return html`<section class="section" part="section">
    <div class="section-head">
      <h3 class="section-title">${title}</h3>
      ${description ? html`<p class="section-note">${description}</p>` : nothing}
    </div>
    <div class="fields">${body}</div>
  </section>`;
}

// Save is aria-disabled, never disabled, while there is nothing to save or a save runs: a disabled button would
// drop keyboard focus to the page.
export function renderProfileForm(view: ProfileFormView): TemplateResult {
  const { t, notice, saving } = view;
  return html`<form
    part="form"
    novalidate
    aria-busy=${saving ? "true" : "false"}
    @input=${view.onInput}
    @submit=${view.onSubmit}
  >
    ${section(
      t.nameSection,
      html`${field(view, "givenName", { autocomplete: "given-name" })}
      ${field(view, "familyName", { autocomplete: "family-name" })}`,
    )}
    ${section(
      t.contactSection,
      html`${field(view, "email", { autocomplete: "email", type: "email", wide: true })}
      ${field(view, "phone", { autocomplete: "tel", type: "tel", hint: t.phoneHint, wide: true })}`,
      t.protectedNote,
    )}
    ${section(
      t.addressSection,
      html`${field(view, "address.streetAddress", { autocomplete: "street-address", wide: true })}
      ${field(view, "address.locality", { autocomplete: "address-level2" })}
      ${field(view, "address.region", { autocomplete: "address-level1" })}
      ${field(view, "address.postalCode", { autocomplete: "postal-code" })}
      ${field(view, "address.countryCode", { autocomplete: "country" }, countrySelect(view))}`,
    )}
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
