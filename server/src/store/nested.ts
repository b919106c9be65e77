import type { Compilable, CompiledQuery, Kysely, QueryResult, RawBuilder } from "kysely";
import { jsonArrayFrom as postgresRows } from "kysely/helpers/postgres";
import { jsonArrayFrom as sqliteRows } from "kysely/helpers/sqlite";
import type { Engine } from "./migrations";
import type { Database } from "./schema";

/**
 * A subquery's rows as one JSON array column of the outer query, so a row and the rows that belong to it come back
 * in one statement (on PostgreSQL, one round trip instead of one per table). The subquery must name its columns
 * (SQLite builds each object from them) and keep to text and integer columns, which JSON carries unchanged.
 */
export function nestedRows<O>(engine: Engine, subquery: Parameters<typeof sqliteRows<O>>[0]): RawBuilder<O[]> {
  return (engine === "postgres" ? postgresRows(subquery) : sqliteRows(subquery)) as RawBuilder<O[]>;
}

/** The rows of a nestedRows column: PostgreSQL's driver parses JSON, SQLite's hands it back as text. */
export function parseNested<O>(value: O[] | string): O[] {
  return typeof value === "string" ? (JSON.parse(value) as O[]) : value;
}

/** PostgreSQL: the SQL of compiledOnce's queries, and the name each is prepared under on a connection (store/db.ts). */
const prepared = new Map<string, string>();

/** The name a query is prepared under on PostgreSQL, if it is one of compiledOnce's. */
export function preparedName(sql: string): string | undefined {
  return prepared.get(sql);
}

/** What a compiled query's parameter is: one of the call's arguments, or a value the query itself holds. */
type Slot = { arg: number } | { value: unknown };

/**
 * A query that Kysely builds and compiles once per engine rather than on every call (a query with subqueries takes
 * it tens of microseconds, more than a round trip's share of CPU): `build` is called with a placeholder for each
 * argument, and each run puts the call's arguments where their placeholders were. The arguments may only be values
 * the query compares or stores, never what shapes it. On PostgreSQL the query is also prepared, once per connection,
 * so the database parses and plans it once rather than on every run.
 */
export function compiledOnce<A extends unknown[], R>(arity: A["length"], build: (db: Kysely<Database>, engine: Engine, ...args: A) => Compilable<R>) {
  const compiled = new Map<Engine, { query: CompiledQuery<R>; slots: Slot[] }>();
  const placeholders = Array.from({ length: arity }, (_, i) => `\u0000argument ${i}\u0000`);
  return (db: Kysely<Database>, engine: Engine, ...args: A): Promise<QueryResult<R>> => {
    let template = compiled.get(engine);
    if (!template) {
      const query = build(db, engine, ...(placeholders as A)).compile();
      const slots = query.parameters.map((p): Slot => (typeof p === "string" && placeholders.includes(p) ? { arg: placeholders.indexOf(p) } : { value: p }));
      // An argument the compiled query lost (a plugin rewrote it, or it shaped the query) would be a stale value.
      const unused = placeholders.filter((_, i) => !slots.some((slot) => "arg" in slot && slot.arg === i));
      if (unused.length > 0) throw new Error(`compiledOnce: ${unused.length} argument(s) not among the query's parameters`);
      template = { query, slots };
      compiled.set(engine, template);
      if (engine === "postgres") prepared.set(query.sql, `q${prepared.size + 1}`);
    }
    const parameters = template.slots.map((slot) => ("arg" in slot ? args[slot.arg] : slot.value));
    return db.executeQuery<R>({ ...template.query, parameters });
  };
}
