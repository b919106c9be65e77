import type { Kysely } from "kysely";
import type { PendingChange, Profile } from "../../../contract/api";
import { errors } from "../errors";
import type { ProfileDefinition, VerifyKind } from "../profile-schema/definition";
import {
  changedPaths,
  mergePatch,
  toApiFields,
  validateDocument,
  valueAt,
  withValue,
  type ProfileDocument,
  type Problems,
} from "../profile-schema/validate";
import type { Store } from "../store/db";
import type { Engine } from "../store/migrations";
import type { OpenChangeRow } from "../store/profile-changes";
import { saveProfileIfVersion } from "../store/profile-writes";
import { OTP_MAX_ATTEMPTS } from "../mfa/one-time-codes";
import type { Database } from "../store/schema";
import { findUserBySubject, insertAuditEvent, profileDocumentOf, updateUserIfVersion, type UserRow } from "../store/users";
import { maskEmail, maskPhone } from "../mfa/code-method";
import { hasRecentSignIn } from "./recent-sign-in";
import { accountPhoneFields, type SecurityNotices } from "./security-notices";
import type { Session } from "./session";
import { readForSession, userForSession } from "./users";

export type { Address, Profile } from "../../../contract/api";

export interface VersionedProfile {
  profile: Profile;
  etag: string;
}

/** A merge patch read against the schema (profile-schema/validate.ts readPatch): values normalized, problems found. */
export interface ProfilePatch {
  patch: ProfileDocument;
  problems: Problems;
}

/** What a code for a pending change proves, decided inside the verify's transaction and answered after it commits. */
export type ChangeVerdict =
  | { ok: true; field: string; kind: VerifyKind; value: string }
  | { ok: false; error: "wrong"; attemptsRemaining: number }
  | { ok: false; error: "locked" | "expired" | "gone" };

/** Where verified fields' new values wait for their codes (services/profile-changes.ts). */
export interface PendingChanges {
  /** Inside the profile's transaction: opens (or replaces) the field's change; `deliver` sends its code once that commits. */
  open(
    trx: Kysely<Database>,
    change: { userId: string; field: string; kind: VerifyKind; value: string; now: string },
  ): Promise<{ change: PendingChange; deliver: () => Promise<void> }>;
  /** Closes the field's open change, if any (the field was cleared, so no new address waits). */
  drop(trx: Kysely<Database>, userId: string, field: string): Promise<void>;
  list(db: Kysely<Database>, userId: string, now: string): Promise<PendingChange[]>;
  /** The API's view of open changes read elsewhere (store/profile-writes.ts). */
  fromRows(rows: OpenChangeRow[]): PendingChange[];
  /** The user with this subject and their open changes, in one statement; nothing when there is no such user. */
  withUser(db: Kysely<Database>, engine: Engine, subject: string, now: string): Promise<{ user: UserRow; pending: PendingChange[] } | undefined>;
  /** Checks a code for the user's change `id`; when it fits, the change is closed and its field and value returned. */
  consume(trx: Kysely<Database>, userId: string, id: string, otp: string, now: string): Promise<ChangeVerdict>;
  /** A new code for the user's change `id` (404 for any other id); `deliver` sends it once that commits. */
  resend(trx: Kysely<Database>, userId: string, id: string): Promise<{ change: PendingChange; resendAvailableAt: string; deliver: () => Promise<void> }>;
  /** Cancels the user's change `id` (404 for any other id). */
  cancel(trx: Kysely<Database>, userId: string, id: string): Promise<void>;
  /** After a phone change committed: texts the old number, with the masked new one. Never throws: a lost notice is logged. */
  noticeApplied(applied: { previous: string; value: string; at: Date }): Promise<void>;
}

/** Names the user as well as the version, so one user's ETag never matches another's profile. */
export const etagOf = (row: Pick<UserRow, "id" | "version">) => `"${row.id.slice(0, 8)}.${row.version}"`;

/**
 * Whether an If-Match header value names this version (`*` matches any existing profile). If-Match uses
 * the strong comparison (RFC 9110 §13.1.1): a weak tag `W/"…"` never matches, so it answers 412.
 */
export function ifMatchAccepts(header: string, row: Pick<UserRow, "id" | "version">): boolean {
  const current = etagOf(row);
  return header
    .split(",")
    .map((tag) => tag.trim())
    .some((tag) => tag === "*" || tag === current);
}

/** 422 `validation_failed`: each field's message, and its JSON Schema keyword and parameters. */
function problemsError(problems: Problems) {
  return errors.validationFailed(
    Object.fromEntries(Object.entries(problems).map(([path, p]) => [path, p.message])),
    Object.fromEntries(Object.entries(problems).map(([path, p]) => [path, { keyword: p.keyword, params: p.params }])),
  );
}

/** Rows ProfileService keeps of the users it served last (PostgreSQL): about a kilobyte each. */
const RECENT_ROWS = 10_000;

export class ProfileService {
  /** The newest row this process saw of each recent user, by subject: where a PATCH starts (updatePlainFields). */
  private readonly recent = new Map<string, UserRow>();

  constructor(
    private readonly store: Pick<Store, "db" | "transact" | "engine">,
    private readonly options: {
      reauthMaxAgeSeconds: number;
      definition: ProfileDefinition;
      changes?: PendingChanges;
      /** Security notices: an email or phone change is told to the account's email as it was. */
      notices?: SecurityNotices;
      now?: () => Date;
      log?: (entry: Record<string, unknown>) => void;
    },
  ) {}

  get definition(): ProfileDefinition {
    return this.options.definition;
  }

  private now(): string {
    return (this.options.now?.() ?? new Date()).toISOString();
  }

  private userFor(db: Kysely<Database>, session: Session): Promise<UserRow> {
    return userForSession(db, session, this.now());
  }

  /** The API's view of a row: the schema's fields beside the username, and the changes waiting for a code. */
  async view(db: Kysely<Database>, row: UserRow, doc = profileDocumentOf(row)): Promise<VersionedProfile> {
    return this.present(row, doc, (await this.options.changes?.list(db, row.id, this.now())) ?? []);
  }

  private present(row: UserRow, doc: ProfileDocument, pendingChanges: PendingChange[]): VersionedProfile {
    const profile: Profile = {
      username: row.username,
      ...toApiFields(this.definition, doc),
      updatedAt: row.updated_at,
      pendingChanges,
    };
    return { profile, etag: etagOf(row) };
  }

  /** One statement for a returning user: the row and its open changes together. */
  async getProfile(session: Session): Promise<VersionedProfile> {
    const now = this.now();
    const { user, pending } = await readForSession(this.store, session, now, (db) => this.findWithChanges(db, session.subject, now));
    this.remember(user);
    return this.present(user, profileDocumentOf(user), pending);
  }

  private async findWithChanges(db: Kysely<Database>, subject: string, now: string): Promise<{ user: UserRow; pending: PendingChange[] } | undefined> {
    if (this.options.changes) return this.options.changes.withUser(db, this.store.engine, subject, now);
    const user = await findUserBySubject(db, subject);
    return user && { user, pending: [] };
  }

  /**
   * Applies a merge patch if `ifMatch` names the current version and the merged profile is valid against the schema.
   * A new value for a verified field (`x-profile.verify`) is not applied: it waits for the code sent to it, and the
   * other fields save. Protected fields need a recent sign-in.
   */
  async updateProfile(session: Session, ifMatch: string, input: ProfilePatch): Promise<VersionedProfile> {
    if (this.store.engine === "postgres") {
      const saved = await this.updatePlainFields(session, ifMatch, input);
      if (saved) return saved;
    }
    const deliveries: Array<() => Promise<void>> = [];
    const result = await this.store.transact(async (trx) => {
      const row = await this.userFor(trx, session);
      const { stored, merged, changed } = this.patched(row, ifMatch, input);
      if (changed.length === 0) return this.view(trx, row, stored);
      const now = this.now();
      if (
        changed.some((path) => this.definition.byPath.get(path)?.protected) &&
        !(await hasRecentSignIn(trx, row.id, session, this.options.reauthMaxAgeSeconds, new Date(now)))
      ) {
        throw errors.reauthenticationRequired();
      }

      // A new address waits for its code; clearing one is not a new address, so it applies at once.
      let next = merged;
      const applied: string[] = [];
      for (const path of changed) {
        const field = this.definition.byPath.get(path);
        const value = valueAt(merged, path);
        if (field?.verify && this.options.changes && typeof value === "string") {
          const opened = await this.options.changes.open(trx, { userId: row.id, field: path, kind: field.verify, value, now });
          deliveries.push(opened.deliver);
          next = withValue(next, path, valueAt(stored, path));
        } else {
          if (field?.verify) await this.options.changes?.drop(trx, row.id, path);
          applied.push(path);
        }
      }
      if (applied.length === 0) return this.view(trx, row, stored);
      return this.write(trx, row, next, applied, now);
    });
    // Every code is sent even if one fails; each failed one's change is gone, and the first failure is the answer.
    const sent = await Promise.allSettled(deliveries.map((deliver) => deliver()));
    const failed = sent.find((outcome) => outcome.status === "rejected");
    if (failed) throw failed.reason;
    return result;
  }

  /**
   * The merge patch applied to `row`: 422 if the result is invalid against the schema, then 412 unless `ifMatch` names
   * the row's version; answers the stored and merged documents and the fields that differ.
   */
  private patched(row: UserRow, ifMatch: string, input: ProfilePatch): { stored: ProfileDocument; merged: ProfileDocument; changed: string[] } {
    const stored = profileDocumentOf(row);
    const merged = mergePatch(stored, input.patch);
    const problems = validateDocument(this.definition, merged, input.problems);
    if (Object.keys(problems).length > 0) throw problemsError(problems);
    if (!ifMatchAccepts(ifMatch, row)) throw errors.versionConflict();
    return { stored, merged, changed: changedPaths(this.definition, stored, merged) };
  }

  /**
   * PostgreSQL's short path for a change of plain fields: the conditional update, its audit row and the open changes
   * in one statement (store/profile-writes.ts), committed on its own. It starts from the row this process last saw
   * of the user (`recent`): if that is still the stored version the change is one round trip; if not (another
   * instance wrote since, or the checks fail on it), the row is read again and the change tried on that: two round
   * trips. The version the update is conditional on is what makes this safe: a row seen earlier never overwrites a
   * newer one. The checks and answers are updateProfile's; a change that needs more (a verified or protected field, an
   * address the security notices watch, a first visit or a new username) answers undefined: it takes the transaction.
   */
  private async updatePlainFields(session: Session, ifMatch: string, input: ProfilePatch): Promise<VersionedProfile | undefined> {
    const now = this.now();
    const seen = this.recent.get(session.subject);
    if (seen?.username === session.username) {
      const saved = await this.savePlainFields(seen, ifMatch, input, now).catch(() => undefined);
      if (saved?.profile) return saved.profile;
    }
    this.recent.delete(session.subject);
    const found = await this.findWithChanges(this.store.db, session.subject, now);
    if (found?.user.username !== session.username) return undefined;
    const saved = await this.savePlainFields(found.user, ifMatch, input, now, found.pending);
    if (saved === undefined) return undefined;
    if (!saved.profile) throw errors.versionConflict();
    return saved.profile;
  }

  /**
   * updatePlainFields' checks and statement on `row` as read: undefined when the change needs the transaction,
   * `{profile: undefined}` when the row was no longer at its version. `pending`, when given, are the open changes
   * read with `row`: a change that alters nothing is answered from them.
   */
  private async savePlainFields(
    row: UserRow,
    ifMatch: string,
    input: ProfilePatch,
    now: string,
    pending?: PendingChange[],
  ): Promise<{ profile?: VersionedProfile } | undefined> {
    const { stored, merged, changed } = this.patched(row, ifMatch, input);
    if (changed.length === 0) return pending ? { profile: this.present(row, stored, pending) } : { profile: undefined };
    if (changed.some((path) => this.needsTransaction(path))) return undefined;
    const profile = JSON.stringify(merged);
    const saved = await saveProfileIfVersion(this.store.db, { id: row.id, expectedVersion: row.version, profile, fields: changed, now, maxAttempts: OTP_MAX_ATTEMPTS });
    if (!saved) return { profile: undefined };
    const next = { ...row, profile, updated_at: now, version: row.version + 1 };
    this.remember(next);
    return { profile: this.present(next, merged, this.options.changes?.fromRows(saved.openChanges) ?? []) };
  }

  /** Keeps the newest row this process saw of a user for updatePlainFields, the least recently seen dropped first. */
  private remember(row: UserRow): void {
    if (this.store.engine !== "postgres") return;
    this.recent.delete(row.subject);
    this.recent.set(row.subject, row);
    if (this.recent.size > RECENT_ROWS) this.recent.delete(this.recent.keys().next().value as string);
  }

  /** Whether a change of this field needs updateProfile's transaction: a code to send, a sign-in to check or a notice to queue. */
  private needsTransaction(path: string): boolean {
    const field = this.definition.byPath.get(path);
    if (field?.verify || field?.protected) return true;
    const notices = this.options.notices;
    return notices?.enabled === true && (path === notices.emailField || accountPhoneFields(this.definition).includes(path));
  }

  /**
   * Applies the user's pending change `id` if `otp` is its code and the new value is still valid against the schema
   * (a schema changed since the PATCH may refuse it: 422, and the change is gone). The old address is told after the
   * commit. Wrong codes stay counted: the verdict is reached in the transaction and answered after it commits.
   */
  async verifyChange(session: Session, id: string, otp: string): Promise<VersionedProfile> {
    const changes = this.options.changes;
    if (!changes) throw errors.notFound();
    const now = this.now();
    this.recent.delete(session.subject); // the row gets a new version
    type Outcome =
      | Exclude<ChangeVerdict, { ok: true }>
      | { ok: false; error: "invalid"; problems: Problems }
      | { ok: true; applied: VersionedProfile; oldPhone: { previous: string; value: string } | null };
    const outcome = await this.store.transact(async (trx): Promise<Outcome> => {
      const row = await this.userFor(trx, session);
      const verdict = await changes.consume(trx, row.id, id, otp, now);
      if (!verdict.ok) return verdict;
      const stored = profileDocumentOf(row);
      const problems = validateDocument(this.definition, withValue(stored, verdict.field, verdict.value));
      if (Object.keys(problems).length > 0) return { ok: false, error: "invalid", problems };
      const previous = valueAt(stored, verdict.field);
      const applied = await this.applyVerified(trx, row.id, verdict.field, verdict.value);
      const changed = typeof previous === "string" && previous !== verdict.value;
      return { ok: true, applied, oldPhone: changed && verdict.kind === "phone" ? { previous, value: verdict.value } : null };
    });
    if (!outcome.ok) {
      switch (outcome.error) {
        case "wrong":
          throw errors.otpInvalid(outcome.attemptsRemaining);
        case "locked":
          throw errors.changeLocked();
        case "expired":
          throw errors.otpExpired();
        case "gone":
          throw errors.notFound();
        case "invalid":
          throw problemsError(outcome.problems);
      }
    }
    // The old email address hears of it by the security notice queued with the change; an old phone number by SMS.
    if (outcome.oldPhone && (this.options.notices?.on ?? true)) await changes.noticeApplied({ ...outcome.oldPhone, at: new Date(now) });
    return outcome.applied;
  }

  /** A new code for the user's pending change `id`. */
  async resendChange(session: Session, id: string): Promise<{ change: PendingChange; resendAvailableAt: string }> {
    const changes = this.options.changes;
    if (!changes) throw errors.notFound();
    const { deliver, ...answer } = await this.store.transact(async (trx) => changes.resend(trx, (await this.userFor(trx, session)).id, id));
    await deliver();
    return answer;
  }

  /** Cancels the user's pending change `id`: the field keeps its value. */
  async cancelChange(session: Session, id: string): Promise<void> {
    const changes = this.options.changes;
    if (!changes) throw errors.notFound();
    await this.store.transact(async (trx) => changes.cancel(trx, (await this.userFor(trx, session)).id, id));
  }

  /** Sets one verified field to the value its code proved (services/profile-changes.ts, in its transaction). */
  async applyVerified(trx: Kysely<Database>, userId: string, field: string, value: string): Promise<VersionedProfile> {
    const row = await trx.selectFrom("users").selectAll().where("id", "=", userId).executeTakeFirstOrThrow();
    const doc = withValue(profileDocumentOf(row), field, value);
    return this.write(trx, row, doc, [field], this.now());
  }

  /**
   * An email or phone change, told to the account's email as it was before (the old address learns of an email
   * change; nothing is sent when there was none): the new address masked, never in full.
   */
  private async noticeAddressChanges(trx: Kysely<Database>, row: UserRow, doc: ProfileDocument): Promise<void> {
    const notices = this.options.notices;
    if (!notices?.enabled || !notices.emailField) return;
    const before = profileDocumentOf(row);
    const text = (d: ProfileDocument, path: string) => {
      const value = valueAt(d, path);
      return typeof value === "string" && value !== "" ? value : null;
    };
    const oldEmail = text(before, notices.emailField);
    const newEmail = text(doc, notices.emailField);
    const recipient = oldEmail ?? newEmail;
    if (!recipient) return;
    if (oldEmail && oldEmail !== newEmail) {
      await notices.queue(trx, row.id, { kind: "email_changed", ...(newEmail ? { newTarget: maskEmail(newEmail) } : {}) }, oldEmail);
    }
    for (const path of accountPhoneFields(this.definition)) {
      const [was, now] = [text(before, path), text(doc, path)];
      if (was === now) continue;
      await notices.queue(trx, row.id, { kind: "phone_changed", ...(now ? { newTarget: maskPhone(now) } : {}) }, recipient);
    }
  }

  private async write(trx: Kysely<Database>, row: UserRow, doc: ProfileDocument, fields: string[], now: string): Promise<VersionedProfile> {
    const profile = JSON.stringify(doc);
    const updated = await updateUserIfVersion(trx, row.id, row.version, { profile, updated_at: now });
    if (!updated) throw errors.versionConflict();
    await insertAuditEvent(trx, { userId: row.id, action: "profile.updated", detail: { fields }, now });
    await this.noticeAddressChanges(trx, row, doc);
    return this.view(trx, { ...row, profile, updated_at: now, version: row.version + 1 }, doc);
  }
}
