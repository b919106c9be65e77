import type { ColumnDefinitionBuilder, Kysely, Migration, MigrationProvider } from "kysely";

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
  };
}

export const migrationProvider = (engine: Engine): MigrationProvider => ({
  getMigrations: async () => migrations(engine),
});
