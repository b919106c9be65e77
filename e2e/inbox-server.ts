// The outside world of the e2e tests: a real SMTP server that receives the widget's emails, and an SMS
// gateway webhook that checks the HMAC signature (testkit/receivers.ts). Tests read what arrived at
// GET /messages?to=….
import { createServer } from "node:http";
import { startSmsReceiver, startSmtpReceiver } from "../testkit/receivers";

const smtpPort = Number(process.env.SMTP_PORT ?? 8799);
const smsPort = Number(process.env.SMS_PORT ?? 8801);
const httpPort = Number(process.env.INBOX_PORT ?? 8800);

const smtp = await startSmtpReceiver({ port: smtpPort });
const sms = await startSmsReceiver({ port: smsPort, secret: process.env.SMS_WEBHOOK_SECRET ?? "", refuseBadSignatures: true });

/** Everything that arrived, oldest first: emails to each recipient, and texts. */
function messages() {
  const emails = smtp.mails.flatMap((mail) =>
    mail.to.map((to) => ({ channel: "email" as const, to: to.toLowerCase(), text: mail.text, code: mail.code, at: mail.at })),
  );
  const texts = sms.messages.map((m) => ({ channel: "sms" as const, to: m.to, text: m.text, code: m.code, at: m.at }));
  return [...emails, ...texts].sort((a, b) => a.at - b.at);
}

createServer((req, res) => {
  const url = new URL(req.url ?? "/", "http://inbox");
  if (req.method === "GET" && url.pathname === "/messages") {
    const to = url.searchParams.get("to")?.toLowerCase();
    res.writeHead(200, { "Content-Type": "application/json" });
    res.end(JSON.stringify(messages().filter((m) => !to || m.to.toLowerCase() === to)));
    return;
  }
  res.writeHead(404).end();
}).listen(httpPort, "127.0.0.1", () => console.log(`inbox: smtp ${smtpPort}, sms ${smsPort}, http ${httpPort}`));
