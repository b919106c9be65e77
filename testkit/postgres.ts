import { randomBytes } from "node:crypto";
import pg from "pg";

/**
 * A fresh, empty schema in the PostgreSQL at `baseUrl`, selected through the connection's search_path:
 * each test, bench or soak run gets its own database without needing to create one.
 */
export async function freshPostgresSchema(baseUrl: string, prefix = "t"): Promise<{ url: string; schema: string; drop: () => Promise<void> }> {
  const schema = `${prefix}_${randomBytes(6).toString("hex")}`;
  const admin = new pg.Client({ connectionString: baseUrl });
  await admin.connect();
  await admin.query(`create schema ${schema}`);
  await admin.end();
  const url = new URL(baseUrl);
  url.searchParams.set("options", `-c search_path=${schema}`);
  return {
    url: url.toString(),
    schema,
    drop: async () => {
      const client = new pg.Client({ connectionString: baseUrl });
      await client.connect();
      await client.query(`drop schema if exists ${schema} cascade`);
      await client.end();
    },
  };
}
