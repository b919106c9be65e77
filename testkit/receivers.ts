import { createHmac, timingSafeEqual } from "node:crypto";
import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { SMTPServer } from "smtp-server";

/**
 * Loopback stand-ins for the outside world the server delivers codes to: a real SMTP server, and an SMS
 * gateway webhook that checks the signature the way the docs tell integrators to. Used by the server's
 * tests and the browser tests (e2e/inbox-server.ts); testkit/postgres.ts serves the bench and soak runs too.
 */

export interface ReceivedMail {
  from: string;
  to: string[];
  /** The message as sent, headers and all. */
  raw: string;
  /** The message with quoted-printable soft line breaks joined, as a reader sees it. */
  text: string;
  /** The first 6-digit number in it, if any. */
  code: string | null;
  at: number;
}

const codeIn = (text: string) => text.match(/\b(\d{6})\b/)?.[1] ?? null;

export async function startSmtpReceiver(options: { port?: number } = {}) {
  const mails: ReceivedMail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS", "AUTH"],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (c: Buffer) => chunks.push(c));
      stream.on("end", () => {
        const raw = Buffer.concat(chunks).toString("utf8");
        const text = raw.replace(/=\r?\n/g, "");
        mails.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : "",
          to: session.envelope.rcptTo.map((r) => r.address),
          raw,
          text,
          code: codeIn(text),
          at: Date.now(),
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, "127.0.0.1", resolve));
  const port = (server.server.address() as AddressInfo).port;
  return {
    url: `smtp://127.0.0.1:${port}`,
    port,
    mails,
    /** The code in the newest mail to `to`. */
    codeFor(to: string): string {
      const mail = [...mails].reverse().find((m) => m.to.includes(to));
      const code = mail?.text.match(/ is (\d{6})\./)?.[1];
      if (!code) throw new Error(`no code was mailed to ${to}`);
      return code;
    },
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

export interface ReceivedSms {
  to: string;
  code: string;
  text: string;
  signature: string;
  /** Whether X-Signature is the HMAC-SHA256 of the raw body under the secret (false without a secret). */
  signatureValid: boolean;
  headers: IncomingHttpHeaders;
  body: string;
  at: number;
}

/**
 * The SMS webhook. With `secret`, the signature is checked; `refuseBadSignatures` then answers 401 to a
 * request that fails it (and keeps nothing), as a real gateway integration would.
 */
export async function startSmsReceiver(options: { port?: number; secret?: string; refuseBadSignatures?: boolean } = {}) {
  const messages: ReceivedSms[] = [];
  let status = 200;
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const body = Buffer.concat(chunks);
      const signature = String(req.headers["x-signature"] ?? "");
      const expected = options.secret ? Buffer.from(`sha256=${createHmac("sha256", options.secret).update(body).digest("hex")}`) : undefined;
      const given = Buffer.from(signature);
      const signatureValid = expected !== undefined && given.length === expected.length && timingSafeEqual(given, expected);
      if (options.refuseBadSignatures && !signatureValid) {
        res.writeHead(401).end("bad signature");
        return;
      }
      const parsed = JSON.parse(body.toString("utf8")) as { to: string; code: string; text: string };
      if (status < 300) {
        messages.push({ ...parsed, signature, signatureValid, headers: req.headers, body: body.toString("utf8"), at: Date.now() });
      }
      res.statusCode = status;
      res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}/sms`,
    port,
    messages,
    /** How the gateway answers from now on (e.g. 500 to play a failing gateway). */
    answerWith(next: number) {
      status = next;
    },
    codesFor: (to: string) => messages.filter((m) => m.to === to).map((m) => m.code),
    codeFor(to: string): string {
      const code = messages.filter((m) => m.to === to).at(-1)?.code;
      if (!code) throw new Error(`no SMS was sent to ${to}`);
      return code;
    },
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}
