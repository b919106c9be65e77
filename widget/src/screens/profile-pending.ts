import { css, html, nothing, type TemplateResult } from "lit";
import type { ResentChange } from "../../../contract/api.js";
import { ApiError, type PendingChange, type Profile, type ProfilePatch } from "../api/client.js";
import { emit } from "../events.js";
import type { Translation } from "../i18n/en.js";
import profileEn, { type ProfileTranslation } from "../i18n/profile/en.js";
import { labelOf, leaves, rebase, valuesOf, type FormField } from "./profile-fields.js";
import type { ProfileState } from "./profile-form.js";
import { errorText, live, SIGNED_OUT_CODES } from "./shared.js";

/*
 * A new email or phone that waits for its code (DESIGN.md "Verified address changes"): beside its field, the code
 * sent to the new address, Verify, Resend with a countdown, and Cancel. The change comes from the profile itself
 * (`pendingChanges`), so it is still there after a reload; the rest of the form saves as usual.
 */

/** Save's words in the person's language: their table's, or English (in this chunk). */
export const profileTerms = (t: Translation): ProfileTranslation => t.profile ?? profileEn;

/** How long after a code was sent another may be asked for, when the server does not say (the devices' wait). */
const RESEND_WAIT_MS = 30_000;

/** What the code entry of one change shows besides the change itself. */
export interface Entry {
  code: string;
  busy?: "verify" | "resend" | "cancel";
  error?: string;
  /** "We sent a new code…" after a resend. */
  info?: string;
  /** When Resend may be pressed again (ms since epoch). */
  resendAt: number;
  /** Too many wrong codes: only Resend or Cancel helps. */
  locked?: boolean;
  timer?: ReturnType<typeof setTimeout>;
}

const entries = new WeakMap<ProfileState, Map<string, Entry>>();

/** The code entry's state of one change (made on first use). */
export function entryOf(flow: ProfileState, change: PendingChange): Entry {
  let map = entries.get(flow);
  if (!map) entries.set(flow, (map = new Map()));
  let entry = map.get(change.id);
  if (!entry) map.set(change.id, (entry = { code: "", resendAt: resendTime(change) }));
  return entry;
}

/** When the server says another code may be sent, if it does (`resendAvailableAt`). */
const resendTime = (answer: unknown): number => Date.parse((answer as { resendAvailableAt?: string } | undefined)?.resendAvailableAt ?? "") || 0;

const secondsLeft = (until: number): number => Math.max(0, Math.ceil((until - Date.now()) / 1000));

/** Redraws each time the seconds left change, until Resend is offered again (devices/methods/countdown.ts's way). */
function countdown(flow: ProfileState, entry: Entry): void {
  clearTimeout(entry.timer);
  const left = entry.resendAt - Date.now();
  if (left <= 0) return;
  entry.timer = setTimeout(() => {
    flow.update();
    countdown(flow, entry);
  }, left % 1000 || 1000);
}

const idOf = (change: PendingChange) => `pw-pending-${change.field.replace(".", "-")}`;

/**
 * After a save: the changes it opened get their countdown (focus stays on Save, where the person is; the status says
 * a code is needed). Answers
 * what the save did: saved fields (`saved`), opened changes that wait for their code (`waiting`), or both.
 */
export function opened(flow: ProfileState, patch: ProfilePatch): { saved: boolean; waiting: boolean } {
  const sent = Object.entries(patch).flatMap(([key, value]) =>
    value && typeof value === "object" && !Array.isArray(value) ? Object.keys(value).map((sub) => `${key}.${sub}`) : [key],
  );
  const fresh = (flow.profile?.pendingChanges ?? []).filter((c) => sent.includes(c.field));
  for (const change of fresh) {
    const entry = entryOf(flow, change);
    Object.assign(entry, { code: "", error: undefined, info: undefined, locked: false });
    entry.resendAt = resendTime(change) || Date.now() + RESEND_WAIT_MS;
    countdown(flow, entry);
  }
  return { saved: sent.some((path) => !fresh.some((c) => c.field === path)), waiting: fresh.length > 0 };
}

function focusLater(flow: ProfileState, selector: string): void {
  const { host } = flow.ctx;
  void host.updateComplete.then(() => host.renderRoot.querySelector<HTMLElement>(selector)?.focus());
}

const fieldOf = (flow: ProfileState, change: PendingChange): FormField | undefined => leaves(flow.fields).find((f) => f.path === change.field);

/** The change's failure in its code entry; a session that ended is the flow's (the signed-out card). */
function failed(flow: ProfileState, entry: Entry, error: unknown): void {
  const { code, details } = error instanceof ApiError ? error : new ApiError(0, "unknown", String(error));
  if (code === "username_mismatch") return flow.ctx.failCard(error);
  if (SIGNED_OUT_CODES.has(code)) return flow.ctx.signedOut(error, flow.ctx.pending.waiting);
  const t = flow.ctx.t();
  const p = profileTerms(t).errors;
  entry.error =
    code === "otp_invalid"
      ? p.otp_invalid(details.attemptsRemaining)
      : code === "otp_expired" || code === "too_many_attempts" || code === "not_found"
        ? p[code]
        : code === "rate_limited"
          ? p.rate_limited
          : errorText(t, code);
  if (code === "too_many_attempts") entry.locked = true;
  if (code === "rate_limited" && details.retryAfterSeconds) {
    entry.resendAt = Date.now() + details.retryAfterSeconds * 1000;
    countdown(flow, entry);
  }
  emit(flow.ctx.host, "profile-widget-error", { flow: "profile", code, message: entry.error });
}

async function run(flow: ProfileState, entry: Entry, busy: NonNullable<Entry["busy"]>, action: () => Promise<void>): Promise<void> {
  if (entry.busy) return;
  entry.busy = busy;
  entry.error = undefined;
  entry.info = undefined;
  flow.update();
  try {
    await action();
  } catch (error) {
    if (!flow.ctx.signal().aborted) failed(flow, entry, error);
  } finally {
    entry.busy = undefined;
    flow.update();
  }
}

/** Verify: the code applies the new value; the answer is the profile with it. */
export function verify(flow: ProfileState, change: PendingChange, entry: Entry): Promise<void> {
  const otp = entry.code.replace(/\s/g, "");
  const p = profileTerms(flow.ctx.t());
  if (!/^\d{6}$/.test(otp)) {
    entry.error = p.invalidCode;
    flow.update();
    focusLater(flow, `#${idOf(change)}-code`);
    return Promise.resolve();
  }
  return run(flow, entry, "verify", async () => {
    const { data, etag } = await flow.ctx.api<Profile>(`/api/profile/changes/${encodeURIComponent(change.id)}/verify`, {
      method: "POST",
      body: { otp },
    });
    clearTimeout(entry.timer);
    entries.get(flow)?.delete(change.id);
    flow.show(data, etag, rebase(valuesOf(data, flow.fields), flow.baseline, flow.values));
    const field = fieldOf(flow, change);
    flow.notice = { tone: "success", text: p.applied(field ? labelOf(field, flow.ctx.t()) : change.field) };
    emit(flow.ctx.host, "profile-widget-success", { flow: "profile", action: "profile_updated" });
    focusLater(flow, `[name="${change.field}"]`);
  });
}

/** Resend: a new code to the new address, and the wait until the next. */
export function resend(flow: ProfileState, change: PendingChange, entry: Entry): Promise<void> {
  return run(flow, entry, "resend", async () => {
    const { data } = await flow.ctx.api<ResentChange>(`/api/profile/changes/${encodeURIComponent(change.id)}/resend`, { method: "POST", body: {} });
    entry.resendAt = resendTime(data) || Date.now() + RESEND_WAIT_MS;
    // The new code's expiry.
    if (flow.profile && data?.change) {
      flow.profile = { ...flow.profile, pendingChanges: flow.profile.pendingChanges.map((c) => (c.id === change.id ? data.change : c)) };
    }
    entry.locked = false;
    entry.code = "";
    entry.info = profileTerms(flow.ctx.t()).resent(change.target);
    countdown(flow, entry);
    focusLater(flow, `#${idOf(change)}-code`);
  });
}

/** Cancel: the change is dropped, and the field keeps the value it has. */
export function cancel(flow: ProfileState, change: PendingChange, entry: Entry): Promise<void> {
  return run(flow, entry, "cancel", async () => {
    await flow.ctx.api(`/api/profile/changes/${encodeURIComponent(change.id)}`, { method: "DELETE" });
    clearTimeout(entry.timer);
    entries.get(flow)?.delete(change.id);
    if (flow.profile) flow.profile = { ...flow.profile, pendingChanges: flow.profile.pendingChanges.filter((c) => c.id !== change.id) };
    const field = fieldOf(flow, change);
    flow.notice = { tone: "success", text: profileTerms(flow.ctx.t()).cancelled(field ? labelOf(field, flow.ctx.t()) : change.field) };
    focusLater(flow, `[name="${change.field}"]`);
  });
}

const pendingStyles = css`
  .pending {
    margin-top: 10px;
    padding: 12px 14px;
    border-radius: var(--_radius);
    border: 1px solid color-mix(in srgb, var(--_warning) 30%, var(--_surface));
    background: color-mix(in srgb, var(--_warning) 6%, var(--_surface));
  }
  .pending-text {
    font-size: 14px;
    line-height: 20px;
    font-weight: 500;
    overflow-wrap: anywhere;
  }
  .pending-note {
    margin-top: 2px;
    font-size: 13px;
    line-height: 18px;
    color: var(--_muted);
  }
  .pending-entry {
    display: flex;
    flex-wrap: wrap;
    align-items: flex-end;
    gap: 8px 10px;
    margin-top: 10px;
  }
  .pending-entry label {
    margin-bottom: 4px;
    font-size: 13px;
  }
  .pending .code {
    width: 14ch;
    font-size: 20px;
    letter-spacing: 0.3em;
    font-variant-numeric: tabular-nums;
    font-family: ui-monospace, "SF Mono", Menlo, Consolas, monospace;
  }
  .pending-actions {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 4px 14px;
    margin-top: 8px;
    font-size: 13.5px;
    color: var(--_muted);
  }
  .pending-actions .link {
    margin: -8px -6px;
    padding: 0 6px;
    min-height: 36px;
    font-size: 13.5px;
    color: var(--_primary);
  }
  .pending-actions .link:disabled {
    color: var(--_muted);
    text-decoration: none;
    cursor: default;
  }
  .pending .info {
    margin-top: 8px;
    font-size: 13px;
    color: var(--_success);
  }
`;

/** The code entry beside a field whose new value waits for its code; nothing for a field with none. */
export function renderPending(flow: ProfileState, field: FormField): TemplateResult | typeof nothing {
  const change = flow.profile?.pendingChanges?.find((c) => c.field === field.path);
  if (!change) return nothing;
  const root = flow.ctx.host.renderRoot;
  const sheet = pendingStyles.styleSheet;
  if (sheet && root instanceof ShadowRoot && !root.adoptedStyleSheets.includes(sheet)) root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
  const t = flow.ctx.t();
  const p = profileTerms(t);
  const entry = entryOf(flow, change);
  const id = idOf(change);
  const wait = secondsLeft(entry.resendAt);
  const described = [entry.error && `${id}-error`, `${id}-text`].filter(Boolean).join(" ");
  return html`<div class="pending" part="pending" role="group" aria-labelledby="${id}-text">
    <p class="pending-text" id="${id}-text">${p.codeSent(change.target)}</p>
    <p class="pending-note">${p.waitingNote}</p>
    <div class="pending-entry">
      <div>
        <label part="label" for="${id}-code">${p.code}</label>
        <input
          part="input"
          class="code"
          id="${id}-code"
          name="pending-code"
          type="text"
          dir="ltr"
          autocomplete="one-time-code"
          inputmode="numeric"
          maxlength="6"
          .value=${live(entry.code)}
          aria-invalid=${entry.error ? "true" : nothing}
          aria-describedby=${described}
          @input=${(event: Event) => {
            entry.code = (event.target as HTMLInputElement).value;
            if (entry.error && !entry.locked) entry.error = undefined;
          }}
          @keydown=${(event: KeyboardEvent) => {
            // Enter verifies this code; it does not save the form around it.
            if (event.key !== "Enter") return;
            event.preventDefault();
            void verify(flow, change, entry);
          }}
        />
      </div>
      <button
        type="button"
        class="primary ${entry.busy === "verify" ? "busy" : ""}"
        part="button button-primary"
        aria-disabled=${entry.busy || entry.locked ? "true" : "false"}
        @click=${() => !entry.locked && verify(flow, change, entry)}
      >
        ${entry.busy === "verify" ? html`<span class="spinner" aria-hidden="true"></span>${p.verifying}` : p.verify}
      </button>
    </div>
    ${entry.error ? html`<p class="error" part="error" id="${id}-error" role="alert">${entry.error}</p>` : nothing}
    ${entry.info ? html`<p class="info" role="status">${entry.info}</p>` : nothing}
    <div class="pending-actions">
      <span>${p.noCode}</span>
      <button type="button" class="link" part="button" ?disabled=${!!entry.busy || wait > 0} @click=${() => resend(flow, change, entry)}>
        ${entry.busy === "resend" ? p.sending : wait > 0 ? p.resendIn(wait) : p.resend}
      </button>
      <button
        type="button"
        class="link"
        part="button"
        ?disabled=${!!entry.busy}
        @click=${() => cancel(flow, change, entry)}
      >
        ${p.cancel}
      </button>
    </div>
  </div>`;
}
