import { html, noChange, nothing, type ReactiveControllerHost, type TemplateResult } from "lit";
import { Directive, directive, type Part, type PropertyPart } from "lit/directive.js";
import { ApiError, type ApiRequest, type ApiResponse } from "../api/client.js";
import type { ErrorCode, Translation } from "../i18n/en.js";

/** What the profile flow and the devices flow share: the element's loan to them, sign-in rules, notices. */

/**
 * `.value=${live(x)}` / `.checked=${live(x)}`: sets the control's property whenever it differs from `x`, as the control
 * is now (what the person typed), not as it was last rendered. Lit's `live` does the same for every kind of binding;
 * the fields only bind properties, and this one is about 100 B minified in the entry (which every flow loads first),
 * against 1.9 KB for Lit's with the helpers it imports.
 */
class Live extends Directive {
  render(value: unknown): unknown {
    return value;
  }
  override update(part: Part, [value]: [unknown]): unknown {
    const { element, name } = part as PropertyPart;
    const control = element as unknown as Record<string, unknown>;
    if (control[name] !== value) control[name] = value;
    return noChange;
  }
}
export const live = directive(Live);

/** Errors only a new token can fix: the widget waits for one, then reloads or resubmits. */
export const SIGN_IN_CODES = new Set(["session_missing", "session_invalid", "session_expired", "reauthentication_required"]);

/** Errors that mean the person is signed out: the flow's screens (and the person's data) leave the page. */
export const SIGNED_OUT_CODES = new Set(["session_missing", "session_invalid", "session_expired"]);

/** What the widget lends a flow's controller: its element, its one API wrapper, its strings and its pending change. */
export interface FlowContext {
  host: ReactiveControllerHost & HTMLElement & { renderRoot: HTMLElement | DocumentFragment };
  api<T>(path: string, init?: ApiRequest): Promise<ApiResponse<T>>;
  /** The widget's shared strings (sessions, network), in the current language. */
  t(): Translation;
  /** The locale for Intl (country names, dates). */
  locale(): string;
  /** The one change, of either flow, that waits for a fresh sign-in. */
  pending: PendingChange;
  /** Whether the person can confirm it's them with a device instead of signing in again (an active device). */
  canConfirm(): Promise<boolean>;
  /** Verifies one of the person's devices in place of the flow; on success the pending change is resubmitted. */
  confirm(): void;
  /**
   * The session ended (a `SIGNED_OUT_CODES` answer): the widget shows the signed-out state a fresh load shows, with
   * none of the person's data on the page, and reports it; `kept` when a change waits for the next sign-in. A new
   * token of the same person brings the flow back where it was.
   */
  signedOut(error: unknown, kept?: boolean): void;
  /** "Sign in again": tells the host once more (`profile-widget-error` with `code`) that a fresh sign-in is needed. */
  signIn(code: string): void;
}

/**
 * A change the server refused until the person signs in again (a profile save, a device removal, turning MFA off, a
 * device add): run once with the next token, or by `retry()`.
 */
export class PendingChange {
  private run?: () => Promise<void>;

  /** Keeps `run` when `code` is one a fresh sign-in fixes; answers whether it did. */
  keepFor(code: string, run: () => Promise<void>): boolean {
    if (!SIGN_IN_CODES.has(code)) return false;
    this.run = run;
    return true;
  }

  /** Whether a change waits. */
  get waiting(): boolean {
    return !!this.run;
  }

  /** Forgets the change (the person left it, or the widget starts over). */
  drop(): void {
    this.run = undefined;
  }

  /** Runs the change, once; answers whether there was one. */
  resume(): boolean {
    const run = this.run;
    this.run = undefined;
    void run?.();
    return !!run;
  }
}

/** Throws `username_mismatch` (shown full-card) when the session's user is not the `expected` one. */
export function expectUser(username: string, expected: string | undefined): void {
  if (username !== expected) throw new ApiError(0, "username_mismatch", "The session belongs to another user");
}

/** The widget's words for an error code; the generic message for a code it does not know. */
export function errorText(t: Translation, code: string): string {
  return t.errors[code as ErrorCode] ?? t.errors.unknown;
}

export interface Notice {
  tone: "success" | "warning" | "error";
  text: string;
}

/** A status message in its tone's colour, with a way out (a button) when `action` is given. */
export function renderNotice(notice: Notice, action: TemplateResult | typeof nothing = nothing): TemplateResult {
  return html`<p class="notice ${notice.tone}" part="message"><span>${notice.text}</span>${action}</p>`;
}
