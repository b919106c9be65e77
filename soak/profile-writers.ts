import type { StoredProfile } from "./databases";

/** The version a profile ETag names (`"<id prefix>.<version>"`). */
export function etagVersion(etag: string | null): number | undefined {
  const match = etag ? /\.(\d+)"$/.exec(etag) : null;
  return match ? Number(match[1]) : undefined;
}

/**
 * What one user's writers were told: each acknowledged write (200) with the version its ETag named,
 * and the writes whose answer never came (in flight when the server died) — those may or may not
 * have committed. Checked against the database after every crash.
 */
export class UserLedger {
  readonly subject: string;
  /** Version → value of every write answered 200. */
  private readonly acked = new Map<number, string>();
  private ackedTotal = 0;
  /** The newest version known to be durable (acknowledged, or found in the database by a check). */
  private baseline = { version: 0, value: null as string | null };
  private readonly unknown = new Set<string>();

  constructor(readonly username: string) {
    this.subject = `soak|${username}`;
  }

  acknowledge(version: number, value: string) {
    this.acked.set(version, value);
    this.ackedTotal++;
  }

  unanswered(value: string) {
    this.unknown.add(value);
  }

  /** Writes left unanswered since the last check. */
  get unansweredSinceCheck(): number {
    return this.unknown.size;
  }

  /** Writes acknowledged since the last check (the ones the next check covers). */
  get acknowledgedSinceCheck(): number {
    return this.acked.size;
  }

  /**
   * Compares the stored row with what was acknowledged; answers the violations (none means every
   * acknowledged write is there). The stored state then becomes the baseline for the next cycle.
   */
  check(stored: StoredProfile | undefined): string[] {
    const problems: string[] = [];
    const who = this.username;
    let newestAcked = this.baseline.version;
    for (const version of this.acked.keys()) newestAcked = Math.max(newestAcked, version);
    if (!stored) {
      if (newestAcked > 0) problems.push(`${who}: row missing, though version ${newestAcked} was acknowledged`);
      return problems;
    }
    const expectedValue = this.acked.get(newestAcked) ?? this.baseline.value;
    if (stored.version < newestAcked) {
      problems.push(`${who}: LOST — stored version ${stored.version}, but version ${newestAcked} ("${expectedValue}") was acknowledged`);
    } else if (stored.version === newestAcked) {
      if (newestAcked > 0 && stored.givenName !== expectedValue) {
        problems.push(`${who}: version ${newestAcked} holds "${stored.givenName}", acknowledged "${expectedValue}"`);
      }
    } else if (stored.version === 1 && newestAcked === 0 && stored.givenName === null) {
      // The row a first visit creates (version 1, nothing written yet): its creating request was in flight.
    } else if (!this.unknown.has(stored.givenName ?? "")) {
      problems.push(`${who}: stored "${stored.givenName}" (v${stored.version}) was neither acknowledged nor in flight`);
    } else if (stored.version - newestAcked > this.unknown.size) {
      problems.push(`${who}: ${stored.version - newestAcked} unacknowledged versions from ${this.unknown.size} unanswered writes`);
    }
    if (stored.givenName !== stored.locality) {
      problems.push(`${who}: torn write — givenName "${stored.givenName}" but locality "${stored.locality}"`);
    }
    if (stored.updates !== stored.version - 1) {
      problems.push(`${who}: ${stored.updates} audit rows for version ${stored.version} (a change without its audit row, or the reverse)`);
    }
    if (stored.updates < this.ackedTotal) {
      problems.push(`${who}: ${stored.updates} committed updates, fewer than the ${this.ackedTotal} acknowledged`);
    }
    this.baseline = { version: stored.version, value: stored.givenName };
    this.acked.clear();
    this.unknown.clear();
    return problems;
  }
}

export interface LoadStats {
  requests: number;
  /** Status → count; "network" for requests that got no answer. */
  statuses: Record<string, number>;
}

export const emptyStats = (): LoadStats => ({ requests: 0, statuses: {} });

function count(stats: LoadStats, status: number | "network") {
  stats.requests++;
  stats.statuses[status] = (stats.statuses[status] ?? 0) + 1;
}

/**
 * One writer: PATCHes the user's profile over and over with If-Match, a new value each time
 * (givenName and address.locality together, so a torn write shows), until `stop()` says so or the
 * server stops answering. Several writers per user compete for each version (412s are expected).
 */
export async function runProfileWriter(options: {
  baseUrl: () => string;
  token: () => Promise<string>;
  ledger: UserLedger;
  tag: string;
  stop: () => boolean;
  stats: LoadStats;
  /** Ends the writer at the first unanswered request (a crash) instead of retrying. */
  endOnNetworkError?: boolean;
}): Promise<void> {
  const { ledger, stats } = options;
  let etag: string | null = null;
  let seq = 0;
  const request = async (method: string, body?: unknown, ifMatch?: string) =>
    fetch(`${options.baseUrl()}/api/profile`, {
      method,
      headers: {
        Authorization: `Bearer ${await options.token()}`,
        ...(body ? { "Content-Type": "application/json" } : {}),
        ...(ifMatch ? { "If-Match": ifMatch } : {}),
      },
      body: body ? JSON.stringify(body) : undefined,
      signal: AbortSignal.timeout(20_000),
    });

  while (!options.stop()) {
    if (!etag) {
      try {
        const res = await request("GET");
        count(stats, res.status);
        await res.arrayBuffer();
        etag = res.status === 200 ? res.headers.get("ETag") : null;
        if (!etag) await new Promise((r) => setTimeout(r, 20));
      } catch {
        count(stats, "network");
        if (options.endOnNetworkError) return;
        await new Promise((r) => setTimeout(r, 50));
      }
      continue;
    }
    const value = `${options.tag}-${++seq}`;
    try {
      const res = await request("PATCH", { givenName: value, address: { locality: value } }, etag);
      count(stats, res.status);
      // The status and ETag arrive after the commit: from here on the write is acknowledged.
      const version = res.status === 200 ? etagVersion(res.headers.get("ETag")) : undefined;
      if (version !== undefined) {
        ledger.acknowledge(version, value);
        etag = res.headers.get("ETag");
      } else {
        // A 5xx may have come after a commit: its outcome is as unknown as a lost answer's.
        if (res.status >= 500) ledger.unanswered(value);
        etag = null;
      }
      await res.arrayBuffer().catch(() => undefined);
    } catch {
      count(stats, "network");
      ledger.unanswered(value);
      if (options.endOnNetworkError) return;
      etag = null;
      await new Promise((r) => setTimeout(r, 50));
    }
  }
}

/** One attempt a client made through a {@link Balancer}: which instance, what came back, when (Date.now()). */
export interface Exchange {
  /** Index of the instance in the balancer's list. */
  server: number;
  method: string;
  path: string;
  /** The status, or "network" for a request that got no answer (refused, reset, timed out). */
  status: number | "network";
  /** The network error's code (ECONNREFUSED, UND_ERR_SOCKET, …) or message. */
  error?: string;
  startedAt: number;
  endedAt: number;
}

/** An answer the balancer passed on: the body read in full. */
export interface BalancedAnswer {
  server: number;
  status: number;
  headers: Headers;
  text: string;
  endedAt: number;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function networkErrorCode(err: unknown): string {
  const cause = (err as { cause?: { code?: unknown; message?: unknown } } | null)?.cause;
  if (typeof cause?.code === "string") return cause.code;
  if (typeof cause?.message === "string") return cause.message;
  return err instanceof Error ? `${err.name}: ${err.message}` : String(err);
}

/**
 * What a load balancer in front of several instances does: round-robin over the instances in rotation. An
 * instance whose connection fails or that answers 503 is taken out of rotation and the request goes to the next
 * one (at most once to each); the instance is put back once its /readyz answers 200 (polled every
 * `healthIntervalMs`). With every instance out, requests still go round-robin to all of them. Every attempt is
 * kept in `exchanges`.
 */
export class Balancer {
  readonly exchanges: Exchange[] = [];
  private readonly out = new Set<number>();
  private cursor = 0;
  private closed = false;
  private readonly healthIntervalMs: number;
  private readonly requestTimeoutMs: number;

  constructor(
    readonly urls: readonly string[],
    options: { healthIntervalMs?: number; requestTimeoutMs?: number } = {},
  ) {
    this.healthIntervalMs = options.healthIntervalMs ?? 100;
    this.requestTimeoutMs = options.requestTimeoutMs ?? 15_000;
  }

  /** The instances requests go to now. */
  inRotation(): number[] {
    return this.urls.map((_, i) => i).filter((i) => !this.out.has(i));
  }

  /** Stops the health checks of instances out of rotation. */
  close() {
    this.closed = true;
  }

  private takeOut(server: number) {
    if (this.out.has(server) || this.closed) return;
    this.out.add(server);
    void (async () => {
      while (!this.closed) {
        await sleep(this.healthIntervalMs);
        const ready = await fetch(`${this.urls[server]}/readyz`, { signal: AbortSignal.timeout(2000) }).then(
          async (r) => (await r.arrayBuffer(), r.status === 200),
          () => false,
        );
        if (ready) break;
      }
      this.out.delete(server);
    })();
  }

  private pick(tried: Set<number>): number | undefined {
    const n = this.urls.length;
    for (const preferInRotation of [true, false]) {
      for (let k = 0; k < n; k++) {
        const i = (this.cursor + k) % n;
        if (tried.has(i) || (preferInRotation && this.out.has(i))) continue;
        this.cursor = (i + 1) % n;
        return i;
      }
    }
    return undefined;
  }

  /**
   * Sends the request to the next instance, and on to another after a failed connection or a 503. Answers the
   * first other answer, or the last 503; throws when no instance answered at all.
   */
  async send(path: string, init: RequestInit): Promise<BalancedAnswer> {
    const tried = new Set<number>();
    let last: BalancedAnswer | undefined;
    let lastError: unknown;
    for (let server = this.pick(tried); server !== undefined; server = this.pick(tried)) {
      tried.add(server);
      const method = init.method ?? "GET";
      const startedAt = Date.now();
      try {
        const res = await fetch(`${this.urls[server]}${path}`, { ...init, signal: AbortSignal.timeout(this.requestTimeoutMs) });
        const text = await res.text();
        const endedAt = Date.now();
        this.exchanges.push({ server, method, path, status: res.status, startedAt, endedAt });
        const answer = { server, status: res.status, headers: res.headers, text, endedAt };
        if (res.status !== 503) return answer;
        last = answer;
        this.takeOut(server);
      } catch (err) {
        const error = networkErrorCode(err);
        this.exchanges.push({ server, method, path, status: "network", error, startedAt, endedAt: Date.now() });
        lastError = err;
        this.takeOut(server);
      }
    }
    if (last) return last;
    throw lastError instanceof Error ? lastError : new Error(String(lastError));
  }
}

/**
 * One user's profile versions as its one client learns them through the HTTP API: every acknowledged write
 * (200 with the new version in its ETag) and every version a read showed. A write that was not acknowledged
 * (no answer, a 5xx, or a 412 after a retry) is settled by the next read: committed (the read shows it as the
 * next version) or not (the read shows the version it was written over). Whatever contradicts one writer's
 * sequential history (two values for one version, a version skipped, a write committed after a read said it
 * wasn't) is a problem.
 */
export class ProfileHistory {
  /** Version → value (givenName, also written to address.locality) and whether a 200 said so. */
  readonly versions = new Map<number, { value: string | null; acknowledged: boolean }>();
  readonly acknowledged: Array<{ version: number; value: string; server: number; at: number }> = [];
  /** Writes not acknowledged that a later read showed committed. */
  readonly committedUnacknowledged: Array<{ version: number; value: string; outcome: string }> = [];
  /** Writes not acknowledged that a later read showed not committed. */
  notCommitted = 0;
  readonly problems: string[] = [];
  private latest: { version: number; value: string | null } | undefined;
  private pending: { value: string; outcome: string } | undefined;
  private readonly settledNotCommitted = new Set<string>();

  constructor(readonly username: string) {}

  /** The newest version known, with its value. */
  get current() {
    return this.latest;
  }

  /** Whether a write's outcome is still unknown (the next read settles it). */
  get unsettled(): boolean {
    return this.pending !== undefined;
  }

  private record(version: number, value: string | null, acknowledged: boolean) {
    const known = this.versions.get(version);
    if (known && known.value !== value) {
      this.problems.push(`${this.username}: version ${version} was "${known.value}", now "${value}"`);
    }
    this.versions.set(version, { value, acknowledged: acknowledged || (known?.acknowledged ?? false) });
    if (!this.latest || version >= this.latest.version) this.latest = { version, value };
  }

  acknowledge(version: number, value: string, server: number, at: number) {
    if (this.pending) this.problems.push(`${this.username}: "${value}" acknowledged while "${this.pending.value}" was unsettled`);
    if (this.latest && version !== this.latest.version + 1) {
      this.problems.push(`${this.username}: "${value}" acknowledged as version ${version}, written over version ${this.latest.version}`);
    }
    this.acknowledged.push({ version, value, server, at });
    this.record(version, value, true);
  }

  /** A write that got no 200: its outcome is unknown until the next read. */
  unacknowledged(value: string, outcome: string) {
    if (this.pending) this.problems.push(`${this.username}: "${value}" written while "${this.pending.value}" was unsettled`);
    this.pending = { value, outcome };
  }

  /** What a read showed: settles the write in doubt, if any. */
  observe(version: number, value: string | null, locality: string | null) {
    const who = this.username;
    if (value !== locality) this.problems.push(`${who}: torn write at version ${version}: givenName "${value}", locality "${locality}"`);
    const latest = this.latest;
    const pending = this.pending;
    this.pending = undefined;
    if (value !== null && this.settledNotCommitted.has(value)) {
      this.problems.push(`${who}: "${value}" shows as version ${version}, though an earlier read showed it had not committed`);
    }
    if (latest) {
      if (version === latest.version) {
        if (pending) {
          this.notCommitted++;
          this.settledNotCommitted.add(pending.value);
        }
      } else if (version === latest.version + 1 && pending && value === pending.value) {
        this.committedUnacknowledged.push({ version, value, outcome: pending.outcome });
      } else {
        this.problems.push(
          `${who}: read version ${version} "${value}" after version ${latest.version} "${latest.value}"` +
            (pending ? ` with "${pending.value}" (${pending.outcome}) in doubt` : " with no write in doubt"),
        );
      }
    }
    this.record(version, value, false);
  }

  /**
   * Compares the state every instance answers at the end with the history: it is the newest version known with
   * its value, and each version from the first read to it is known (no write committed unseen).
   */
  checkFinal(final: { version: number; value: string | null }): string[] {
    const problems = [...this.problems];
    const who = this.username;
    if (this.pending) problems.push(`${who}: "${this.pending.value}" (${this.pending.outcome}) still unsettled`);
    const latest = this.latest;
    if (!latest) return [...problems, `${who}: never read`];
    if (final.version !== latest.version || final.value !== latest.value) {
      problems.push(`${who}: final state v${final.version} "${final.value}", but the newest known is v${latest.version} "${latest.value}"`);
    }
    const first = Math.min(...this.versions.keys());
    for (let v = first; v <= final.version; v++) if (!this.versions.has(v)) problems.push(`${who}: version ${v} never seen`);
    const newestAck = this.acknowledged.at(-1);
    if (newestAck && newestAck.version > final.version) problems.push(`${who}: LOST — version ${newestAck.version} was acknowledged, final is ${final.version}`);
    return problems;
  }
}

/**
 * One user's only writer, through a balancer: reads the profile, then PATCHes it with If-Match over and over
 * (givenName and address.locality set to one new value, so a torn write shows), a new value each time, until
 * `stop()` says so. Anything but a 200 sends it back to reading, which settles the write in doubt (see
 * {@link ProfileHistory}); it ends with a read that settles the last one.
 */
export async function runBalancedWriter(options: {
  balancer: Balancer;
  token: () => Promise<string>;
  history: ProfileHistory;
  tag: string;
  stop: () => boolean;
  /** Pause after a failed attempt (default 50 ms). */
  backoffMs?: number;
}): Promise<void> {
  const { balancer, history } = options;
  const backoff = options.backoffMs ?? 50;
  let etag: string | null = null;
  let seq = 0;
  const headers = async (extra: Record<string, string> = {}) => ({ Authorization: `Bearer ${await options.token()}`, ...extra });
  const read = async (): Promise<boolean> => {
    const answer = await balancer.send("/api/profile", { headers: await headers() }).catch(() => undefined);
    const version = answer?.status === 200 ? etagVersion(answer.headers.get("ETag")) : undefined;
    if (!answer || version === undefined) return false;
    const body = JSON.parse(answer.text) as { givenName?: string | null; address?: { locality?: string | null } | null };
    history.observe(version, body.givenName ?? null, body.address?.locality ?? null);
    etag = answer.headers.get("ETag");
    return true;
  };

  while (!options.stop()) {
    if (!etag) {
      if (!(await read())) await sleep(backoff);
      continue;
    }
    const value = `${options.tag}-${++seq}`;
    const ifMatch: string = etag;
    const answer: BalancedAnswer | string = await balancer
      .send("/api/profile", {
        method: "PATCH",
        headers: await headers({ "Content-Type": "application/json", "If-Match": ifMatch }),
        body: JSON.stringify({ givenName: value, address: { locality: value } }),
      })
      .catch((err: unknown) => networkErrorCode(err));
    const version = typeof answer !== "string" && answer.status === 200 ? etagVersion(answer.headers.get("ETag")) : undefined;
    if (typeof answer !== "string" && version !== undefined) {
      const body = JSON.parse(answer.text) as { givenName?: string | null };
      if (body.givenName !== value) history.problems.push(`${history.username}: PATCH "${value}" answered "${body.givenName}"`);
      history.acknowledge(version, value, answer.server, answer.endedAt);
      etag = answer.headers.get("ETag");
    } else {
      history.unacknowledged(value, typeof answer === "string" ? answer : String(answer.status));
      etag = null;
      await sleep(backoff);
    }
  }
  // The last write in doubt is settled before the history is checked.
  for (const deadline = Date.now() + 10_000; history.unsettled && Date.now() < deadline; ) if (!(await read())) await sleep(backoff);
}
