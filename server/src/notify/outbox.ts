import type { Kysely } from "kysely";
import { currentCapture, currentInboxOwner } from "../demo/inbox";
import type { Database } from "../store/schema";
import { insertOutboxMessage } from "../store/outbox";
import type { Notifier } from "./types";

/**
 * Demo mode: each message lands in the database, kept under the subject of the session it was sent for, for the
 * demo page's inbox to show that person. With `forward` (SMTP or the SMS gateway configured) it is also sent, first.
 */
export function outboxNotifier(
  db: Kysely<Database>,
  channel: "sms" | "email",
  now: () => Date = () => new Date(),
  forward?: Notifier,
): Notifier {
  return {
    async send(message) {
      const capture = currentCapture();
      if (capture) {
        capture.push(message);
        return;
      }
      await forward?.send(message);
      await insertOutboxMessage(db, {
        channel,
        recipient: message.to,
        text: channel === "email" ? `${message.subject}\n\n${message.text}` : message.text,
        created_at: now().toISOString(),
        owner: currentInboxOwner(),
      });
    },
  };
}
