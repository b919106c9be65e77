import type { Kysely } from "kysely";
import type { Database } from "../store/schema";
import { insertOutboxMessage } from "../store/outbox";
import type { Notifier } from "./types";

/** Demo mode without SMTP or an SMS gateway: messages land in the database for the demo page to show. */
export function outboxNotifier(db: Kysely<Database>, channel: "sms" | "email", now: () => Date = () => new Date()): Notifier {
  return {
    async send(message) {
      await insertOutboxMessage(db, {
        channel,
        recipient: message.to,
        text: channel === "email" ? `${message.subject}\n\n${message.text}` : message.text,
        created_at: now().toISOString(),
      });
    },
  };
}
