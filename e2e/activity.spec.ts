import { readFile } from "node:fs/promises";
import { expect, test, type Locator, type Page } from "@playwright/test";
import {
  addEmailDevice,
  addTotpDevice,
  API_ORIGIN,
  axeViolations,
  callApi,
  cspViolations,
  openHost,
  patchProfile,
  tabTo,
  tokenFor,
  uniqueUser,
  widgetEvents,
} from "./support";

/** Saves a first name in the widget's own profile form, so that one event comes from this browser. */
async function saveNameInTheWidget(page: Page, token: string, name: string) {
  const form = await openHost(page, { token });
  await form.getByLabel("First name").fill(name);
  await form.getByRole("button", { name: "Save" }).click();
  await expect(form.getByText("Your profile has been saved.")).toBeVisible();
}

const events = (widget: Locator, name = "Security events") => widget.getByRole("list", { name }).getByRole("listitem");
const eventTitled = (widget: Locator, title: string, name?: string) => events(widget, name).filter({ hasText: title });

test.describe("a person sees their account's recent activity and downloads their data", () => {
  test.afterEach(async ({ page }) => {
    expect(await cspViolations(page)).toEqual([]);
  });

  test("after real changes, each is titled, says what it concerns, when and from where; Wasn't you? leads to the host's help", async ({
    page,
  }) => {
    const username = uniqueUser("activity");
    const token = await tokenFor(username);
    await saveNameInTheWidget(page, token, "Ada");
    // Through the API, as another of the person's sessions would: no browser to name.
    await patchProfile(token, { familyName: "Lovelace", address: { locality: "London", postalCode: "N1 9GU" } });
    const device = await addEmailDevice(token, `${username}@example.test`);
    expect((await callApi(token, "PATCH", `/api/mfa/devices/${device.id}`, { nickname: "Work email" })).status).toBe(200);

    const languages: string[] = [];
    page.on("request", (r) => {
      if (r.url().startsWith(`${API_ORIGIN}/api/`) && r.method() !== "OPTIONS") languages.push(r.headers()["accept-language"] ?? "");
    });
    const widget = await openHost(page, { token, flow: "activity", "help-url": "/help/security" });
    await expect(widget.getByRole("heading", { name: "Account security" })).toBeVisible();
    await expect(widget.getByRole("heading", { name: "Recent activity" })).toBeVisible();

    const saved = eventTitled(widget, "Profile updated").filter({ hasText: "First name" });
    await expect(saved).toHaveCount(1);
    // The change made in this browser names it; the API's clients have no browser to name.
    await expect(saved).toContainText(/Chrome \d+ on Linux · 127\.0\.0\.1/);
    await expect(saved.locator("time")).toHaveText("Just now");
    const at = await saved.locator("time").getAttribute("datetime");
    expect(Date.now() - Date.parse(at!)).toBeLessThan(120_000);
    await expect(saved.locator("time")).toHaveAttribute("title", /\d{4}/);
    const patched = eventTitled(widget, "Profile updated").filter({ hasText: "Last name" });
    await expect(patched).toContainText("City");
    await expect(patched).toContainText("Postal code");
    await expect(eventTitled(widget, "Two-step verification turned on")).toHaveCount(1);
    await expect(eventTitled(widget, "Sign-in device added")).toContainText("Work email · Email");
    await expect(eventTitled(widget, "Sign-in device renamed")).toContainText("Work email · Email");
    await expect(eventTitled(widget, "Account created")).toHaveCount(1);
    // Newest first.
    await expect(events(widget).first()).toContainText("Sign-in device renamed");
    await expect(events(widget).last()).toContainText("Account created");

    const help = widget.getByRole("link", { name: /Get help securing your account/ });
    await expect(help).toHaveAttribute("href", "http://localhost:8798/help/security");
    await expect(help).toHaveAttribute("target", "_blank");
    await expect(help).toHaveAttribute("rel", "noopener noreferrer");
    await expect(widget.getByText("Wasn't you?")).toBeVisible();
    // Every request said the widget's language.
    expect(languages.length).toBeGreaterThan(0);
    expect(new Set(languages)).toEqual(new Set(["en"]));
    expect(await axeViolations(page)).toEqual([]);

    // A help page elsewhere on plain http is not linked: the screen says what to do instead.
    const unsafe = await openHost(page, { token, flow: "activity", "help-url": "http://evil.example/help" });
    await expect(eventTitled(unsafe, "Account created")).toHaveCount(1);
    await expect(unsafe.getByRole("link")).toHaveCount(0);
    await expect(unsafe.getByText(/change your password and remove any sign-in device you don't know/)).toBeVisible();
  });

  test("in Arabic: right to left, the titles and the times in Arabic, and the server keeps the language for its emails", async ({ page }) => {
    const username = uniqueUser("activity-ar");
    const token = await tokenFor(username);
    await patchProfile(token, { givenName: "Layla" });
    await addEmailDevice(token, `${username}@example.test`);

    const widget = await openHost(page, { token, flow: "activity", locale: "ar" });
    await expect(widget.getByRole("heading", { name: "النشاط الأخير" })).toBeVisible();
    await expect(widget.locator("[part=card]")).toHaveAttribute("dir", "rtl");
    await expect(widget.locator("[part=card]")).toHaveAttribute("lang", "ar");
    const list = "أحداث الأمان";
    await expect(eventTitled(widget, "تم تحديث الملف الشخصي", list)).toContainText("الاسم الأول");
    await expect(eventTitled(widget, "تمت إضافة جهاز لتسجيل الدخول", list)).toContainText("البريد الإلكتروني");
    await expect(eventTitled(widget, "تم إنشاء الحساب", list).locator("time")).toHaveText("الآن");
    await expect(widget.getByRole("button", { name: "تنزيل بياناتي" })).toBeVisible();
    expect(await axeViolations(page)).toEqual([]);

    const exported = await callApi<{ account: { language: string | null } }>(token, "GET", "/api/profile/export");
    expect(exported.body.account.language).toBe("ar");
  });

  test("Show more appends the next page, busy while it loads, focus on the first new event; none is left to show after", async ({ page }) => {
    const token = await tokenFor(uniqueUser("activity-pages"));
    // 24 saves and the account's creation: 25 events, a page of 20 and one of 5.
    for (let i = 1; i <= 24; i++) await patchProfile(token, { givenName: `Ada ${i}` });

    const widget = await openHost(page, { token, flow: "activity" });
    await expect(events(widget)).toHaveCount(20);
    await expect(events(widget).first()).toContainText("Profile updated");
    const more = widget.getByRole("button", { name: "Show more" });
    // The next page is held until its loading state has been seen.
    let release = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    await page.route(/\/api\/activity\?.*before=/, async (route) => {
      await held;
      await route.continue();
    });
    await more.click();
    await expect(widget.getByRole("button", { name: "Loading…" })).toHaveAttribute("aria-disabled", "true");
    await expect(widget.getByRole("button", { name: "Loading…" })).toBeFocused();
    release();
    await expect(events(widget)).toHaveCount(25);
    await expect(events(widget).nth(20)).toBeFocused();
    await expect(events(widget).last()).toContainText("Account created");
    await expect(widget.getByRole("button", { name: "Show more" })).toHaveCount(0);
    expect(await axeViolations(page)).toEqual([]);
  });

  test("a page that can't be loaded says so with Try again, and the host is told", async ({ page }) => {
    const token = await tokenFor(uniqueUser("activity-offline"));
    await page.route(/\/api\/activity/, (route) => route.abort());
    const widget = await openHost(page, { token, flow: "activity" });
    await expect(widget.getByText("We couldn't load your activity. Can't reach the server. Check your connection and try again.")).toBeVisible();
    await expect
      .poll(() => widgetEvents(page))
      .toContainEqual({ type: "profile-widget-error", detail: expect.objectContaining({ flow: "activity", code: "network_error" }) });
    expect(await axeViolations(page)).toEqual([]);

    await page.unroute(/\/api\/activity/);
    await widget.getByRole("button", { name: "Try again" }).click();
    await expect(eventTitled(widget, "Account created")).toHaveCount(1);
  });

  test("Download my data saves one JSON file with the profile and the devices, and no secret", async ({ page }) => {
    const username = uniqueUser("activity-export");
    const token = await tokenFor(username);
    await patchProfile(token, { givenName: "Grace", familyName: "Hopper" });
    const email = `${username}@example.test`;
    await addEmailDevice(token, email);
    const secret = await addTotpDevice(token);

    const widget = await openHost(page, { token, flow: "activity" });
    await expect(eventTitled(widget, "Account created")).toHaveCount(1);
    const button = widget.getByRole("button", { name: "Download my data" });
    const download = page.waitForEvent("download");
    await button.click();
    const file = await download;
    expect(file.suggestedFilename()).toMatch(new RegExp(`^profile-export-${username}-\\d{4}-\\d{2}-\\d{2}\\.json$`));
    const text = await readFile((await file.path())!, "utf8");
    const exported = JSON.parse(text) as {
      account: { username: string };
      profile: Record<string, unknown>;
      mfa: { enabled: boolean; devices: Array<{ type: string; target: string | null }> };
      activity: unknown[];
    };
    expect(exported.account.username).toBe(username);
    expect(exported.profile).toMatchObject({ givenName: "Grace", familyName: "Hopper" });
    expect(exported.mfa.enabled).toBe(true);
    expect(exported.mfa.devices.map((d) => d.type).sort()).toEqual(["email", "totp"]);
    expect(exported.activity.length).toBeGreaterThan(3);
    // The device's address masked; no authenticator secret, code or key anywhere in it.
    expect(text).not.toContain(email);
    expect(text).not.toContain(secret);
    expect(text).not.toMatch(/"(secret|otp|code|codeHash|publicKey)"\s*:/);
    // Focus stays on the button, which is ready again.
    await expect(button).toBeFocused();
    await expect(button).toHaveAttribute("aria-disabled", "false");
  });

  test("keyboard only: from the device list to the activity and back, focus where the person is", async ({ page }) => {
    const username = uniqueUser("activity-keys");
    const token = await tokenFor(username);
    await addEmailDevice(token, `${username}@example.test`);
    const widget = await openHost(page, { token, flow: "devices" });
    const row = widget.getByRole("button", { name: /Recent activity/ });
    await expect(row).toBeVisible();

    await tabTo(page, row);
    await page.keyboard.press("Enter");
    const heading = widget.getByRole("heading", { name: "Recent activity" });
    await expect(heading).toBeFocused();
    await expect(eventTitled(widget, "Sign-in device added")).toHaveCount(1);
    expect(await axeViolations(page)).toEqual([]);

    await page.keyboard.press("Shift+Tab");
    const back = widget.getByRole("button", { name: "All devices" });
    await expect(back).toBeFocused();
    await page.keyboard.press("Enter");
    await expect(widget.getByRole("heading", { name: "Your devices" })).toBeVisible();
    await expect(row).toBeFocused();

    // Space opens it too, and Tab reaches Download my data.
    await page.keyboard.press(" ");
    await expect(heading).toBeFocused();
    await tabTo(page, widget.getByRole("button", { name: "Download my data" }));
  });
});
