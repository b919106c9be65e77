import type { Kysely } from "kysely";
import type { ActivityDetail, ActivityEvent, ActivityPage, ActivityType, DeviceType } from "../../../contract/api";
import { errors } from "../errors";
import type { Store } from "../store/db";
import { softwareLabels } from "../user-agent";
import { listUserEvents, pruneEventsBefore, type AuditEventRow } from "../store/activity";
import { listDevices } from "../store/mfa-devices";
import type { Database } from "../store/schema";
import type { Session } from "./session";
import { userForRead } from "./users";

/**
 * The events a person is shown (GET /api/activity, the export): every change of their account and every proof of a
 * second factor. Bookkeeping of the flows (a code sent, a challenge opened, a change replaced) stays in the log only.
 */
export const ACTIVITY_TYPES = [
  "user.created",
  "profile.updated",
  "profile.change.opened",
  "profile.change.verified",
  "profile.change.code_rejected",
  "profile.change.cancelled",
  "mfa.enabled",
  "mfa.disabled",
  "mfa.recovery_codes.created",
  "mfa.recovery_codes.replaced",
  "mfa.device.added",
  "mfa.device.activated",
  "mfa.device.renamed",
  "mfa.device.default_set",
  "mfa.device.removed",
  "mfa.device.code_rejected",
  "mfa.device.discarded",
  "mfa.verification.succeeded",
  "mfa.verification.failed",
] as const satisfies readonly ActivityType[];

export const ACTIVITY_PAGE_DEFAULT = 20;
export const ACTIVITY_PAGE_MAX = 100;
/** How many events the export carries at most (newest first): years of a busy account. */
export const EXPORT_EVENTS_MAX = 10_000;
const DAY_MS = 86_400_000;

export interface ActivityOptions {
  retentionDays: number;
  now?: () => Date;
}

/** The person's own security events, and keeping them no longer than ACTIVITY_RETENTION_DAYS. */
export class ActivityService {
  constructor(
    private readonly store: Pick<Store, "db" | "transact">,
    private readonly options: ActivityOptions,
  ) {}

  private now(): Date {
    return this.options.now?.() ?? new Date();
  }

  /** The oldest time an event may have to be shown: pruning runs in the background, reading never waits for it. */
  private since(): string {
    return new Date(this.now().getTime() - this.options.retentionDays * DAY_MS).toISOString();
  }

  async page(session: Session, query: { limit?: string; before?: string }): Promise<ActivityPage> {
    const limit = parseLimit(query.limit);
    const before = parseCursor(query.before);
    const user = await userForRead(this.store, session, this.now().toISOString());
    // One more than asked tells whether a next page exists without a second query.
    const rows = await listUserEvents(this.store.db, user.id, { actions: ACTIVITY_TYPES, limit: limit + 1, before, since: this.since() });
    const shown = rows.slice(0, limit);
    return {
      events: await this.describe(this.store.db, user.id, shown),
      next: rows.length > limit ? String(shown[shown.length - 1]!.id) : null,
    };
  }

  /** Every event kept for the user, newest first (the data export). */
  async all(db: Kysely<Database>, userId: string): Promise<ActivityEvent[]> {
    const rows = await listUserEvents(db, userId, { actions: ACTIVITY_TYPES, limit: EXPORT_EVENTS_MAX, since: this.since() });
    return this.describe(db, userId, rows);
  }

  /** Deletes events older than the retention, `batch` at a time until none is left; returns how many went. */
  async prune(batch = 500): Promise<number> {
    const before = this.since();
    let total = 0;
    for (;;) {
      const deleted = await pruneEventsBefore(this.store.db, before, batch);
      total += deleted;
      if (deleted < batch) return total;
      // Let waiting requests in between batches.
      await new Promise((resolve) => setImmediate(resolve));
    }
  }

  private async describe(db: Kysely<Database>, userId: string, rows: AuditEventRow[]): Promise<ActivityEvent[]> {
    const needsDevices = rows.some((row) => row.detail.includes('"deviceId"'));
    const devices = new Map(needsDevices ? (await listDevices(db, userId)).map((d) => [d.id, d]) : []);
    const details = rows.map((row) => JSON.parse(row.detail) as Record<string, unknown>);
    // A removed device is named as its newest event of these names it (its removal keeps the nickname it had).
    const recorded = new Map<string, string>();
    for (const d of details) {
      if (typeof d.deviceId === "string" && typeof d.nickname === "string" && !recorded.has(d.deviceId)) recorded.set(d.deviceId, d.nickname);
    }
    return rows.map((row, i) => {
      const stored = details[i]!;
      const detail: ActivityDetail = {};
      if (Array.isArray(stored.fields)) detail.fields = stored.fields.filter((f): f is string => typeof f === "string");
      if (typeof stored.field === "string") detail.field = stored.field;
      if (typeof stored.deviceId === "string") {
        const device = devices.get(stored.deviceId);
        const type = (device?.type ?? stored.type) as DeviceType | undefined;
        if (type) {
          detail.device = {
            id: stored.deviceId,
            type,
            nickname: device?.nickname ?? recorded.get(stored.deviceId) ?? null,
          };
        }
      }
      if (typeof stored.method === "string") detail.method = stored.method as ActivityDetail["method"];
      if (typeof stored.purpose === "string") detail.purpose = stored.purpose as ActivityDetail["purpose"];
      if (typeof stored.reason === "string") detail.reason = stored.reason;
      if (typeof stored.attempts === "number") detail.attempts = stored.attempts;
      return {
        id: String(row.id),
        type: row.action as ActivityType,
        at: row.created_at,
        ip: row.ip,
        userAgent: softwareLabels(row.user_agent),
        detail,
      };
    });
  }
}

function parseLimit(value: string | undefined): number {
  if (value === undefined) return ACTIVITY_PAGE_DEFAULT;
  if (!/^\d{1,3}$/.test(value) || Number(value) < 1 || Number(value) > ACTIVITY_PAGE_MAX) {
    throw errors.validationFailed({ limit: `Give a whole number from 1 to ${ACTIVITY_PAGE_MAX}.` });
  }
  return Number(value);
}

/** `before` is a previous page's `next`: an event id. */
function parseCursor(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (!/^[1-9]\d{0,15}$/.test(value)) throw errors.validationFailed({ before: "Give the `next` of a previous page." });
  return Number(value);
}
