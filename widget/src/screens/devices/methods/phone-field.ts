import { html, nothing } from "lit";
import { live } from "../../shared.js";
import { E164, normalizePhone } from "../../../../../contract/rules.js";
import type { Profile } from "../../../api/client.js";
import type { AddScreen, ScreenFlow } from "../types.js";

/**
 * The phone step's field: a country-code picker (a real <select>) beside the number, formatted as it is typed. The
 * number handling (phone.ts, with libphonenumber-js) is a chunk of its own, loaded when this step opens; until then,
 * or if it can't load, the number is typed in international format, as the hint says. What is sent is E.164.
 */

type PhoneKit = typeof import("./phone.js");
export type TargetScreen = Extract<AddScreen, { kind: "target" }>;

let kit: PhoneKit | undefined;
let loading: Promise<PhoneKit | undefined> | undefined;

/** The chunk, once: a failed load is tried again the next time the step opens. */
function loadKit(): Promise<PhoneKit | undefined> {
  loading ??= import("./phone.js").then(
    (loaded) => (kit = loaded),
    () => {
      loading = undefined;
      return undefined;
    },
  );
  return loading;
}

/**
 * Opens the phone step's picker: loads the chunk and, alongside, the profile, whose address's country is preselected;
 * else the country of the widget's language ("pt-BR" → Brazil, "de" → Germany).
 */
export async function preparePhone(flow: ScreenFlow, screen: TargetScreen): Promise<void> {
  const [loaded, profileCountry] = await Promise.all([
    loadKit(),
    flow.ctx.api<Profile>("/api/profile").then(
      ({ data }) => data.address?.countryCode ?? null,
      () => null,
    ),
  ]);
  if (!loaded || flow.screen !== screen) return;
  screen.country ??= loaded.supported(profileCountry) ?? loaded.countryOfLocale(flow.ctx.t().lang) ?? "US";
  // Typed before the picker was ready: shown formatted now.
  if (flow.value) flow.value = loaded.formatTyped(flow.value, screen.country).text;
  flow.update();
}

/** The picker's country, once it is ready. */
const ready = (screen: TargetScreen) => (kit && screen.country ? { kit, country: screen.country } : undefined);

/** The number typed, in E.164, or "" when it can't be one. */
export function phoneTarget(flow: ScreenFlow, screen: TargetScreen): string {
  const picker = ready(screen);
  const target = picker ? (picker.kit.toE164(flow.value, picker.country) ?? "") : normalizePhone(flow.value.trim());
  return E164.test(target) ? target : "";
}

/** What the field says when the number can't be one: for the country chosen, once the picker is there. */
export function phoneRule(flow: ScreenFlow, screen: TargetScreen): string {
  const picker = ready(screen);
  const country = picker?.kit.countries(flow.ctx.t().lang).find((c) => c.code === picker.country);
  return country ? flow.t.invalidPhoneIn(country.label) : flow.t.invalidPhone;
}

function onCountry(flow: ScreenFlow, screen: TargetScreen, event: Event): void {
  screen.country = (event.target as HTMLSelectElement).value;
  // A number typed without its country code is formatted for the new country.
  if (kit && flow.value && !flow.value.trim().startsWith("+")) flow.value = kit.formatTyped(flow.value, screen.country).text;
  flow.fieldError = "";
  flow.update();
}

function onNumber(flow: ScreenFlow, screen: TargetScreen, event: Event): void {
  const input = event.target as HTMLInputElement;
  let value = input.value;
  const picker = ready(screen);
  if (picker) {
    const formatted = picker.kit.formatTyped(value, picker.country);
    // "+44…" chooses its country; the text is formatted only while typing at its end (deleting a space or a
    // bracket would otherwise put it straight back, and the caret would jump).
    if (formatted.country) screen.country = formatted.country;
    const deleting = (event as InputEvent).inputType?.startsWith("delete");
    if (!deleting && input.selectionStart === value.length) value = formatted.text;
  }
  flow.value = value;
  if (flow.fieldError) flow.fieldError = "";
  flow.update();
}

/** The country-code picker and the number; the error, when there is one, in place of the hint. */
export function phoneField(flow: ScreenFlow, screen: TargetScreen) {
  const { t } = flow;
  const picker = ready(screen);
  const error = flow.fieldError;
  const lang = flow.ctx.t().lang;
  return html`<div class="field" part="field">
    <label part="label" for="pw-phone">${t.phone}</label>
    <div class="phone">
      <div class="select country">
        <select
          part="input"
          id="pw-country"
          name="country"
          autocomplete="tel-country-code"
          aria-label=${t.countryCode}
          ?disabled=${!picker || flow.locked}
          aria-busy=${picker ? nothing : "true"}
          @change=${(event: Event) => onCountry(flow, screen, event)}
        >
          ${picker
            ? picker.kit.countries(lang).map((c) => html`<option value=${c.code} .selected=${c.code === picker.country}>${c.label}</option>`)
            : html`<option value="">${t.countryCode}</option>`}
        </select>
      </div>
      <input
        part="input"
        id="pw-phone"
        name="phone"
        type="tel"
        dir="ltr"
        autocomplete="tel"
        inputmode="tel"
        spellcheck="false"
        .value=${live(flow.value)}
        ?disabled=${flow.locked}
        aria-invalid=${error ? "true" : nothing}
        aria-describedby=${error ? "pw-phone-error" : "pw-phone-hint"}
        @input=${(event: Event) => onNumber(flow, screen, event)}
      />
    </div>
    ${error
      ? html`<p class="error" part="error" id="pw-phone-error">${error}</p>`
      : html`<p class="hint" part="hint" id="pw-phone-hint">${picker ? t.phoneHintCountry : t.phoneHint}</p>`}
  </div>`;
}
