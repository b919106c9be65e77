import { expect, test, type Locator, type Page } from "@playwright/test";
import { API_ORIGIN, axeViolations, callApi, cspViolations, openHost, readMfa, receivedCode, tabTo, tokenFor, uniqueUser } from "./support";

/** A signed-in person with MFA turned on (and no devices yet). */
async function withMfaOn(prefix: string) {
  const username = uniqueUser(prefix);
  const token = await tokenFor(username);
  expect((await callApi(token, "POST", "/api/mfa/enable", {})).status).toBe(200);
  return { username, token };
}

/** Sets the profile's address country, as the profile flow would save it. */
async function livesIn(token: string, countryCode: string) {
  const res = await fetch(`${API_ORIGIN}/api/profile`, { headers: { Authorization: `Bearer ${token}` } });
  const patched = await fetch(`${API_ORIGIN}/api/profile`, {
    method: "PATCH",
    headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json", "If-Match": res.headers.get("ETag") ?? "" },
    body: JSON.stringify({ address: { countryCode } }),
  });
  expect(patched.status).toBe(200);
}

async function startAdding(widget: Locator, type: string, add = "Add device", heading = "Add a device") {
  await widget.getByRole("button", { name: add }).click();
  await expect(widget.getByRole("heading", { name: heading })).toBeFocused();
  await widget.getByRole("button", { name: type }).click();
}

const passkeyAuthenticator = async (page: Page) => {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("WebAuthn.enable");
  await cdp.send("WebAuthn.addVirtualAuthenticator", {
    options: { protocol: "ctap2", transport: "internal", hasResidentKey: true, hasUserVerification: true, isUserVerified: true, automaticPresenceSimulation: true },
  });
};

test.describe("adding a device: the code, the phone number, the passkey and the authenticator app steps", () => {
  test.afterEach(async ({ page }) => {
    expect(await cspViolations(page)).toEqual([]);
  });

  test("Resend code starts disabled, counting down the wait the server named, instead of scolding on the first press", async ({ page }) => {
    const { username, token } = await withMfaOn("countdown");
    const widget = await openHost(page, { token, flow: "devices" });
    await startAdding(widget, "Email");
    await widget.getByLabel("Email").fill(`${username}@example.com`);
    await widget.getByRole("button", { name: "Send code" }).click();
    await expect(widget.getByRole("heading", { name: "Enter the code" })).toBeFocused();

    const resend = widget.getByRole("button", { name: /Resend code/ });
    await expect(resend).toBeDisabled();
    await expect(resend).toHaveText(/Resend code in (29|30)s/);
    // It counts down, second by second.
    await expect(resend).toHaveText(/Resend code in (2[0-8])s/, { timeout: 3000 });
    await expect(resend).toBeDisabled();
    await expect(widget.getByText(/Too many codes were sent/)).toHaveCount(0);
  });

  test.describe("the phone step", () => {
    test("offers a country-code picker with the language's country chosen, formats the number as typed, and sends E.164", async ({ page }) => {
      const { token } = await withMfaOn("phone-de");
      const widget = await openHost(page, { token, flow: "devices", locale: "de" });
      await startAdding(widget, "SMS", "Gerät hinzufügen", "Gerät hinzufügen");
      const country = widget.getByRole("combobox", { name: "Ländervorwahl" });
      await expect(country).toBeEnabled();
      await expect(country).toHaveValue("DE");
      // Country names in the widget's language, each with its calling code.
      await expect(country.locator("option:checked")).toHaveText("Deutschland (\u2066+49\u2069)");
      await expect(country.locator("option[value=AT]")).toHaveText("Österreich (\u2066+43\u2069)");

      const phone = widget.getByLabel("Telefon", { exact: true });
      await phone.pressSequentially("015112345678");
      await expect(phone).toHaveValue("01511 2345678");
      const before = Date.now() - 1;
      await widget.getByRole("button", { name: "Code senden" }).click();
      await expect(widget.getByLabel("Code", { exact: true })).toBeVisible();
      expect(await receivedCode("+4915112345678", before)).toMatch(/^\d{6}$/);
      expect((await readMfa(token)).devices).toMatchObject([{ type: "sms", status: "ACTIVATION_REQUIRED" }]);
    });

    test("chooses the country of the profile's address first; typing + and another code switches the picker", async ({ page }) => {
      const { token } = await withMfaOn("phone-gb");
      await livesIn(token, "GB");
      const widget = await openHost(page, { token, flow: "devices" });
      await startAdding(widget, "Text message (SMS)");
      const country = widget.getByRole("combobox", { name: "Country code" });
      await expect(country).toHaveValue("GB");
      await expect(country.locator("option:checked")).toHaveText("United Kingdom (\u2066+44\u2069)");
      const phone = widget.getByLabel("Phone", { exact: true });
      await phone.pressSequentially("07400123456");
      await expect(phone).toHaveValue("07400 123456");

      await phone.fill("");
      await phone.pressSequentially("+33612345678");
      await expect(phone).toHaveValue("+33 6 12 34 56 78");
      await expect(country).toHaveValue("FR");
      const before = Date.now() - 1;
      await widget.getByRole("button", { name: "Send code" }).click();
      await expect(widget.getByLabel("Code", { exact: true })).toBeVisible();
      expect(await receivedCode("+33612345678", before)).toMatch(/^\d{6}$/);
    });

    test("the picker works by keyboard, and a number that can't be one says so in place of the hint, changing nothing", async ({ page }) => {
      test.setTimeout(60_000);
      const { token } = await withMfaOn("phone-keys");
      const widget = await openHost(page, { token, flow: "devices" });
      await startAdding(widget, "Text message (SMS)");
      const country = widget.getByRole("combobox", { name: "Country code" });
      const phone = widget.getByLabel("Phone", { exact: true });
      const hintText = "Type the number as you'd dial it in that country, or start with + and another country code.";
      const hint = widget.getByText(hintText);
      await expect(country).toHaveValue("US");
      await expect(hint).toBeVisible();
      await expect(phone).toHaveAccessibleDescription(hintText);

      // The picker, then the number, in Tab order; arrows and type-ahead choose a country, as in any select.
      await tabTo(page, country);
      await page.keyboard.type("Canada");
      await expect(country).toHaveValue("CA");
      await page.keyboard.press("ArrowDown");
      await expect(country).toHaveValue("CV"); // Cape Verde, next in the list
      await page.waitForTimeout(1100); // a pause ends the type-ahead, as it does for a person
      await page.keyboard.type("Germany");
      await expect(country).toHaveValue("DE");
      await page.keyboard.press("Tab");
      await expect(phone).toBeFocused();
      await page.keyboard.type("12");
      await page.keyboard.press("Enter");

      const error = "That isn't a complete phone number for Germany (\u2066+49\u2069). Check it, or choose another country code.";
      await expect(widget.getByText(error)).toBeVisible();
      await expect(phone).toHaveAttribute("aria-invalid", "true");
      await expect(phone).toHaveAccessibleDescription(error);
      await expect(phone).toBeFocused();
      // The error takes the hint's place: said once, not twice.
      await expect(hint).toHaveCount(0);
      expect((await readMfa(token)).devices).toEqual([]);
      expect(await axeViolations(page)).toEqual([]);
      await page.emulateMedia({ colorScheme: "dark" });
      expect(await axeViolations(page)).toEqual([]);
      await page.emulateMedia({ colorScheme: "light" });

      // Typing again clears it and the hint comes back.
      await page.keyboard.type("3456789");
      await expect(hint).toBeVisible();
      await expect(phone).not.toHaveAttribute("aria-invalid", "true");
    });

    test("right to left in Arabic, the number itself left to right; at 360 px the picker sits above the number", async ({ page }) => {
      const { token } = await withMfaOn("phone-ar");
      const widget = await openHost(page, { token, flow: "devices", locale: "ar" });
      await startAdding(widget, "رسالة نصية (SMS)", "إضافة جهاز", "إضافة جهاز");
      const country = widget.getByRole("combobox", { name: "رمز البلد" });
      const phone = widget.getByLabel("رقم الهاتف", { exact: true });
      await expect(country).toHaveValue("EG");
      await expect(country.locator("option:checked")).toHaveText("مصر (\u2066+20\u2069)");
      await phone.pressSequentially("01012345678");
      await expect(phone).toHaveValue("010 12345678");
      expect(await phone.evaluate((el) => getComputedStyle(el).direction)).toBe("ltr");
      // Side by side at 1280 px: the picker comes first, on the right.
      const [picker, number] = [(await country.boundingBox())!, (await phone.boundingBox())!];
      expect(picker.x).toBeGreaterThan(number.x + number.width - 1);
      expect(Math.abs(picker.y - number.y)).toBeLessThan(1);
      expect(await axeViolations(page)).toEqual([]);
      await page.emulateMedia({ colorScheme: "dark" });
      expect(await axeViolations(page)).toEqual([]);

      await page.setViewportSize({ width: 360, height: 800 });
      await expect.poll(async () => (await country.boundingBox())!.y + (await country.boundingBox())!.height).toBeLessThan((await phone.boundingBox())!.y);
      const narrow = [(await country.boundingBox())!, (await phone.boundingBox())!];
      for (const box of narrow) {
        expect(box.x).toBeGreaterThanOrEqual(0);
        expect(box.x + box.width).toBeLessThanOrEqual(360);
        expect(box.height).toBeGreaterThanOrEqual(40);
      }
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    });

    test("libphonenumber is loaded only with the phone step, as a chunk of its own", async ({ page }) => {
      const scripts: string[] = [];
      page.on("request", (r) => {
        if (r.resourceType() === "script") scripts.push(new URL(r.url()).pathname);
      });
      const { token } = await withMfaOn("phone-chunk");
      const widget = await openHost(page, { token, flow: "devices" });
      await startAdding(widget, "Email");
      await expect(widget.getByLabel("Email")).toBeVisible();
      expect(scripts.filter((s) => /\/phone-[\w-]+\.js$/.test(s))).toEqual([]);
      await widget.getByRole("button", { name: "Cancel" }).click();
      await startAdding(widget, "Text message (SMS)");
      await expect(widget.getByRole("combobox", { name: "Country code" })).toBeEnabled();
      expect(scripts.filter((s) => /\/phone-[\w-]+\.js$/.test(s))).toHaveLength(1);
    });
  });

  test("a new passkey is named after the browser and system it was made on (the virtual authenticator names no provider)", async ({ page }) => {
    await passkeyAuthenticator(page);
    const { token } = await withMfaOn("passkey-name");
    const widget = await openHost(page, { token, flow: "devices" });
    await startAdding(widget, "Passkey");
    await widget.getByRole("button", { name: "Create passkey" }).click();
    await expect(widget.getByText("Device added")).toBeVisible();
    const [device] = (await readMfa(token)).devices;
    expect(device).toMatchObject({ type: "passkey", status: "ACTIVE", nickname: "Chrome on Linux" });
    await expect(widget.locator("[part~=device]").filter({ hasText: "Chrome on Linux" })).toHaveCount(1);
  });

  test("closing the passkey prompt leaves no pending device behind, on the list or after a reload", async ({ page }) => {
    await passkeyAuthenticator(page);
    await page.addInitScript(() => {
      navigator.credentials.create = () => Promise.reject(new DOMException("The operation was not allowed.", "NotAllowedError"));
    });
    const { token } = await withMfaOn("passkey-left");
    const widget = await openHost(page, { token, flow: "devices" });
    await startAdding(widget, "Passkey");
    await widget.getByRole("button", { name: "Create passkey" }).click();
    await expect(widget.getByText("Passkey creation was cancelled. Try again when you're ready.")).toBeVisible();
    await expect.poll(async () => (await readMfa(token)).devices).toEqual([]);

    // The person gives up and comes back later: nothing half-made on the list.
    await page.reload();
    await expect(widget.getByText("No devices yet")).toBeVisible();
    await expect(widget.locator("[part~=device]")).toHaveCount(0);
    await expect(widget.getByText(/Pending/)).toHaveCount(0);
  });

  test("the authenticator app screen's footer divider spans the card, as on the other screens", async ({ page }) => {
    const { token } = await withMfaOn("totp-footer");
    const widget = await openHost(page, { token, flow: "devices" });
    const divider = async () => {
      const footer = widget.locator("form > .footer");
      await expect(footer).toBeVisible();
      return (await footer.boundingBox())!;
    };
    const card = async () => (await widget.locator(".screen").boundingBox())!;
    for (const width of [1280, 360]) {
      await page.setViewportSize({ width, height: 900 });
      await startAdding(widget, "Email");
      const email = await divider();
      await widget.getByRole("button", { name: "Cancel" }).click();
      await startAdding(widget, "Authenticator app");
      await expect(widget.getByRole("heading", { name: "Set up your authenticator app" })).toBeVisible();
      const totp = await divider();
      const screen = await card();
      expect(totp.x).toBeCloseTo(email.x, 0);
      expect(totp.width).toBeCloseTo(email.width, 0);
      expect(totp.x).toBeCloseTo(screen.x, 0);
      expect(totp.x + totp.width).toBeCloseTo(screen.x + screen.width, 0);
      // The code field stays under its step's text.
      const field = (await widget.getByLabel("Code", { exact: true }).boundingBox())!;
      expect(field.x).toBeGreaterThan(totp.x + (width > 500 ? 30 : -1));
      await widget.getByRole("button", { name: "Cancel" }).click();
      await expect(widget.getByRole("button", { name: "Add device" })).toBeVisible();
    }
  });
});
