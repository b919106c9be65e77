import { createSign, KeyObject } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { serve } from "@hono/node-server";
import { base64url } from "jose";
import { expect } from "vitest";
import type { createApp } from "../src/app";
import type { Store } from "../src/store/db";
import type { TestKeys } from "./helpers";

const TABLES = [
  "users",
  "audit_events",
  "mfa_devices",
  "otp_challenges",
  "webauthn_challenges",
  "rate_limits",
  "outbox",
] as const;

/** Every row of every table, in a stable order: equal snapshots mean nothing changed. */
export async function snapshotDb(store: Store): Promise<Record<string, unknown[]>> {
  const out: Record<string, unknown[]> = {};
  for (const table of TABLES) {
    const rows = await store.db.selectFrom(table).selectAll().execute();
    out[table] = rows
      .map((r) => JSON.stringify(r, (_k, v: unknown) => (typeof v === "bigint" ? v.toString() : v)))
      .sort();
  }
  return out;
}

/** Runs `act` and asserts the database is exactly as it was before. */
export async function expectNoChange<T>(store: Store, act: () => Promise<T>): Promise<T> {
  const before = await snapshotDb(store);
  const result = await act();
  expect(await snapshotDb(store)).toEqual(before);
  return result;
}

/** The app on a real loopback HTTP server (port 0), for tests that need sockets, not app.request(). */
export async function serveOverHttp(app: ReturnType<typeof createApp>): Promise<{ url: string; close: () => Promise<void> }> {
  let port = 0;
  const server = await new Promise<ReturnType<typeof serve>>((resolve) => {
    const s = serve({ fetch: app.fetch, port: 0, hostname: "127.0.0.1" }, (info) => {
      port = info.port;
      resolve(s);
    });
  });
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((r) => {
        if ("closeAllConnections" in server) server.closeAllConnections();
        server.close(() => r());
      }),
  };
}

/** A loopback HTTP server that counts every request it gets (to prove none was made, or how many). */
export async function countingServer(
  handler: (req: IncomingMessage, res: ServerResponse) => void = (_req, res) => res.end(),
): Promise<{ url: string; hits: () => number; close: () => Promise<void> }> {
  let hits = 0;
  const server: Server = createServer((req, res) => {
    hits++;
    handler(req, res);
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    hits: () => hits,
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}

/**
 * Signs any header and payload as ES256 without a JWT library's checks, so tokens can carry what
 * no well-behaved issuer would (claims of the wrong type, unknown `crit`, embedded keys).
 */
export function signRaw(keys: TestKeys, header: Record<string, unknown>, payload: unknown): string {
  const input = `${base64url.encode(JSON.stringify(header))}.${base64url.encode(
    typeof payload === "string" ? payload : JSON.stringify(payload),
  )}`;
  const signature = createSign("sha256")
    .update(input)
    .sign({ key: KeyObject.from(keys.privateKey), dsaEncoding: "ieee-p1363" });
  return `${input}.${base64url.encode(signature)}`;
}
