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

export type WidgetEvent = { type: string; detail: Record<string, unknown> };
export const widgetEvents = (page: Page) => page.evaluate(() => (window as unknown as { widgetEvents: WidgetEvent[] }).widgetEvents);
export const cspViolations = (page: Page) => page.evaluate(() => (window as unknown as { cspViolations: string[] }).cspViolations);

/** Reads a user's profile straight from the API, as a second client would. */
export async function readProfile(token: string) {
  const res = await fetch(`${API_ORIGIN}/api/profile`, { headers: { Authorization: `Bearer ${token}` } });
  return (await res.json()) as Record<string, unknown> & { address: Record<string, string | null> | null };
}
