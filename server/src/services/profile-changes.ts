import { createHash, randomUUID } from "node:crypto";
import type { Kysely } from "kysely";
import type { PendingChange } from "../../../contract/api";
import { errors } from "../errors";
import { maskEmail, maskPhone } from "../mfa/code-method";
import {
  phoneChangedSms,
  codeHashKey,
  generateOtp,
  hashOtp,
  OTP_MAX_ATTEMPTS,
  OTP_TTL_MS,
  otpMessageText,
  resendAvailableAt,
  sendMessage,
  takeSendAllowance,
} from "../mfa/one-time-codes";
import type { Notifier, Notifiers } from "../notify/types";
import type { VerifyKind } from "../profile-schema/definition";
import type { Store } from "../store/db";
import {
  consumeProfileChange,
  deleteFieldChange,
  deleteProfileChange,
  findProfileChange,
  findUserWithOpenChanges,
  listOpenProfileChanges,
  type OpenChangeRow,
  recordWrongChangeCode,
  replaceChangeCode,
  replaceProfileChange,
  type ProfileChangeRow,
} from "../store/profile-changes";
import type { Engine } from "../store/migrations";
import type { Database } from "../store/schema";
import { insertAuditEvent, type UserRow } from "../store/users";
import type { ChangeVerdict, PendingChanges } from "./profile";

/** Which channel each kind of address is reached through. */
const CHANNEL: Record<VerifyKind, "email" | "sms"> = { email: "email", phone: "sms" };
const maskOf = (kind: VerifyKind, value: string) => (kind === "email" ? maskEmail(value) : maskPhone(value));

/**
 * Verified address changes: a new email address or phone number waits in `profile_changes` for the 6-digit code sent
 * to it. The code machinery is the delivered devices' (mfa/one-time-codes.ts): a keyed hash bound to the change's id,
 * a 10-minute life, five tries, send limits in the database (per user and field, and per user across every kind of
 * code), consumed by one conditional UPDATE.
 */
export class ProfileChanges implements PendingChanges {
  constructor(
    private readonly store: Pick<Store, "transact">,
    private readonly options: {
      secretsKey: Buffer;
      notifiers: Notifiers;
      /** The product's name in messages (WEBAUTHN_RP_NAME), as the devices' codes say it. */
      appName: string;
      now?: () => Date;
      log?: (entry: Record<string, unknown>) => void;
    },
  ) {}

  private now(): Date {
    return this.options.now?.() ?? new Date();
  }

  private notifier(kind: VerifyKind): Notifier {
    const notifier = this.options.notifiers[CHANNEL[kind]];
    if (!notifier) throw errors.verificationUnavailable(CHANNEL[kind]);
    return notifier;
  }

  private hash(id: string, code: string): string {
    return hashOtp(codeHashKey(this.options.secretsKey), id, code);
  }

  /**
   * Every code counts against the limits of the address it goes to (a typo corrected at once goes to another one) and
   * against the user's, which every kind of code shares.
   */
  private takeSendAllowance(trx: Kysely<Database>, userId: string, field: string, value: string): Promise<void> {
    const to = createHash("sha256").update(`${field}\n${value}`).digest("hex").slice(0, 32);
    return takeSendAllowance(trx, `otp:profile:${userId}:${to}`, userId, this.now());
  }

  private send(kind: VerifyKind, to: string, code: string): Promise<void> {
    const channel = CHANNEL[kind];
    const text = otpMessageText(this.options.appName, code, channel, "verify_address");
    return sendMessage(
      this.notifier(kind),
      channel,
      { to, code, subject: text.subject, text: channel === "sms" ? text.sms : text.email, purpose: "verify_address" },
      this.options.log,
    );
  }

  private pending(row: Pick<ProfileChangeRow, "id" | "field" | "kind" | "value" | "expires_at">): PendingChange {
    return { id: row.id, field: row.field, target: maskOf(row.kind, row.value), expiresAt: row.expires_at };
  }

  async open(
    trx: Kysely<Database>,
    change: { userId: string; field: string; kind: VerifyKind; value: string; now: string },
  ): Promise<{ change: PendingChange; deliver: () => Promise<void> }> {
    this.notifier(change.kind);
    await this.takeSendAllowance(trx, change.userId, change.field, change.value);
    const id = randomUUID();
    const code = generateOtp();
    const row = {
      id,
      user_id: change.userId,
      field: change.field,
      kind: change.kind,
      value: change.value,
      code_hash: this.hash(id, code),
      expires_at: new Date(Date.parse(change.now) + OTP_TTL_MS).toISOString(),
      attempts: 0,
      consumed: 0,
      sent_at: change.now,
      created_at: change.now,
    };
    await replaceProfileChange(trx, row);
    await insertAuditEvent(trx, { userId: change.userId, action: "profile.change.opened", detail: { changeId: id, field: change.field }, now: change.now });
    const deliver = async () => {
      try {
        await this.send(change.kind, change.value, code);
      } catch (err) {
        // Nothing waits for a code nobody was sent.
        await this.store.transact(async (t) => {
          await deleteProfileChange(t, change.userId, id);
          await insertAuditEvent(t, {
            userId: change.userId,
            action: "profile.change.discarded",
            detail: { changeId: id, field: change.field, reason: "delivery_failed" },
            now: this.now().toISOString(),
          });
        });
        throw err;
      }
    };
    return { change: this.pending(row), deliver };
  }

  async drop(trx: Kysely<Database>, userId: string, field: string): Promise<void> {
    await deleteFieldChange(trx, userId, field);
  }

  async list(db: Kysely<Database>, userId: string, now: string): Promise<PendingChange[]> {
    return (await listOpenProfileChanges(db, userId, now, OTP_MAX_ATTEMPTS)).map((row) => this.pending(row));
  }

  fromRows(rows: OpenChangeRow[]): PendingChange[] {
    return rows.map((row) => this.pending(row));
  }

  async withUser(db: Kysely<Database>, engine: Engine, subject: string, now: string): Promise<{ user: UserRow; pending: PendingChange[] } | undefined> {
    const found = await findUserWithOpenChanges(db, engine, subject, now, OTP_MAX_ATTEMPTS);
    return found && { user: found.user, pending: found.changes.map((row) => this.pending(row)) };
  }

  async consume(trx: Kysely<Database>, userId: string, id: string, otp: string, now: string): Promise<ChangeVerdict> {
    if (await consumeProfileChange(trx, userId, id, this.hash(id, otp), now, OTP_MAX_ATTEMPTS)) {
      const row = await findProfileChange(trx, userId, id);
      if (!row) throw new Error("profile change missing after its code was consumed");
      await deleteProfileChange(trx, userId, id);
      await insertAuditEvent(trx, { userId, action: "profile.change.verified", detail: { changeId: id, field: row.field }, now });
      return { ok: true, field: row.field, kind: row.kind, value: row.value };
    }
    const row = await findProfileChange(trx, userId, id);
    if (!row || row.consumed === 1) return { ok: false, error: "gone" };
    if (row.attempts >= OTP_MAX_ATTEMPTS) return { ok: false, error: "locked" };
    if (row.expires_at <= now) return { ok: false, error: "expired" };
    const used = await recordWrongChangeCode(trx, id, OTP_MAX_ATTEMPTS);
    await insertAuditEvent(trx, { userId, action: "profile.change.code_rejected", detail: { changeId: id, field: row.field, attempts: used }, now });
    return used >= OTP_MAX_ATTEMPTS ? { ok: false, error: "locked" } : { ok: false, error: "wrong", attemptsRemaining: OTP_MAX_ATTEMPTS - used };
  }

  async resend(trx: Kysely<Database>, userId: string, id: string): Promise<{ change: PendingChange; resendAvailableAt: string; deliver: () => Promise<void> }> {
    const row = await findProfileChange(trx, userId, id);
    if (!row || row.consumed === 1) throw errors.notFound();
    if (row.attempts >= OTP_MAX_ATTEMPTS) throw errors.changeLocked();
    this.notifier(row.kind);
    await this.takeSendAllowance(trx, userId, row.field, row.value);
    const now = this.now();
    const code = generateOtp();
    const expiresAt = new Date(now.getTime() + OTP_TTL_MS).toISOString();
    await replaceChangeCode(trx, id, { codeHash: this.hash(id, code), expiresAt, sentAt: now.toISOString() });
    await insertAuditEvent(trx, { userId, action: "profile.change.code_sent", detail: { changeId: id, field: row.field }, now: now.toISOString() });
    return {
      change: this.pending({ ...row, expires_at: expiresAt }),
      resendAvailableAt: resendAvailableAt(now),
      deliver: () => this.send(row.kind, row.value, code),
    };
  }

  async cancel(trx: Kysely<Database>, userId: string, id: string): Promise<void> {
    const row = await findProfileChange(trx, userId, id);
    if (!row || !(await deleteProfileChange(trx, userId, id))) throw errors.notFound();
    await insertAuditEvent(trx, { userId, action: "profile.change.cancelled", detail: { changeId: id, field: row.field }, now: this.now().toISOString() });
  }

  async noticeApplied(applied: { previous: string; value: string; at: Date }): Promise<void> {
    const notifier = this.options.notifiers.sms;
    if (!notifier) {
      this.options.log?.({ level: "warn", msg: "address change notice not sent", channel: "sms", reason: "no notifier" });
      return;
    }
    const text = phoneChangedSms(this.options.appName, maskPhone(applied.value), applied.at);
    try {
      await sendMessage(notifier, "sms", { to: applied.previous, subject: "", text, purpose: "address_changed" }, this.options.log);
    } catch (err) {
      // The change stands: the notice is a courtesy to the old number, not a condition of the change.
      this.options.log?.({ level: "warn", msg: "address change notice not sent", channel: "sms", error: err instanceof Error ? err.message : String(err) });
    }
  }
}
