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
