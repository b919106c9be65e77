import { createHmac } from "node:crypto";
import AxeBuilder from "@axe-core/playwright";
import { expect, type Page, type Locator } from "@playwright/test";

export const API_ORIGIN = "http://127.0.0.1:8797";
export const INBOX = "http://127.0.0.1:8800";

/** The newest one-time code that reached `to` (an email address or phone number), waiting for it to arrive. */
export async function receivedCode(to: string, after = 0): Promise<string> {
  for (let i = 0; i < 50; i++) {
    const res = await fetch(`${INBOX}/messages?to=${encodeURIComponent(to)}`);
    const messages = (await res.json()) as Array<{ code: string | null; at: number }>;
    const latest = messages.filter((m) => m.at > after && m.code).at(-1);
    if (latest?.code) return latest.code;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`no code arrived for ${to}`);
}

let counter = 0;
/** A username no other test uses, so tests can run in parallel on one database. */
export const uniqueUser = (prefix = "user") => `${prefix}-${process.pid}-${Date.now().toString(36)}-${counter++}`;

/** A session token from the demo identity provider, signed in `authAgeSeconds` ago. */
export async function tokenFor(username: string, authAgeSeconds = 0): Promise<string> {
  const res = await fetch(`${API_ORIGIN}/demo/session`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ username, authAgeSeconds }),
  });
  expect(res.status).toBe(200);
  return ((await res.json()) as { token: string }).token;
}

/** Opens the host page (another origin than the API) with the widget embedded by script tag. */
export async function openHost(page: Page, attributes: Record<string, string>): Promise<Locator> {
  await page.goto(`/?${new URLSearchParams(attributes)}`);
  return page.locator("profile-widget");
}

/** The host hands the widget a new session token, or (with null) takes it away, as a sign-out does. */
export const setSessionToken = (page: Page, token: string | null) =>
  page.evaluate((t) => {
    const widget = document.querySelector("profile-widget")!;
    if (t === null) widget.removeAttribute("data-session-token");
    else widget.setAttribute("data-session-token", t);
  }, token);

export type WidgetEvent = { type: string; detail: Record<string, unknown> };
export const widgetEvents = (page: Page) => page.evaluate(() => (window as unknown as { widgetEvents: WidgetEvent[] }).widgetEvents);
export const cspViolations = (page: Page) => page.evaluate(() => (window as unknown as { cspViolations: string[] }).cspViolations);

/** Reads a user's profile straight from the API, as a second client would. */
export async function readProfile(token: string) {
  const res = await fetch(`${API_ORIGIN}/api/profile`, { headers: { Authorization: `Bearer ${token}` } });
  return (await res.json()) as Record<string, unknown> & { address: Record<string, string | null> | null };
}

/** Calls the API as a second client would (to arrange a test, or to check what the widget did). */
export async function callApi<T = Record<string, unknown>>(token: string, method: string, path: string, body?: unknown) {
  const res = await fetch(`${API_ORIGIN}${path}`, {
    method,
    headers: { Authorization: `Bearer ${token}`, ...(body === undefined ? {} : { "Content-Type": "application/json" }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, body: (res.status === 204 ? null : await res.json()) as T };
}

/** Changes the profile through the API with its ETag, as another of the person's sessions would. */
export async function patchProfile(token: string, patch: Record<string, unknown>): Promise<void> {
  const current = await fetch(`${API_ORIGIN}/api/profile`, { headers: { Authorization: `Bearer ${token}` } });
  const res = await fetch(`${API_ORIGIN}/api/profile`, {
    method: "PATCH",
    headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json", "If-Match": current.headers.get("ETag") ?? "" },
    body: JSON.stringify(patch),
  });
  expect(res.status).toBe(200);
}

export type Device = { id: string; type: string; nickname: string; status: string; isDefault: boolean; target: string | null };
export type MfaState = { enabled: boolean; devices: Device[]; canAddDevice: boolean; maxDevices: number };

export const readMfa = async (token: string) => (await callApi<MfaState>(token, "GET", "/api/mfa")).body;

/** Turns MFA on and adds a verified email device through the API, reading its code from the SMTP inbox. */
export async function addEmailDevice(token: string, email: string, nickname?: string): Promise<Device> {
  expect((await callApi(token, "POST", "/api/mfa/enable", {})).status).toBe(200);
  const before = Date.now() - 1;
  const added = await callApi<{ device: Device }>(token, "POST", "/api/mfa/devices", { type: "email", email, nickname });
  expect(added.status).toBe(201);
  const { id } = added.body.device;
  const activated = await callApi<{ device: Device }>(token, "POST", `/api/mfa/devices/${id}/activate`, {
    otp: await receivedCode(email, before),
  });
  expect(activated.status).toBe(200);
  return activated.body.device;
}

/** Turns MFA on and adds an authenticator app through the API, with no nickname (the server names it); answers its
 * secret. The activation takes the previous time step, so the current one is left for the test. */
export async function addTotpDevice(token: string): Promise<string> {
  expect((await callApi(token, "POST", "/api/mfa/enable", {})).status).toBe(200);
  const added = await callApi<{ device: Device; totp: { secret: string } }>(token, "POST", "/api/mfa/devices", { type: "totp" });
  expect(added.status).toBe(201);
  const { secret } = added.body.totp;
  const activated = await callApi(token, "POST", `/api/mfa/devices/${added.body.device.id}/activate`, {
    otp: totpCode(secret, Date.now() - 30_000),
  });
  expect(activated.status).toBe(200);
  return secret;
}

/** Turns MFA on and adds a verified phone through the API, reading its code from the SMS webhook's inbox. */
export async function addSmsDevice(token: string, phone: string): Promise<void> {
  expect((await callApi(token, "POST", "/api/mfa/enable", {})).status).toBe(200);
  const before = Date.now() - 1;
  const added = await callApi<{ device: Device }>(token, "POST", "/api/mfa/devices", { type: "sms", phone });
  expect(added.status).toBe(201);
  const otp = await receivedCode(phone, before);
  expect((await callApi(token, "POST", `/api/mfa/devices/${added.body.device.id}/activate`, { otp })).status).toBe(200);
}

/** A phone number no other test uses (E.164, in the +1 555 fictional range). */
export const uniquePhone = () => `+1555${String(process.pid % 1000).padStart(3, "0")}${String(counter++ % 10000).padStart(4, "0")}`;

/** RFC 4648 base32 (A–Z, 2–7); spaces, padding and case are ignored. */
export function base32Decode(text: string): Buffer {
  const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
  let bits = 0;
  let value = 0;
  const out: number[] = [];
  for (const char of text.toUpperCase().replace(/[\s=]/g, "")) {
    const index = alphabet.indexOf(char);
    if (index < 0) throw new Error(`not base32: ${char}`);
    value = (value << 5) | index;
    bits += 5;
    if (bits >= 8) {
      bits -= 8;
      out.push((value >>> bits) & 0xff);
    }
  }
  return Buffer.from(out);
}

/** The RFC 6238 code an authenticator app shows for `secret`: HMAC-SHA1, 6 digits, 30-second steps. */
export function totpCode(secret: string, time = Date.now()): string {
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(Math.floor(time / 1000 / 30)));
  const hmac = createHmac("sha1", base32Decode(secret)).update(counter).digest();
  const offset = hmac[hmac.length - 1]! & 0x0f;
  const binary = hmac.readUInt32BE(offset) & 0x7fffffff;
  return String(binary % 1_000_000).padStart(6, "0");
}

/**
 * axe-core's findings for the widget (its shadow DOM included) on the host page, as "rule: target" lines, so a
 * failure names what to fix. Every rule axe runs by default: WCAG 2.x A/AA and best practices.
 */
export async function axeViolations(page: Page): Promise<string[]> {
  // Colours are measured as painted: let fades (a button coming back from its busy state) finish first.
  await page.evaluate(() =>
    Promise.all(
      (document.querySelector("profile-widget")?.shadowRoot?.getAnimations() ?? [])
        .filter((animation) => animation instanceof CSSTransition)
        .map((animation) => animation.finished.catch(() => undefined)),
    ),
  );
  const results = await new AxeBuilder({ page }).include("profile-widget").analyze();
  return results.violations.flatMap((v) =>
    v.nodes.map((node) => `${v.id} (${v.impact}): ${JSON.stringify(node.target)} ${node.failureSummary?.split("\n").slice(1, 2).join("") ?? ""}`),
  );
}

/** Presses Tab (or Shift+Tab) until `target` has focus, as a keyboard user would; fails after `max` presses. */
export async function tabTo(page: Page, target: Locator, { back = false, max = 30 } = {}): Promise<void> {
  for (let i = 0; i <= max; i++) {
    if (await target.evaluate((el) => (el.getRootNode() as Document | ShadowRoot).activeElement === el).catch(() => false)) return;
    await page.keyboard.press(back ? "Shift+Tab" : "Tab");
  }
  throw new Error(`${target} never took focus`);
}
