import { html, nothing, type ReactiveController, type TemplateResult } from "lit";
import type { ActivityDetail, ActivityEvent, ActivityPage, ActivityType, ProfileExport } from "../../../../contract/api.js";
import { DEFAULT_NICKNAMES } from "../../../../contract/rules.js";
import { ApiError } from "../../api/client.js";
import { safeUrl } from "../../branding.js";
import { emit } from "../../events.js";
import en, { type ActivityTranslation } from "../../i18n/activity/en.js";
import { loadActivityTranslation } from "../../i18n/activity/index.js";
import { icon, type IconName } from "../icons.js";
import { adoptStyles, formatAgo, joined, saveFile } from "../screen.js";
import { screenStyles } from "../screen.styles.js";
import { errorText, expectUser, renderNotice, SIGNED_OUT_CODES, type FlowContext } from "../shared.js";
import { activityStyles } from "./activity.styles.js";
import { fieldTitle, type JsonSchema } from "./field-titles.js";

/**
 * The person's recent security activity (GET /api/activity), newest first, a page at a time; "Wasn't you?"; and
 * "Download my data" (GET /api/profile/export). `data-flow="activity"` shows it on its own; the device list opens it
 * inside the devices flow, with a way back. A chunk of its own, with its strings (i18n/activity/) and styles.
 */

/** Events per page. */
export const PAGE_SIZE = 20;

/** What went wrong, or was refused: drawn with a warning icon, their titles say so. */
const WARNINGS = new Set<ActivityType>(["profile.change.code_rejected", "mfa.device.code_rejected", "mfa.verification.failed"]);

/** The server's reasons, as the table words them. */
const REASONS: Record<string, keyof ActivityTranslation["reasons"]> = {
  wrong_proof: "wrong_proof",
  expired: "expired",
  user_locked: "locked",
  challenge_locked: "locked",
  too_many_attempts: "locked",
  delivery_failed: "delivery_failed",
  device_gone: "device_gone",
};

/** The file the export is saved as when the server names none. */
export const EXPORT_FILE = "profile-export.json";

/**
 * The file name a Content-Disposition header gives (RFC 6266: `filename*=UTF-8''…` first, then `filename="…"`),
 * without any folder or control character; `profile-export.json` when it gives none.
 */
export function downloadName(disposition: string | null): string {
  const header = disposition ?? "";
  const extended = /filename\*\s*=\s*utf-8''([^;\s]+)/i.exec(header)?.[1];
  const plain = /filename\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^;\s]+))/i.exec(header);
  const quoted = plain?.[1]?.replace(/\\(.)/g, "$1") ?? plain?.[2] ?? "";
  let name: string;
  try {
    name = extended ? decodeURIComponent(extended) : quoted;
  } catch {
    name = quoted;
  }
  // eslint-disable-next-line no-control-regex -- control characters are what is removed
  name = (name.split(/[\\/]/).pop() ?? "").replace(/[\u0000-\u001f\u007f]/g, "").trim();
  return name && !/^\.+$/.test(name) ? name : EXPORT_FILE;
}

export interface ActivityOptions {
  /** Where events say they come from: `activity` on its own, `devices` inside the devices flow. */
  flow: "activity" | "devices";
  /** Inside the devices flow: the way back to the device list. */
  back?: { label: string; run: () => void };
}

export class ActivityFlow implements ReactiveController {
  t: ActivityTranslation = en;
  events: ActivityEvent[] = [];
  /** The cursor of the next page; null at the end. */
  next: string | null = null;
  /** The first page: on its way, shown, or failed (`failure` says why). */
  status: "loading" | "ready" | "failed" = "loading";
  failure = "";
  /** "Show more" is on its way; `moreFailure`, why the last one failed. */
  loadingMore = false;
  moreFailure = "";
  /** "Download my data" is on its way; `exportFailure`, why the last one failed. */
  exporting = false;
  exportFailure = "";
  /** The profile schema, for the fields' titles (null: the built-in fields' terms, the others' paths). */
  private schema: JsonSchema | null = null;
  /** Each load counts up: the answers of an older one are dropped. */
  private run = 0;
  /** The language of the strings loaded or on their way. */
  private lang = "";
  /** After "Show more": the first new event takes focus (its index), so the keyboard carries on from there. */
  private focusEvent = -1;

  constructor(
    readonly ctx: FlowContext,
    readonly options: ActivityOptions = { flow: "activity" },
  ) {
    ctx.host.addController(this);
    // The screen's styles join the widget's only now, so neither the profile flow nor the devices flow downloads them.
    adoptStyles(ctx, screenStyles, activityStyles);
  }

  /** The widget's language changed (or this is the first render): the screen's strings follow, from their chunk. */
  hostUpdate(): void {
    if (this.ctx.t().lang !== this.lang) void this.localize();
  }

  hostUpdated(): void {
    if (this.focusEvent < 0) return;
    const root = this.ctx.host.renderRoot as ShadowRoot;
    const items = root.querySelectorAll<HTMLElement>(".events > li");
    (items[this.focusEvent] ?? items[items.length - 1])?.focus();
    this.focusEvent = -1;
  }

  private update(): void {
    this.ctx.host.requestUpdate();
  }

  /** Loads the strings of the widget's language (English is in this chunk); a newer language's win. */
  async localize(): Promise<void> {
    const lang = (this.lang = this.ctx.t().lang);
    const t = await loadActivityTranslation(lang);
    if (lang !== this.lang) return;
    this.t = t;
    this.update();
  }

  /**
   * (Re)loads the screen: its strings, the profile schema and the first page. With `expectedUsername` (the host's
   * `data-username`) the session's user is looked up too, and a different one throws `username_mismatch`, as do the
   * other failures of that look-up, for the widget to show full-card. The first page's own failure is shown on the
   * screen, with "Try again".
   */
  async load(expectedUsername = ""): Promise<void> {
    const run = ++this.run;
    this.status = "loading";
    this.events = [];
    this.next = null;
    this.failure = this.moreFailure = this.exportFailure = "";
    this.update();
    const first = this.page();
    const schema = this.ctx.api<JsonSchema>("/api/profile/schema").then(
      ({ data }) => data,
      () => null,
    );
    first.catch(() => {});
    const user = expectedUsername
      ? this.ctx.api<{ username: string }>("/api/profile").then(({ data }) => expectUser(data.username, expectedUsername))
      : undefined;
    await Promise.all([this.localize(), user]);
    void this.settle(run, first, schema);
  }

  private async settle(run: number, first: Promise<ActivityPage>, schema: Promise<JsonSchema | null>): Promise<void> {
    try {
      const [page, fields] = await Promise.all([first, schema]);
      if (run !== this.run) return;
      this.schema = fields;
      this.events = page.events;
      this.next = page.next;
      this.status = "ready";
    } catch (error) {
      if (run !== this.run) return;
      this.failure = this.report(error);
      this.status = "failed";
    }
    this.update();
  }

  private async page(before?: string): Promise<ActivityPage> {
    const query = new URLSearchParams({ limit: String(PAGE_SIZE) });
    if (before) query.set("before", before);
    return (await this.ctx.api<ActivityPage>(`/api/activity?${query}`)).data;
  }

  /**
   * Tells the host what failed and answers the words to show; a session that ended instead hands the widget to its
   * signed-out state (a dropped request, to nobody).
   */
  private report(error: unknown): string {
    if ((error as Error | undefined)?.name === "AbortError") return "";
    const { code } = error instanceof ApiError ? error : new ApiError(0, "unknown", String(error));
    if (SIGNED_OUT_CODES.has(code)) {
      this.ctx.signedOut(error);
      return "";
    }
    const message = errorText(this.ctx.t(), code);
    emit(this.ctx.host, "profile-widget-error", { flow: this.options.flow, code, message });
    return message;
  }

  /** Appends the next page; focus moves to its first event. */
  showMore = async (): Promise<void> => {
    if (this.loadingMore || !this.next) return;
    const run = this.run;
    this.loadingMore = true;
    this.moreFailure = "";
    this.update();
    try {
      const page = await this.page(this.next);
      if (run !== this.run) return;
      const known = new Set(this.events.map((event) => event.id));
      this.focusEvent = this.events.length;
      this.events = [...this.events, ...page.events.filter((event) => !known.has(event.id))];
      this.next = page.next;
    } catch (error) {
      if (run === this.run) this.moreFailure = this.report(error);
    } finally {
      if (run === this.run) this.loadingMore = false;
      this.update();
    }
  };

  /** Fetches the export (the token is a header, so no plain link can) and saves it under the server's file name. */
  download = async (): Promise<void> => {
    if (this.exporting) return;
    this.exporting = true;
    this.exportFailure = "";
    this.update();
    try {
      const { data, headers } = await this.ctx.api<ProfileExport>("/api/profile/export");
      saveFile(`${JSON.stringify(data, null, 2)}\n`, downloadName(headers.get("Content-Disposition")), "application/json");
    } catch (error) {
      this.exportFailure = this.report(error);
    } finally {
      this.exporting = false;
      this.update();
    }
  };

  // ——— What an event says ———

  /** Its title: its type's, or, for a verification, how and why it was done. */
  title(event: ActivityEvent): string {
    const { t } = this;
    const { method, purpose } = event.detail;
    if (event.type === "mfa.verification.succeeded") {
      const recovery = method === "recovery_code";
      if (purpose === "step_up") return recovery ? t.recoveryStepUp : t.stepUp;
      if (recovery) return t.recoverySignIn;
    }
    // A type a newer server added: its name, rather than nothing.
    return t.events[event.type] ?? event.type;
  }

  /** What it concerns: the device (its name, and its type when the name doesn't say it), the fields, why it failed. */
  about(event: ActivityEvent): TemplateResult[] {
    const { t } = this;
    const { device, fields, field, method, reason } = event.detail;
    const parts: TemplateResult[] = [];
    if (device) parts.push(...this.device(device));
    else if (method === "recovery_code" && event.type === "mfa.verification.failed") parts.push(html`${t.recoveryCode}`);
    const titles = (fields ?? (field ? [field] : [])).map((path) => fieldTitle(path, this.schema, this.ctx.t()));
    if (titles.length) parts.push(html`${this.list(titles)}`);
    const why = reason ? REASONS[reason] : undefined;
    if (why) parts.push(html`${t.reasons[why]}`);
    return parts;
  }

  private device(device: NonNullable<ActivityDetail["device"]>): TemplateResult[] {
    const { t } = this;
    const type = t.types[device.type];
    // A device nobody named is shown under its type's name in the person's language, as the device list does.
    const name = !device.nickname ? "" : device.nickname === DEFAULT_NICKNAMES[device.type] ? t.nicknames[device.type] : device.nickname;
    const parts = name ? [html`<bdi>${name}</bdi>`] : [];
    if (type.toLocaleLowerCase() !== name.toLocaleLowerCase()) parts.push(html`${type}`);
    return parts;
  }

  /** "First name, Last name and City", in the language's own way. */
  private list(items: string[]): string {
    try {
      return new Intl.ListFormat(this.ctx.locale(), { type: "conjunction" }).format(items);
    } catch {
      return items.join(", ");
    }
  }

  /** When (how long ago; the date and time in full as its tooltip) and where from: "Chrome on Linux · 127.0.0.1". */
  meta(event: ActivityEvent): TemplateResult[] {
    const { t } = this;
    const locale = this.ctx.locale();
    const { browser, os } = event.userAgent;
    let full = event.at;
    try {
      full = new Intl.DateTimeFormat(locale, { dateStyle: "full", timeStyle: "short" }).format(new Date(event.at));
    } catch {
      // Shown as the server wrote it.
    }
    const parts = [html`<time datetime=${event.at} title=${full}>${formatAgo(event.at, locale) || t.justNow}</time>`];
    const client = browser && os ? t.browserOn(browser, os) : (browser ?? os);
    if (client) parts.push(html`${client}`);
    if (event.ip) parts.push(html`<bdi dir="ltr">${event.ip}</bdi>`);
    return parts;
  }

  // ——— The screen ———

  render(): TemplateResult {
    const { t, options } = this;
    return html`<section class="screen screen-activity" part="screen">
      ${options.back
        ? html`<button type="button" class="back" part="button back" @click=${options.back.run}>${icon("back")}${options.back.label}</button>`
        : nothing}
      <div class="screen-head">
        <div class="screen-titles">
          <h3 class="screen-title" part="screen-heading" id="pw-screen-title" tabindex="-1">${t.title}</h3>
          <p class="screen-text">${t.intro}</p>
        </div>
      </div>
      ${this.renderEvents()} ${this.status === "ready" ? this.renderNotYou() : nothing} ${this.renderData()}
    </section>`;
  }

  private renderEvents() {
    const { t } = this;
    if (this.status === "loading") {
      return html`<p class="sr-only" role="status">${t.loading}</p>
        <div class="events skeleton" aria-hidden="true">
          ${[1, 2, 3].map(
            () =>
              html`<span class="event">
                <span class="bone square"></span>
                <span class="event-main"><span class="bone line"></span><span class="bone line short"></span></span>
              </span>`,
          )}
        </div>`;
    }
    if (this.status === "failed") {
      return html`<div class="live" role="status">
        ${renderNotice(
          { tone: "error", text: [t.loadFailed, this.failure].filter(Boolean).join(" ") },
          html`<button type="button" class="link" part="button" @click=${() => this.load()}>${this.ctx.t().tryAgain}</button>`,
        )}
      </div>`;
    }
    if (!this.events.length) {
      return html`<div class="empty" part="empty">
        <span class="tile" aria-hidden="true">${icon("clock")}</span>
        <p class="empty-title">${t.empty}</p>
        <p class="empty-text">${t.emptyText}</p>
      </div>`;
    }
    return html`<ol class="events" part="activity-list" aria-label=${t.listLabel}>
        ${this.events.map((event) => this.renderEvent(event))}
      </ol>
      ${this.next
        ? html`<button
            type="button"
            class="secondary more ${this.loadingMore ? "busy" : ""}"
            part="button show-more"
            aria-disabled=${this.loadingMore ? "true" : "false"}
            @click=${this.showMore}
          >
            ${this.loadingMore ? html`<span class="spinner" aria-hidden="true"></span>${t.loadingMore}` : t.showMore}
          </button>`
        : nothing}
      <div class="live" role="status">${this.moreFailure ? renderNotice({ tone: "error", text: this.moreFailure }) : nothing}</div>`;
  }

  private renderEvent(event: ActivityEvent) {
    const warning = WARNINGS.has(event.type);
    const about = this.about(event);
    return html`<li class="event ${warning ? "warning" : ""}" part="activity-event" tabindex="-1">
      <span class="tile" aria-hidden="true">${icon(iconOf(event, warning))}</span>
      <span class="event-main">
        <span class="event-title">${this.title(event)}</span>
        ${about.length ? html`<span class="event-about">${joined(about)}</span>` : nothing}
        <span class="event-meta">${joined(this.meta(event))}</span>
      </span>
    </li>`;
  }

  /** "Wasn't you?": a link to the host's help page (`data-help-url`, held to the logo's rule), else what to do. */
  private renderNotYou() {
    const { t } = this;
    // Read where it is used (no property of the element's): it matters on this screen alone.
    const help = safeUrl(this.ctx.host.getAttribute("data-help-url"), document.baseURI, location.origin);
    return html`<p class="not-you" part="message">
      ${icon("shield")}
      <span
        >${t.notYou}
        ${help
          ? html`<a href=${help} target="_blank" rel="noopener noreferrer"
              >${t.getHelp}<span class="sr-only"> ${t.newTab}</span></a
            >`
          : t.notYouAdvice}</span
      >
    </p>`;
  }

  /** "Your data": what the export holds, and the button that saves it (busy meanwhile, focus kept on it). */
  private renderData() {
    const { t } = this;
    return html`<div class="data" part="data-export">
      <div>
        <h4 class="data-title">${t.dataTitle}</h4>
        <p class="data-text">${t.dataText}</p>
      </div>
      <button
        type="button"
        class="secondary ${this.exporting ? "busy" : ""}"
        part="button"
        aria-disabled=${this.exporting ? "true" : "false"}
        @click=${this.download}
      >
        ${this.exporting ? html`<span class="spinner" aria-hidden="true"></span>${t.downloading}` : html`${icon("download")}${t.download}`}
      </button>
      <div class="live" role="status">
        ${this.exportFailure ? renderNotice({ tone: "error", text: `${t.downloadFailed} ${this.exportFailure}` }) : nothing}
      </div>
    </div>`;
  }
}

/** An event's icon: a warning for what failed; else the device's type, the person, recovery codes, or the shield. */
function iconOf(event: ActivityEvent, warning: boolean): IconName {
  const { type, detail } = event;
  if (warning) return "alert";
  if (detail.device) return detail.device.type;
  if (type === "user.created" || type.startsWith("profile.")) return "user";
  if (type.startsWith("mfa.recovery_codes.") || detail.method === "recovery_code") return "key";
  return "shield";
}
