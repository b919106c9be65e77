import { AsyncLocalStorage } from "node:async_hooks";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import SQLite from "better-sqlite3";
import { type Generated, Kysely, sql, SqliteDialect } from "kysely";
import { afterEach, describe, expect, it } from "vitest";
import { groupCommit } from "./group-commit";

interface Db {
  notes: { id: Generated<number>; text: string };
}

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A real SQLite file; `commits` counts the transactions begun on it. */
function open() {
  const dir = mkdtempSync(join(tmpdir(), "pw-group-"));
  dirs.push(dir);
  const path = join(dir, "db.sqlite");
  const database = new SQLite(path);
  database.pragma("journal_mode = WAL");
  database.pragma("synchronous = FULL");
  database.exec("create table notes (id integer primary key, text text not null unique)");
  const counter = { commits: 0 };
  const counted = new Proxy(database, {
    get(target, key) {
      if (key === "prepare") {
        return (text: string) => {
          if (/^begin/i.test(text)) counter.commits++;
          return target.prepare(text);
        };
      }
      const value = Reflect.get(target, key) as unknown;
      return typeof value === "function" ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
  const db = new Kysely<Db>({ dialect: new SqliteDialect({ database: counted }) });
  return { db, path, counter, transact: groupCommit(db as never) as unknown as <T>(w: (trx: Kysely<Db>) => Promise<T>) => Promise<T> };
}

const insert = (trx: Kysely<Db>, text: string) => trx.insertInto("notes").values({ text }).execute();

describe("group commit (SQLite)", () => {
  it("commits units that arrive together in one transaction, and every acknowledged one is in the file", async () => {
    const { db, path, counter, transact } = open();
    const results = await Promise.all(Array.from({ length: 40 }, (_, i) => transact((trx) => insert(trx, `n${i}`).then(() => i))));
    expect(results).toEqual(Array.from({ length: 40 }, (_, i) => i));
    expect(counter.commits).toBeLessThan(40);
    await db.destroy();
    const reopened = new SQLite(path, { readonly: true });
    expect((reopened.prepare("select count(*) as n from notes").get() as { n: number }).n).toBe(40);
    reopened.close();
  });

  it("rolls back a failing unit alone; the others in its batch commit", async () => {
    const { db, transact } = open();
    const outcomes = await Promise.allSettled([
      transact((trx) => insert(trx, "a")),
      transact(async (trx) => {
        await insert(trx, "b");
        throw new Error("refused");
      }),
      transact((trx) => insert(trx, "a")), // duplicate: the unique index refuses it
      transact((trx) => insert(trx, "c")),
    ]);
    expect(outcomes.map((o) => o.status)).toEqual(["fulfilled", "rejected", "rejected", "fulfilled"]);
    expect((outcomes[1] as PromiseRejectedResult).reason).toEqual(new Error("refused"));
    const rows = await db.selectFrom("notes").select("text").orderBy("text").execute();
    expect(rows.map((r) => r.text)).toEqual(["a", "c"]);
    await db.destroy();
  });

  it("runs units one after another, each seeing what the earlier ones wrote", async () => {
    const { db, transact } = open();
    const counts = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        transact(async (trx) => {
          await insert(trx, `n${i}`);
          return Number((await sql<{ n: number }>`select count(*) as n from notes`.execute(trx)).rows[0]!.n);
        }),
      ),
    );
    expect(counts).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    await db.destroy();
  });

  it("fails every unit of a batch whose commit fails, leaving nothing behind", async () => {
    const { db, transact } = open();
    // A deferred foreign-key violation is only detected at COMMIT.
    await sql`create table parents (id integer primary key)`.execute(db);
    await sql`create table children (id integer primary key, parent integer references parents(id) deferrable initially deferred)`.execute(db);
    await sql`pragma foreign_keys = on`.execute(db);
    const outcomes = await Promise.allSettled([
      transact((trx) => insert(trx, "kept?")),
      transact(async (trx) => {
        await sql`insert into children (parent) values (42)`.execute(trx);
      }),
    ]);
    expect(outcomes.map((o) => o.status)).toEqual(["rejected", "rejected"]);
    expect(await db.selectFrom("notes").selectAll().execute()).toEqual([]);
    await db.destroy();
  });

  it("runs each unit in its caller's async context, though they share a batch", async () => {
    const { db, transact } = open();
    const scope = new AsyncLocalStorage<string>();
    const seen = await Promise.all(
      ["first", "second", "third"].map((name) =>
        scope.run(name, () => transact(async (trx) => {
          await insert(trx, name);
          return scope.getStore();
        })),
      ),
    );
    expect(seen).toEqual(["first", "second", "third"]);
    await db.destroy();
  });
});
