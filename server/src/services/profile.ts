import type { Kysely } from "kysely";
import type { Address, Profile } from "../../../contract/api";
import { errors } from "../errors";
import type { Store } from "../store/db";
import type { Database } from "../store/schema";
import { insertAuditEvent, updateUserIfVersion, type UserRow } from "../store/users";
import type { ProfilePatch } from "./profile-schema";
import { hasRecentSignIn } from "./recent-sign-in";
import type { Session } from "./session";
import { userForRead, userForSession } from "./users";

export type { Address, Profile } from "../../../contract/api";

export interface VersionedProfile {
  profile: Profile;
  etag: string;
}

const ADDRESS_COLUMNS = {
  streetAddress: "street_address",
  locality: "locality",
  region: "region",
  postalCode: "postal_code",
  countryCode: "country_code",
} as const satisfies Record<keyof Address, keyof UserRow>;

const PROTECTED_FIELDS = ["email", "phone"] as const;

export function toProfile(row: UserRow): Profile {
  const address: Address = {
    streetAddress: row.street_address,
    locality: row.locality,
    region: row.region,
    postalCode: row.postal_code,
    countryCode: row.country_code,
  };
  return {
    username: row.username,
    givenName: row.given_name,
    familyName: row.family_name,
    email: row.email,
    phone: row.phone,
    address: Object.values(address).every((x) => x === null) ? null : address,
    updatedAt: row.updated_at,
  };
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
    private readonly options: { reauthMaxAgeSeconds: number; now?: () => Date },
  ) {}

  private now(): string {
    return (this.options.now?.() ?? new Date()).toISOString();
  }

  private userFor(db: Kysely<Database>, session: Session): Promise<UserRow> {
    return userForSession(db, session, this.now());
  }

  async getProfile(session: Session): Promise<VersionedProfile> {
    const row = await userForRead(this.store, session, this.now());
    return { profile: toProfile(row), etag: etagOf(row) };
  }

  /**
   * Applies a validated merge patch if `ifMatch` names the current version. The address is
   * touched only when the patch carries one; email and phone changes need a recent sign-in.
   */
  async updateProfile(session: Session, ifMatch: string, patch: ProfilePatch): Promise<VersionedProfile> {
    return this.store.transact(async (trx) => {
      const row = await this.userFor(trx, session);
      if (!ifMatchAccepts(ifMatch, row)) throw errors.versionConflict();

      const changes: Partial<UserRow> = {};
      const changed: string[] = [];
      const set = <K extends keyof UserRow>(column: K, field: string, value: UserRow[K] | undefined) => {
        if (value === undefined || row[column] === value) return;
        changes[column] = value;
        changed.push(field);
      };
      set("given_name", "givenName", patch.givenName);
      set("family_name", "familyName", patch.familyName);
      set("email", "email", patch.email);
      set("phone", "phone", patch.phone);
      if (patch.address !== undefined) {
        for (const [field, column] of Object.entries(ADDRESS_COLUMNS) as [keyof Address, keyof UserRow][]) {
          const value = patch.address === null ? null : patch.address[field];
          set(column as "locality", `address.${field}`, value);
        }
      }

      if (changed.length === 0) return { profile: toProfile(row), etag: etagOf(row) };
      if (
        PROTECTED_FIELDS.some((f) => changed.includes(f)) &&
        !(await hasRecentSignIn(trx, row.id, session, this.options.reauthMaxAgeSeconds, new Date(this.now())))
      ) {
        throw errors.reauthenticationRequired();
      }

      const now = this.now();
      const updated = await updateUserIfVersion(trx, row.id, row.version, { ...changes, updated_at: now });
      if (!updated) throw errors.versionConflict();
      await insertAuditEvent(trx, { userId: row.id, action: "profile.updated", detail: { fields: changed }, now });
      const next: UserRow = { ...row, ...changes, updated_at: now, version: row.version + 1 };
      return { profile: toProfile(next), etag: etagOf(next) };
    });
  }
}
