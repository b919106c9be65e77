import { AsyncLocalStorage } from "node:async_hooks";
import type { Context } from "hono";

/**
 * What the server knows of the request being served, for whatever runs inside it: the log's request id, and the
 * client's address and user agent that a security event records.
 */
export interface RequestContext {
  requestId: string;
  ip: string | null;
  userAgent: string | null;
  /** The Accept-Language header (the widget sends its own language): security notices are written in it. */
  acceptLanguage: string | null;
}

const scope = new AsyncLocalStorage<RequestContext>();

export const runInRequest = <T>(context: RequestContext, work: () => Promise<T>): Promise<T> => scope.run(context, work);

/** The request being served, or undefined outside one (background jobs, start-up). */
export const currentRequest = (): RequestContext | undefined => scope.getStore();

/** A User-Agent kept at most this long: enough for any real browser's, and bounded for a forged one. */
const MAX_USER_AGENT = 512;

/**
 * The client's address: the socket's peer, or with `trustProxyHops` proxies in front, the X-Forwarded-For entry that
 * the outermost trusted proxy appended (entries a client wrote itself sit further left and are ignored).
 */
export function clientAddress(c: Context, trustProxyHops: number): string | null {
  const socket = (c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined)?.incoming?.socket;
  const peer = normalizeIp(socket?.remoteAddress);
  if (trustProxyHops <= 0) return peer;
  const forwarded = (c.req.header("X-Forwarded-For") ?? "").split(",").map((s) => s.trim()).filter(Boolean);
  return normalizeIp(forwarded[forwarded.length - trustProxyHops]) ?? peer;
}

/** The request's Accept-Language, capped; null when absent. */
export function acceptLanguageOf(c: Context): string | null {
  return c.req.header("Accept-Language")?.slice(0, 200) || null;
}

/** The request's User-Agent, capped; null when absent. */
export function userAgentOf(c: Context): string | null {
  const ua = c.req.header("User-Agent")?.trim();
  return ua ? ua.slice(0, MAX_USER_AGENT) : null;
}

/** An IPv4 or IPv6 address as text, without the IPv4-mapped prefix; anything else is null. */
function normalizeIp(value: string | undefined): string | null {
  if (!value) return null;
  const ip = value.replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/i, "");
  return /^[\d.]{7,15}$/.test(ip) || /^[0-9a-f:]{2,45}$/i.test(ip) ? ip : null;
}
