// The outside world of the e2e tests: a real SMTP server that receives the widget's emails, and an
// SMS gateway webhook that checks the HMAC signature. Tests read what arrived at GET /messages?to=….
import { createHmac, timingSafeEqual } from "node:crypto";
import { createServer } from "node:http";
import { SMTPServer } from "smtp-server";

const smtpPort = Number(process.env.SMTP_PORT ?? 8799);
const httpPort = Number(process.env.INBOX_PORT ?? 8800);
const secret = process.env.SMS_WEBHOOK_SECRET ?? "";
/** @type {{channel: "email" | "sms", to: string, text: string, code: string | null, at: number}[]} */
const messages = [];

const smtp = new SMTPServer({
  authOptional: true,
  disabledCommands: ["STARTTLS"],
  onData(stream, session, done) {
    let raw = "";
    stream.setEncoding("utf8");
    stream.on("data", (chunk) => (raw += chunk));
    stream.on("end", () => {
      const text = raw.replace(/=\r?\n/g, "");
      for (const rcpt of session.envelope.rcptTo) {
        messages.push({ channel: "email", to: rcpt.address.toLowerCase(), text, code: text.match(/\b(\d{6})\b/)?.[1] ?? null, at: Date.now() });
      }
      done();
    });
  },
});
smtp.listen(smtpPort, "127.0.0.1");

createServer((req, res) => {
  const url = new URL(req.url ?? "/", "http://inbox");
  if (req.method === "POST" && url.pathname === "/sms") {
    let body = "";
    req.on("data", (c) => (body += c));
    req.on("end", () => {
      const expected = `sha256=${createHmac("sha256", secret).update(body).digest("hex")}`;
      const given = String(req.headers["x-signature"] ?? "");
      if (given.length !== expected.length || !timingSafeEqual(Buffer.from(given), Buffer.from(expected))) {
        res.writeHead(401).end("bad signature");
        return;
      }
      const { to, text, code } = JSON.parse(body);
      messages.push({ channel: "sms", to, text, code, at: Date.now() });
      res.writeHead(202).end();
    });
    return;
  }
  if (req.method === "GET" && url.pathname === "/messages") {
    const to = url.searchParams.get("to")?.toLowerCase();
    res.writeHead(200, { "Content-Type": "application/json" });
    res.end(JSON.stringify(messages.filter((m) => !to || m.to.toLowerCase() === to)));
    return;
  }
  res.writeHead(404).end();
}).listen(httpPort, "127.0.0.1", () => console.log(`inbox: smtp ${smtpPort}, http ${httpPort}`));
