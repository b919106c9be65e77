import type { MiddlewareHandler } from "hono";
import { errors } from "../errors";
import { refuseDeclaredOversize } from "./http";

/** The app's middleware: response headers, CORS, and the guard on request bodies. (The session check is auth/.) */

/*
 * Response headers set before the handler runs (`c.header` on a response not yet made). Setting
 * them afterwards would make Hono copy the finished response, and with it rebuild its body as a
 * stream: on a small JSON answer that copy costs more than the database read.
 */

const CORS_METHODS = "GET,POST,PATCH,DELETE,OPTIONS";
const CORS_REQUEST_HEADERS = "Authorization,Content-Type,If-Match,Idempotency-Key";
const CORS_EXPOSED_HEADERS = "ETag,X-Request-Id,Retry-After,Content-Disposition";
const CORS_MAX_AGE_SECONDS = "600";

/**
 * CORS for the API: an allowed Origin is echoed, any other gets no Access-Control-Allow-Origin at
 * all. Preflights (every OPTIONS request) are answered 204 here.
 */
export function apiCors(allowedOrigins: Iterable<string>): MiddlewareHandler {
  const allowed = new Set(allowedOrigins);
  return async function cors(c, next) {
    const origin = c.req.header("Origin");
    if (origin !== undefined && allowed.has(origin)) {
      c.header("Access-Control-Allow-Origin", origin);
      c.header("Access-Control-Expose-Headers", CORS_EXPOSED_HEADERS);
    }
    if (c.req.method === "OPTIONS") {
      c.header("Access-Control-Allow-Methods", CORS_METHODS);
      c.header("Access-Control-Allow-Headers", CORS_REQUEST_HEADERS);
      c.header("Access-Control-Max-Age", CORS_MAX_AGE_SECONDS);
      c.header("Vary", "Origin, Access-Control-Request-Headers");
      return c.body(null, 204);
    }
    c.header("Vary", "Origin");
    await next();
  };
}

/** Every API answer: readable only by the page that asked (CORS permitting), never stored by caches unless a route says so. */
export const apiResponseHeaders: MiddlewareHandler = async function apiHeaders(c, next) {
  c.header("Cross-Origin-Resource-Policy", "same-origin");
  c.header("Cache-Control", "no-store");
  await next();
};

/** The headers helmet-style middleware sets, for every response. */
export function securityHeaders(options: { hsts: boolean }): MiddlewareHandler {
  const headers: Array<[string, string]> = [
    ["Cross-Origin-Opener-Policy", "same-origin"],
    ["Origin-Agent-Cluster", "?1"],
    ["Referrer-Policy", "no-referrer"],
    ["X-Content-Type-Options", "nosniff"],
    ["X-DNS-Prefetch-Control", "off"],
    ["X-Download-Options", "noopen"],
    ["X-Frame-Options", "DENY"],
    ["X-Permitted-Cross-Domain-Policies", "none"],
    ["X-XSS-Protection", "0"],
  ];
  if (options.hsts) headers.push(["Strict-Transport-Security", "max-age=31536000; includeSubDomains"]);
  return async function security(c, next) {
    for (const [name, value] of headers) c.header(name, value);
    await next();
  };
}

const WRITE_METHODS = new Set(["POST", "PUT", "PATCH"]);

/**
 * Writes must be JSON (415 otherwise, which also stops simple cross-site form posts), and a declared body over
 * the limit is refused before anything else (readBodyText enforces the limit while reading too).
 */
export const requireJsonWrites: MiddlewareHandler = async function requireJson(c, next) {
  refuseDeclaredOversize(c);
  if (WRITE_METHODS.has(c.req.method)) {
    const type = c.req.header("Content-Type") ?? "";
    if (!/^application\/json\s*(;|$)/i.test(type)) throw errors.unsupportedMediaType();
  }
  await next();
};
