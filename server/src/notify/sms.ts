import { createHmac } from "node:crypto";
import { DeliveryError, type Notifier } from "./types";

/** The `X-Signature` header value for a webhook body: `sha256=<hex HMAC-SHA256 of the exact bytes>`. */
export function webhookSignature(secret: string, body: string): string {
  return `sha256=${createHmac("sha256", secret).update(body, "utf8").digest("hex")}`;
}

/**
 * Sends codes as SMS through the operator's gateway: POST JSON `{to, text, code, purpose}` to `url` (`code` null in
 * a notice), signed with `secret`; any 2xx answer counts as accepted.
 */
export function smsWebhookNotifier(options: { url: string; secret: string; timeoutMs?: number }): Notifier {
  const timeout = options.timeoutMs ?? 10_000;
  return {
    async send(message) {
      const body = JSON.stringify({ to: message.to, text: message.text, code: message.code ?? null, purpose: message.purpose });
      let res: Response;
      try {
        res = await fetch(options.url, {
          method: "POST",
          headers: { "Content-Type": "application/json", "X-Signature": webhookSignature(options.secret, body) },
          body,
          redirect: "error",
          signal: AbortSignal.timeout(timeout),
        });
      } catch (err) {
        throw new DeliveryError("sms", `SMS webhook unreachable: ${err instanceof Error ? err.message : String(err)}`, {
          cause: err,
        });
      }
      // Drain the body so the connection can be reused.
      await res.arrayBuffer().catch(() => undefined);
      if (!res.ok) throw new DeliveryError("sms", `SMS webhook answered ${res.status}`);
    },
  };
}
