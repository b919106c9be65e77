import { randomUUID } from "node:crypto";
import type { Kysely } from "kysely";
import { sendingFor } from "../demo/inbox";
import type { ProfileDefinition } from "../profile-schema/definition";
import { valueAt } from "../profile-schema/validate";
import { securityNoticeMessage, type SecurityNoticeItem } from "../notify/security-text";
import type { Notifier } from "../notify/types";
import type { Store } from "../store/db";
import type { Database } from "../store/schema";
import {
  claimNotices,
  dueRecipients,
  insertSecurityNotice,
  markNoticesFailed,
  markNoticesSent,
  pruneNotices,
} from "../store/security-notices";
import { profileDocumentOf } from "../store/users";

/** What a notice says: one change, without its time (the time it is queued). */
export type NoticeItem = Omit<SecurityNoticeItem, "at">;

/** Changes closer together than this, from the first, go out as one message. */
export const NOTICE_BURST_MS = 60_000;
/** Tries of one message before it is given up; the waits between them double from 30 s, to at most an hour. */
export const NOTICE_MAX_ATTEMPTS = 10;
const retryDelayMs = (attempt: number) => Math.min(30_000 * 2 ** (attempt - 1), 3_600_000);
/** How long one run may take to send a message before another server may take it over. */
const CLAIM_MS = 5 * 60_000;
/** Sent and given-up notices are kept this long (for the operator to look into), then deleted. */
const NOTICE_KEEP_MS = 30 * 86_400_000;

/**
 * The account's email address, where notices go: the profile's field verified as an email address (`x-profile.verify:
 * "email"`; the built-in `email`), else a field named `email`.
 */
export function accountEmailField(definition: ProfileDefinition): string | null {
  const fields = [...definition.byPath.values()];
  return fields.find((f) => f.verify === "email")?.path ?? (definition.byPath.has("email") ? "email" : null);
}

/** The profile's phone numbers that count as the account's: fields verified as phones, else a field named `phone`. */
export function accountPhoneFields(definition: ProfileDefinition): string[] {
  const verified = [...definition.byPath.values()].filter((f) => f.verify === "phone").map((f) => f.path);
  return verified.length > 0 ? verified : definition.byPath.has("phone") ? ["phone"] : [];
}

/**
 * Queues security notices (SECURITY_NOTIFICATIONS) inside the transaction of the change they tell of: a change that
 * commits always has its notice, one that rolls back never does. Sending is NoticeDispatcher's, after the burst.
 */
export class SecurityNotices {
  constructor(
    private readonly options: {
      /** SECURITY_NOTIFICATIONS. */
      on: boolean;
      /** Whether an email channel (SMTP, the demo outbox) exists to send them by. */
      email: boolean;
      /** The profile field that holds the account's email address. */
      emailField: string | null;
      burstMs?: number;
      now?: () => Date;
    },
  ) {}

  /** SECURITY_NOTIFICATIONS: also whether the old phone number is texted when a new one is confirmed. */
  get on(): boolean {
    return this.options.on;
  }

  /** Whether notices are queued at all: turned on, an email channel, and a profile field holding the address. */
  get enabled(): boolean {
    return this.options.on && this.options.email && this.options.emailField !== null;
  }

  get emailField(): string | null {
    return this.options.emailField;
  }

  /**
   * Queues `item` for the user's account email (or `recipient`, the old address of an email change); nothing when
   * notices are off or there is no address to write to.
   */
  async queue(trx: Kysely<Database>, userId: string, item: NoticeItem, recipient?: string | null): Promise<void> {
    if (!this.enabled) return;
    let to = recipient;
    if (to === undefined) {
      const row = await trx.selectFrom("users").select("profile").where("id", "=", userId).executeTakeFirst();
      const value = row ? valueAt(profileDocumentOf(row), this.options.emailField!) : undefined;
      to = typeof value === "string" ? value : null;
    }
    if (!to) return;
    const now = this.options.now?.() ?? new Date();
    await insertSecurityNotice(trx, {
      userId,
      recipient: to,
      kind: item.kind,
      detail: { ...(item.device ? { device: item.device } : {}), ...(item.newTarget ? { newTarget: item.newTarget } : {}), ...(item.remaining !== undefined ? { remaining: item.remaining } : {}) },
      now: now.toISOString(),
      dueAt: new Date(now.getTime() + (this.options.burstMs ?? NOTICE_BURST_MS)).toISOString(),
    });
  }
}

/**
 * Sends the queued notices that are due: all pending ones of a recipient as one message, in the person's language
 * (users.locale). Several servers may run it at once: each message is claimed by one conditional UPDATE. A failed
 * delivery is tried again later; it never reaches the change that caused it, which committed long before.
 */
export class NoticeDispatcher {
  constructor(
    private readonly store: Pick<Store, "db" | "transact">,
    private readonly options: {
      email: Notifier;
      appName: string;
      now?: () => Date;
      log?: (entry: Record<string, unknown>) => void;
    },
  ) {}

  private now(): Date {
    return this.options.now?.() ?? new Date();
  }

  /** One pass over what is due; returns how many messages went out. */
  async runOnce(): Promise<number> {
    let sent = 0;
    for (;;) {
      const now = this.now();
      const due = await dueRecipients(this.store.db, now.toISOString(), 20);
      if (due.length === 0) return sent;
      let progressed = false;
      for (const target of due) {
        const outcome = await this.sendTo(target.user_id, target.recipient);
        if (outcome !== "skipped") progressed = true;
        if (outcome === "sent") sent += 1;
      }
      // What another server claimed meanwhile is its to send.
      if (!progressed) return sent;
    }
  }

  private async sendTo(userId: string, recipient: string): Promise<"sent" | "failed" | "skipped"> {
    const now = this.now();
    const claim = randomUUID();
    const db = this.store.db;
    const notices = await claimNotices(db, { userId, recipient }, { id: claim, now: now.toISOString(), until: new Date(now.getTime() + CLAIM_MS).toISOString() });
    if (notices.length === 0) return "skipped";
    const user = await db.selectFrom("users").select(["subject", "locale"]).where("id", "=", userId).executeTakeFirst();
    const items = notices.map((n) => ({ ...(JSON.parse(n.detail) as NoticeItem), kind: n.kind as NoticeItem["kind"], at: n.created_at }));
    const message = securityNoticeMessage({ language: user?.locale ?? null, appName: this.options.appName, items });
    try {
      await sendingFor(user?.subject ?? null, () =>
        this.options.email.send({ to: recipient, subject: message.subject, text: message.text, purpose: "security_notice" }),
      );
    } catch (err) {
      const attempt = Math.max(...notices.map((n) => n.attempts)) + 1;
      const retryAt = attempt < NOTICE_MAX_ATTEMPTS ? new Date(now.getTime() + retryDelayMs(attempt)).toISOString() : null;
      const error = err instanceof Error ? err.message : String(err);
      await markNoticesFailed(db, claim, { error, retryAt });
      this.options.log?.({ level: retryAt ? "warn" : "error", msg: retryAt ? "security notice not sent: will retry" : "security notice given up", userId, attempt, retryAt, error });
      return "failed";
    }
    await markNoticesSent(db, claim, this.now().toISOString());
    this.options.log?.({ msg: "security notice sent", userId, notices: notices.length, language: message.language });
    return "sent";
  }

  /** Deletes notices sent or given up more than 30 days ago. */
  prune(): Promise<number> {
    return pruneNotices(this.store.db, new Date(this.now().getTime() - NOTICE_KEEP_MS).toISOString());
  }
}
