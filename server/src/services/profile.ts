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
import type { Database } from "../store/schema";
import { insertAuditEvent, profileDocumentOf, updateUserIfVersion, type UserRow } from "../store/users";
import { hasRecentSignIn } from "./recent-sign-in";
import type { Session } from "./session";
import { userForRead, userForSession } from "./users";

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

/** Where verified fields' new values wait for their codes (services/profile-changes.ts). */
export interface PendingChanges {
  /** Inside the profile's transaction: opens (or replaces) the change; `deliver` sends its code once that commits. */
  open(
    trx: Kysely<Database>,
    change: { userId: string; field: string; kind: VerifyKind; value: string; previous: string | null; now: string },
  ): Promise<{ change: PendingChange; deliver: () => Promise<void> }>;
  /** Closes the field's open change, if any (its value was set back, or cleared). */
  discard(trx: Kysely<Database>, userId: string, field: string): Promise<void>;
  list(db: Kysely<Database>, userId: string, now: string): Promise<PendingChange[]>;
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

export class ProfileService {
  constructor(
    private readonly store: Pick<Store, "db" | "transact">,
    private readonly options: {
      reauthMaxAgeSeconds: number;
      definition: ProfileDefinition;
      changes?: PendingChanges;
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
    const pendingChanges = (await this.options.changes?.list(db, row.id, this.now())) ?? [];
    const profile: Profile = {
      username: row.username,
      ...toApiFields(this.definition, doc),
      updatedAt: row.updated_at,
      pendingChanges,
    };
    return { profile, etag: etagOf(row) };
  }

  async getProfile(session: Session): Promise<VersionedProfile> {
    const row = await userForRead(this.store, session, this.now());
    return this.view(this.store.db, row);
  }

  /**
   * Applies a merge patch if `ifMatch` names the current version and the merged profile is valid against the schema.
   * A new value for a verified field (`x-profile.verify`) is not applied: it waits for the code sent to it, and the
   * other fields save. Protected fields need a recent sign-in.
   */
  async updateProfile(session: Session, ifMatch: string, input: ProfilePatch): Promise<VersionedProfile> {
    const deliveries: Array<() => Promise<void>> = [];
    const result = await this.store.transact(async (trx) => {
      const row = await this.userFor(trx, session);
      const stored = profileDocumentOf(row);
      const merged = mergePatch(stored, input.patch);
      const problems = validateDocument(this.definition, merged, input.problems);
      if (Object.keys(problems).length > 0) {
        throw errors.validationFailed(
          Object.fromEntries(Object.entries(problems).map(([path, p]) => [path, p.message])),
          Object.fromEntries(Object.entries(problems).map(([path, p]) => [path, { keyword: p.keyword, params: p.params }])),
        );
      }
      if (!ifMatchAccepts(ifMatch, row)) throw errors.versionConflict();

      const changed = changedPaths(this.definition, stored, merged);
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
          const previous = valueAt(stored, path);
          const opened = await this.options.changes.open(trx, {
            userId: row.id,
            field: path,
            kind: field.verify,
            value,
            previous: typeof previous === "string" ? previous : null,
            now,
          });
          deliveries.push(opened.deliver);
          next = withValue(next, path, previous);
        } else {
          if (field?.verify) await this.options.changes?.discard(trx, row.id, path);
          applied.push(path);
        }
      }
      if (applied.length === 0) return this.view(trx, row, stored);
      return this.write(trx, row, next, applied, now);
    });
    for (const deliver of deliveries) await deliver();
    return result;
  }

  /** Sets one verified field to the value its code proved (services/profile-changes.ts, in its transaction). */
  async applyVerified(trx: Kysely<Database>, userId: string, field: string, value: string): Promise<VersionedProfile> {
    const row = await trx.selectFrom("users").selectAll().where("id", "=", userId).executeTakeFirstOrThrow();
    const doc = withValue(profileDocumentOf(row), field, value);
    return this.write(trx, row, doc, [field], this.now());
  }

  private async write(trx: Kysely<Database>, row: UserRow, doc: ProfileDocument, fields: string[], now: string): Promise<VersionedProfile> {
    const profile = JSON.stringify(doc);
    const updated = await updateUserIfVersion(trx, row.id, row.version, { profile, updated_at: now });
    if (!updated) throw errors.versionConflict();
    await insertAuditEvent(trx, { userId: row.id, action: "profile.updated", detail: { fields }, now });
    return this.view(trx, { ...row, profile, updated_at: now, version: row.version + 1 }, doc);
  }
}
