import type { Config } from "./config";
import type { Notifier } from "./notify/types";
import { ActivityService } from "./services/activity";
import { NoticeDispatcher } from "./services/security-notices";
import type { Store } from "./store/db";

export interface BackgroundJobs {
  /** Sends what is due now (tests, and a shutdown that wants nothing left waiting). */
  dispatchNow(): Promise<number>;
  /** Prunes now: events past ACTIVITY_RETENTION_DAYS, old notices. */
  pruneNow(): Promise<{ events: number; notices: number }>;
  /** Stops the timers and waits for a run in progress. */
  stop(): Promise<void>;
}

/**
 * The server's work outside requests, one set per process: sending the security notices that are due (every
 * `pollMs`), and pruning old activity (soon after start, then every `pruneEveryMs`). Each run is awaited before the
 * next is scheduled, so runs never overlap; a failing one is logged and the next comes as planned.
 */
export function startBackgroundJobs(deps: {
  store: Store;
  config: Pick<Config, "activityRetentionDays" | "securityNotifications" | "webauthn">;
  email?: Notifier;
  log: (entry: Record<string, unknown>) => void;
  now?: () => Date;
  pollMs?: number;
  pruneEveryMs?: number;
}): BackgroundJobs {
  const { store, config, log } = deps;
  const activity = new ActivityService(store, { retentionDays: config.activityRetentionDays, now: deps.now });
  // Notices already queued still go out after SECURITY_NOTIFICATIONS is turned off: they were promised by then.
  const dispatcher = deps.email ? new NoticeDispatcher(store, { email: deps.email, appName: config.webauthn.rpName, now: deps.now, log }) : null;
  const timers = new Set<NodeJS.Timeout>();
  const running = new Set<Promise<unknown>>();
  let stopped = false;

  const dispatchNow = async () => (dispatcher ? dispatcher.runOnce() : 0);
  const pruneNow = async () => {
    const events = await activity.prune();
    const notices = dispatcher ? await dispatcher.prune() : 0;
    if (events + notices > 0) log({ msg: "pruned", events, notices, retentionDays: config.activityRetentionDays });
    return { events, notices };
  };

  const every = (name: string, firstMs: number, ms: number, job: () => Promise<unknown>) => {
    const tick = () => {
      timers.delete(timer);
      if (stopped) return;
      const run: Promise<unknown> = job()
        .catch((err: unknown) => log({ level: "warn", msg: `${name} failed`, error: err instanceof Error ? err.message : String(err) }))
        .finally(() => {
          running.delete(run);
          if (!stopped) schedule(ms);
        });
      running.add(run);
    };
    let timer: NodeJS.Timeout;
    const schedule = (delay: number) => {
      timer = setTimeout(tick, delay);
      timer.unref();
      timers.add(timer);
    };
    schedule(firstMs);
  };
  if (dispatcher) every("security notice dispatch", deps.pollMs ?? 5_000, deps.pollMs ?? 5_000, dispatchNow);
  every("activity pruning", 30_000, deps.pruneEveryMs ?? 6 * 3_600_000, pruneNow);

  return {
    dispatchNow,
    pruneNow,
    async stop() {
      stopped = true;
      for (const timer of timers) clearTimeout(timer);
      await Promise.all(running);
    },
  };
}
