import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { SMTPServer } from "smtp-server";

/** Loopback stand-ins for an SMTP server and an SMS gateway that keep the codes they are sent. */

export async function startSmtpReceiver() {
  const mails: Array<{ to: string[]; raw: string }> = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS", "AUTH"],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (c: Buffer) => chunks.push(c));
      stream.on("end", () => {
        mails.push({ to: session.envelope.rcptTo.map((r) => r.address), raw: Buffer.concat(chunks).toString("utf8") });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.server.address() as AddressInfo).port;
  return {
    url: `smtp://127.0.0.1:${port}`,
    mails,
    /** The code in the newest mail to `to`. */
    codeFor(to: string): string {
      const mail = [...mails].reverse().find((m) => m.to.includes(to));
      const code = mail?.raw.match(/verification code is (\d{6})\./)?.[1];
      if (!code) throw new Error(`no code was mailed to ${to}`);
      return code;
    },
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

export async function startSmsReceiver() {
  const messages: Array<{ to: string; code: string; text: string; signature: string }> = [];
  let status = 200;
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const body = JSON.parse(Buffer.concat(chunks).toString("utf8")) as { to: string; code: string; text: string };
      if (status < 300) messages.push({ ...body, signature: String(req.headers["x-signature"] ?? "") });
      res.statusCode = status;
      res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/sms`,
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
