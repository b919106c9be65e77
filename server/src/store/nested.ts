import type { RawBuilder } from "kysely";
import { jsonArrayFrom as postgresRows } from "kysely/helpers/postgres";
import { jsonArrayFrom as sqliteRows } from "kysely/helpers/sqlite";
import type { Engine } from "./migrations";

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
