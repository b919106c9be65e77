import type { Transporter } from "nodemailer";
import { DeliveryError, type Notifier } from "./types";

/** Sends codes by email through the SMTP server at `url` (smtp:// or smtps://). */
export function smtpNotifier(options: { url: string; from: string; timeoutMs?: number }): Notifier & { close(): void } {
  const timeout = options.timeoutMs ?? 10_000;
  // nodemailer is loaded with the first message, not at start-up.
  let transport: Promise<Transporter> | undefined;
  const connect = async () => {
    const { default: nodemailer } = await import("nodemailer");
    return nodemailer.createTransport({
      url: options.url,
      connectionTimeout: timeout,
      greetingTimeout: timeout,
      socketTimeout: timeout,
    });
  };
  return {
    async send(message) {
      try {
        transport ??= connect();
        await (await transport).sendMail({ from: options.from, to: message.to, subject: message.subject, text: message.text });
      } catch (err) {
        throw new DeliveryError("email", `SMTP delivery failed: ${err instanceof Error ? err.message : String(err)}`, {
          cause: err,
        });
      }
    },
    close: () => void transport?.then((t) => t.close()),
  };
}
