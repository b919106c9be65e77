// A host page on its own origin that embeds the widget by script tag, as a customer's site would.
import { readFileSync } from "node:fs";
import { createServer } from "node:http";

const port = Number(process.env.HOST_PORT ?? 8798);
const api = process.env.API_ORIGIN ?? "http://127.0.0.1:8797";
const dir = new URL("./host/", import.meta.url);
const files = {
  "/": ["index.html", "text/html; charset=utf-8"],
  "/host.js": ["host.js", "text/javascript; charset=utf-8"],
  "/host.css": ["host.css", "text/css; charset=utf-8"],
  "/brand.css": ["brand.css", "text/css; charset=utf-8"],
};
// As strict as a careful customer's: no inline script or style anywhere.
const csp = [
  "default-src 'self'",
  `script-src 'self' ${api}`,
  "style-src 'self'",
  `connect-src 'self' ${api}`,
  "img-src 'self' https: data:",
  "object-src 'none'",
  "base-uri 'none'",
  // Trusted Types: only Lit's own policy may create HTML, so the widget can never take the innerHTML route.
  "require-trusted-types-for 'script'",
  "trusted-types lit-html",
].join("; ");

createServer((req, res) => {
  const url = new URL(req.url ?? "/", `http://${req.headers.host}`);
  const file = files[url.pathname];
  if (!file) {
    res.writeHead(404).end("not found");
    return;
  }
  const body = readFileSync(new URL(file[0], dir), "utf8").replaceAll("__API_ORIGIN__", api);
  res.writeHead(200, { "Content-Type": file[1], "Content-Security-Policy": csp, "Cache-Control": "no-store" });
  res.end(body);
}).listen(port, "127.0.0.1", () => console.log(`host page on http://127.0.0.1:${port}`));
