import { sql, type ColumnDefinitionBuilder, type Kysely, type Migration, type MigrationProvider } from "kysely";

export type Engine = "sqlite" | "postgres";

/** One migration set for SQLite and PostgreSQL; portable types only, but for the auto-increment key. */
function migrations(engine: Engine): Record<string, Migration> {
  const autoId = (c: ColumnDefinitionBuilder) =>
    engine === "sqlite" ? c.primaryKey().autoIncrement() : c.primaryKey().generatedByDefaultAsIdentity();
  return {
  "0001_users_and_audit": {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable("users")
        .addColumn("id", "varchar(36)", (c) => c.primaryKey())
        .addColumn("subject", "varchar(255)", (c) => c.notNull().unique())
        .addColumn("username", "varchar(255)", (c) => c.notNull())
        .addColumn("given_name", "varchar(100)")
        .addColumn("family_name", "varchar(100)")
        .addColumn("email", "varchar(254)")
        .addColumn("phone", "varchar(16)")
        .addColumn("street_address", "varchar(200)")
        .addColumn("locality", "varchar(100)")
        .addColumn("region", "varchar(100)")
        .addColumn("postal_code", "varchar(20)")
        .addColumn("country_code", "varchar(2)")
        .addColumn("mfa_enabled", "integer", (c) => c.notNull().defaultTo(0))
        .addColumn("version", "integer", (c) => c.notNull().defaultTo(1))
        .addColumn("created_at", "varchar(32)", (c) => c.notNull())
        .addColumn("updated_at", "varchar(32)", (c) => c.notNull())
        .execute();
      await db.schema
        .createTable("audit_events")
        .addColumn("id", "integer", autoId)
        .addColumn("user_id", "varchar(36)", (c) => c.notNull().references("users.id"))
        .addColumn("action", "varchar(64)", (c) => c.notNull())
        .addColumn("detail", "text", (c) => c.notNull())
        .addColumn("created_at", "varchar(32)", (c) => c.notNull())
        .execute();
      await db.schema.createIndex("audit_events_user_idx").on("audit_events").columns(["user_id", "id"]).execute();
    },
  },
  "0002_mfa": {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable("mfa_devices")
        .addColumn("id", "varchar(36)", (c) => c.primaryKey())
        .addColumn("user_id", "varchar(36)", (c) => c.notNull().references("users.id"))
        .addColumn("type", "varchar(16)", (c) => c.notNull())
        .addColumn("nickname", "varchar(40)", (c) => c.notNull())
        .addColumn("status", "varchar(32)", (c) => c.notNull())
        .addColumn("is_default", "integer", (c) => c.notNull().defaultTo(0))
        .addColumn("target", "varchar(254)")
        .addColumn("totp_secret", "text")
        .addColumn("totp_last_step", "integer")
        .addColumn("failed_attempts", "integer", (c) => c.notNull().defaultTo(0))
        .addColumn("credential_id", "varchar(1024)")
        .addColumn("credential_public_key", "text")
        .addColumn("credential_counter", "bigint")
        .addColumn("credential_transports", "varchar(200)")
        .addColumn("created_at", "varchar(32)", (c) => c.notNull())
        .addColumn("activated_at", "varchar(32)")
        .addColumn("last_used_at", "varchar(32)")
        .execute();
      await db.schema.createIndex("mfa_devices_user_idx").on("mfa_devices").columns(["user_id", "created_at"]).execute();
      // At most one default per user, whatever the application does.
      await db.schema
        .createIndex("mfa_devices_one_default")
        .on("mfa_devices")
        .column("user_id")
        .unique()
        .where(sql.ref("is_default"), "=", 1)
        .execute();
      // A passkey belongs to one account only, across all users.
      await db.schema.createIndex("mfa_devices_credential_id").on("mfa_devices").column("credential_id").unique().execute();

      await db.schema
        .createTable("otp_challenges")
        .addColumn("device_id", "varchar(36)", (c) => c.primaryKey().references("mfa_devices.id").onDelete("cascade"))
        .addColumn("code_hash", "varchar(64)", (c) => c.notNull())
        .addColumn("expires_at", "varchar(32)", (c) => c.notNull())
        .addColumn("attempts", "integer", (c) => c.notNull().defaultTo(0))
        .addColumn("consumed", "integer", (c) => c.notNull().defaultTo(0))
        .addColumn("sent_at", "varchar(32)", (c) => c.notNull())
        .execute();

      await db.schema
        .createTable("webauthn_challenges")
        .addColumn("device_id", "varchar(36)", (c) => c.primaryKey().references("mfa_devices.id").onDelete("cascade"))
        .addColumn("user_id", "varchar(36)", (c) => c.notNull().references("users.id"))
        .addColumn("challenge", "varchar(128)", (c) => c.notNull())
        .addColumn("expires_at", "varchar(32)", (c) => c.notNull())
        .addColumn("consumed", "integer", (c) => c.notNull().defaultTo(0))
        .execute();

      await db.schema
        .createTable("rate_limits")
        .addColumn("key", "varchar(200)", (c) => c.primaryKey())
        .addColumn("window_start", "varchar(32)", (c) => c.notNull())
        .addColumn("count", "integer", (c) => c.notNull())
        .execute();

      await db.schema
        .createTable("outbox")
        .addColumn("id", "integer", autoId)
        .addColumn("channel", "varchar(8)", (c) => c.notNull())
        .addColumn("recipient", "varchar(254)", (c) => c.notNull())
        .addColumn("text", "text", (c) => c.notNull())
        .addColumn("created_at", "varchar(32)", (c) => c.notNull())
        .execute();
    },
  },
  "0003_credential_id_length": {
    // A WebAuthn credential id may be 1,023 bytes: 1,364 characters of base64url, more than 0002's 1,024.
    // SQLite does not enforce varchar lengths; PostgreSQL does.
    async up(db: Kysely<unknown>) {
      if (engine !== "postgres") return;
      await db.schema.alterTable("mfa_devices").alterColumn("credential_id", (c) => c.setDataType("varchar(1364)")).execute();
    },
  },
  "0004_mfa_signing_keys": {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable("mfa_signing_keys")
        .addColumn("kid", "varchar(64)", (c) => c.primaryKey())
        .addColumn("public_jwk", "text", (c) => c.notNull())
        .addColumn("private_key", "text")
        .addColumn("is_current", "integer", (c) => c.notNull().defaultTo(0))
        .addColumn("published", "integer", (c) => c.notNull().defaultTo(1))
        .addColumn("created_at", "varchar(32)", (c) => c.notNull())
        .execute();
      // One current key, however many processes start (or rotate) at once.
      await db.schema
        .createIndex("mfa_signing_keys_one_current")
        .on("mfa_signing_keys")
        .column("is_current")
        .unique()
        .where(sql.ref("is_current"), "=", 1)
        .execute();
    },
  },
  "0005_mfa_verification": {
    async up(db: Kysely<unknown>) {
      // Verifications of active devices (and recovery codes): single use, short-lived, bound to their user.
      await db.schema
        .createTable("mfa_challenges")
        .addColumn("id", "varchar(36)", (c) => c.primaryKey())
        .addColumn("user_id", "varchar(36)", (c) => c.notNull().references("users.id"))
        .addColumn("device_id", "varchar(36)", (c) => c.references("mfa_devices.id").onDelete("cascade"))
        .addColumn("method", "varchar(16)", (c) => c.notNull())
        .addColumn("purpose", "varchar(16)", (c) => c.notNull())
        .addColumn("nonce", "varchar(256)")
        .addColumn("code_hash", "varchar(64)")
        .addColumn("webauthn_challenge", "varchar(128)")
        .addColumn("attempts", "integer", (c) => c.notNull().defaultTo(0))
        .addColumn("consumed", "integer", (c) => c.notNull().defaultTo(0))
        .addColumn("created_at", "varchar(32)", (c) => c.notNull())
        .addColumn("expires_at", "varchar(32)", (c) => c.notNull())
        .execute();
      await db.schema.createIndex("mfa_challenges_user_idx").on("mfa_challenges").columns(["user_id", "created_at"]).execute();

      await db.schema
        .createTable("recovery_codes")
        .addColumn("user_id", "varchar(36)", (c) => c.notNull().references("users.id"))
        .addColumn("code_hash", "varchar(64)", (c) => c.notNull())
        .addColumn("created_at", "varchar(32)", (c) => c.notNull())
        .addColumn("used_at", "varchar(32)")
        .addPrimaryKeyConstraint("recovery_codes_pk", ["user_id", "code_hash"])
        .execute();

      // Failed verifications per user, across challenges and processes: too many lock new ones for a while.
      await db.schema
        .createTable("mfa_lockouts")
        .addColumn("user_id", "varchar(36)", (c) => c.primaryKey().references("users.id"))
        .addColumn("window_start", "varchar(32)", (c) => c.notNull())
        .addColumn("failures", "integer", (c) => c.notNull())
        .addColumn("locked_until", "varchar(32)")
        .execute();

      // A step-up counts as a recent sign-in for one session (its key) until it expires.
      await db.schema
        .createTable("mfa_step_ups")
        .addColumn("session_key", "varchar(64)", (c) => c.primaryKey())
        .addColumn("user_id", "varchar(36)", (c) => c.notNull().references("users.id"))
        .addColumn("expires_at", "varchar(32)", (c) => c.notNull())
        .execute();
    },
  },
  "0006_outbox_owner": {
    // Demo mode: whose request sent each message (the session's subject), so the demo inbox shows each user only theirs.
    async up(db: Kysely<unknown>) {
      await db.schema.alterTable("outbox").addColumn("owner", "varchar(255)").execute();
      await db.schema.createIndex("outbox_owner_idx").on("outbox").columns(["owner", "id"]).execute();
    },
  },
  "0007_profile_document": {
    // The profile becomes one JSON document per user (PROFILE_SCHEMA decides its fields): the old columns' values
    // move into it, then the columns go.
    async up(db: Kysely<unknown>) {
      await db.schema
        .alterTable("users")
        .addColumn("profile", engine === "postgres" ? "jsonb" : "text", (c) => c.notNull().defaultTo(engine === "postgres" ? sql`'{}'::jsonb` : "{}"))
        .execute();
      const raw = db as unknown as Kysely<{ users: { id: string; profile: string } }>;
      for (let after = ""; ;) {
        const rows = await raw.selectFrom("users").selectAll().where("id", ">", after).orderBy("id").limit(500).execute();
        if (rows.length === 0) break;
        for (const row of rows) {
          const doc = legacyProfileDocument(row);
          if (Object.keys(doc).length > 0) {
            await raw.updateTable("users").set({ profile: JSON.stringify(doc) }).where("id", "=", row.id).execute();
          }
        }
        after = rows[rows.length - 1]!.id;
      }
      for (const column of LEGACY_PROFILE_COLUMNS) await db.schema.alterTable("users").dropColumn(column).execute();
    },
  },
  "0008_profile_changes": {
    // A verified field's new value (x-profile.verify) waits here for the code sent to it: one open change per field.
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable("profile_changes")
        .addColumn("id", "varchar(36)", (c) => c.primaryKey())
        .addColumn("user_id", "varchar(36)", (c) => c.notNull().references("users.id"))
        .addColumn("field", "varchar(200)", (c) => c.notNull())
        .addColumn("kind", "varchar(8)", (c) => c.notNull())
        .addColumn("value", "text", (c) => c.notNull())
        .addColumn("code_hash", "varchar(64)", (c) => c.notNull())
        .addColumn("expires_at", "varchar(32)", (c) => c.notNull())
        .addColumn("attempts", "integer", (c) => c.notNull().defaultTo(0))
        .addColumn("consumed", "integer", (c) => c.notNull().defaultTo(0))
        .addColumn("sent_at", "varchar(32)", (c) => c.notNull())
        .addColumn("created_at", "varchar(32)", (c) => c.notNull())
        .execute();
      await db.schema.createIndex("profile_changes_one_per_field").on("profile_changes").columns(["user_id", "field"]).unique().execute();
    },
  },
  "0009_activity_and_notices": {
    // Where each security event came from; the person's language; the security notices waiting to be emailed.
    async up(db: Kysely<unknown>) {
      await db.schema.alterTable("audit_events").addColumn("ip", "varchar(45)").execute();
      await db.schema.alterTable("audit_events").addColumn("user_agent", "varchar(512)").execute();
      await db.schema.createIndex("audit_events_created_idx").on("audit_events").column("created_at").execute();
      await db.schema.alterTable("users").addColumn("locale", "varchar(16)").execute();
      await db.schema
        .createTable("security_notices")
        .addColumn("id", "integer", autoId)
        .addColumn("user_id", "varchar(36)", (c) => c.notNull().references("users.id"))
        .addColumn("recipient", "varchar(254)", (c) => c.notNull())
        .addColumn("kind", "varchar(32)", (c) => c.notNull())
        .addColumn("detail", "text", (c) => c.notNull())
        .addColumn("created_at", "varchar(32)", (c) => c.notNull())
        .addColumn("state", "varchar(8)", (c) => c.notNull().defaultTo("pending"))
        .addColumn("next_attempt_at", "varchar(32)", (c) => c.notNull())
        .addColumn("attempts", "integer", (c) => c.notNull().defaultTo(0))
        .addColumn("claim", "varchar(36)")
        .addColumn("claimed_until", "varchar(32)")
        .addColumn("sent_at", "varchar(32)")
        .addColumn("last_error", "varchar(500)")
        .execute();
      await db.schema.createIndex("security_notices_due_idx").on("security_notices").columns(["state", "next_attempt_at"]).execute();
      await db.schema.createIndex("security_notices_user_idx").on("security_notices").columns(["user_id", "recipient", "state"]).execute();
    },
  },
  };
}

/** The profile's columns before 0007, and the document fields they hold. */
const LEGACY_PROFILE_COLUMNS = ["given_name", "family_name", "email", "phone", "street_address", "locality", "region", "postal_code", "country_code"];

/** A pre-0007 row's profile as the built-in schema's document: only the values that are set. */
export function legacyProfileDocument(row: Record<string, unknown>): Record<string, unknown> {
  const pick = (entries: Array<[string, string]>) =>
    Object.fromEntries(entries.map(([field, column]) => [field, row[column]]).filter(([, value]) => value !== null && value !== undefined));
  const doc = pick([["givenName", "given_name"], ["familyName", "family_name"], ["email", "email"], ["phone", "phone"]]);
  const address = pick([["streetAddress", "street_address"], ["locality", "locality"], ["region", "region"], ["postalCode", "postal_code"], ["countryCode", "country_code"]]);
  return Object.keys(address).length > 0 ? { ...doc, address } : doc;
}

export const migrationProvider = (engine: Engine): MigrationProvider => ({
  getMigrations: async () => migrations(engine),
});
