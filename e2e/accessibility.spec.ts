import { expect, test, type Locator, type Page } from "@playwright/test";
import { API_ORIGIN, axeViolations, cspViolations, openHost, receivedCode, tokenFor, uniqueUser } from "./support";

/** Scans the widget with axe on the screen it shows now; the label names the screen in a failure. */
async function expectAccessible(page: Page, screen: string) {
  expect(await axeViolations(page), screen).toEqual([]);
}

const heading = (widget: Locator, name: string) => widget.getByRole("heading", { name, exact: true });

for (const colorScheme of ["light", "dark"] as const) {
  test.describe(`every screen is accessible (axe, ${colorScheme} mode)`, () => {
    // Each axe scan of the widget takes seconds on a small machine, and each test makes many.
    test.describe.configure({ timeout: 180_000 });
    test.beforeEach(async ({ page }) => {
      await page.emulateMedia({ colorScheme });
    });
    test.afterEach(async ({ page }) => {
      expect(await cspViolations(page)).toEqual([]);
    });

    test("profile: loading, ready, field errors, saved, a change that needs a recent sign-in, signed out", async ({ page }) => {
      // Hold the first profile request so the loading state stays on screen while axe looks at it.
      let release = () => {};
      const held = new Promise<void>((resolve) => (release = resolve));
      await page.route(
        `${API_ORIGIN}/api/profile`,
        async (route) => {
          await held;
          await route.continue();
        },
        { times: 1 },
      );
      const token = await tokenFor(uniqueUser("a11y"));
      const widget = await openHost(page, { token, "company-name": "Acme Travel" });
      await expect(widget.getByRole("status")).toHaveText("Loading your profile…");
      await expectAccessible(page, "loading");
      release();

      await expect(widget.getByLabel("First name")).toBeVisible();
      await expectAccessible(page, "ready");

      await widget.getByLabel("Phone").fill("12345");
      await widget.getByLabel("Postal code").fill("<b>");
      await widget.getByRole("button", { name: "Save" }).click();
      await expect(widget.getByLabel("Phone")).toHaveAttribute("aria-invalid", "true");
      await expect(widget.getByLabel("Postal code")).toHaveAttribute("aria-invalid", "true");
      await expectAccessible(page, "two fields' errors");

      await widget.getByLabel("Phone").fill("+14155550123");
      await widget.getByLabel("Postal code").fill("94105");
      await widget.getByRole("button", { name: "Save" }).click();
      await expect(widget.getByText("Your profile has been saved.")).toBeVisible();
      await expectAccessible(page, "saved");

      await openHost(page, { token: await tokenFor(uniqueUser("a11y-stale"), 15 * 60) });
      await widget.getByLabel("Email").fill("ada@example.com");
      await widget.getByRole("button", { name: "Save" }).click();
      await expect(widget.getByRole("button", { name: "Sign in again" })).toBeVisible();
      await expectAccessible(page, "an email change that needs a recent sign-in");

      await openHost(page, { token: await tokenFor(uniqueUser("a11y-old"), 2 * 60 * 60) });
      await expect(widget.getByText(/session has expired/)).toBeVisible();
      await expectAccessible(page, "session expired");

      await openHost(page, {});
      await expect(widget.getByText("You're not signed in")).toBeVisible();
      await expectAccessible(page, "not signed in");
    });

    test("devices: enable MFA, lists, every add step, one device, confirmations, a session that ended", async ({ page }) => {
      const username = uniqueUser("a11y-dev");
      const widget = await openHost(page, { token: await tokenFor(username), flow: "devices" });

      await expect(heading(widget, "Protect your account with MFA")).toBeVisible();
      await expectAccessible(page, "enable MFA");
      await widget.getByRole("button", { name: "Enable MFA" }).click();
      await expect(widget.getByText("No devices yet")).toBeVisible();
      await expectAccessible(page, "empty device list");

      await widget.getByRole("button", { name: "Add device" }).click();
      await expect(heading(widget, "Add a device")).toBeFocused();
      await expectAccessible(page, "type choice");

      await widget.getByRole("button", { name: "Text message (SMS)" }).click();
      await expect(widget.getByLabel("Phone")).toBeVisible();
      await expectAccessible(page, "phone number");
      await widget.getByLabel("Phone").fill("0207");
      await widget.getByRole("button", { name: "Send code" }).click();
      await expect(widget.getByLabel("Phone")).toHaveAttribute("aria-invalid", "true");
      await expectAccessible(page, "phone number refused");
      await widget.getByRole("button", { name: "Cancel" }).click();

      await widget.getByRole("button", { name: "Add device" }).click();
      await widget.getByRole("button", { name: "Email" }).click();
      await expect(widget.getByLabel("Email")).toBeVisible();
      await expectAccessible(page, "email address");
      const email = `${username}@example.com`;
      const before = Date.now() - 1;
      await widget.getByLabel("Email").fill(email);
      await widget.getByRole("button", { name: "Send code" }).click();
      const code = widget.getByLabel("Code", { exact: true });
      await expect(code).toBeVisible();
      await expectAccessible(page, "code entry");
      const received = await receivedCode(email, before);
      await code.fill(received === "000000" ? "111111" : "000000");
      await widget.getByRole("button", { name: "Verify" }).click();
      await expect(code).toHaveAttribute("aria-invalid", "true");
      await expectAccessible(page, "wrong code");
      await code.fill(received);
      await widget.getByRole("button", { name: "Verify" }).click();
      await expect(widget.getByText("Device added")).toBeVisible();
      await expectAccessible(page, "list with a device");

      await widget.getByRole("button", { name: "Add device" }).click();
      await widget.getByRole("button", { name: "Authenticator app" }).click();
      await expect(widget.getByRole("img", { name: "QR image for your authenticator app" })).toBeVisible();
      await expectAccessible(page, "authenticator app setup");
      await widget.getByRole("button", { name: "Cancel" }).click();

      await widget.getByRole("button", { name: "Add device" }).click();
      await widget.getByRole("button", { name: "Passkey" }).click();
      await expect(heading(widget, "Create a passkey")).toBeVisible();
      await expectAccessible(page, "passkey");
      await widget.getByRole("button", { name: "Cancel" }).click();

      await widget.locator("[part~=device]").first().click();
      await expect(widget.getByLabel("Nickname")).toBeVisible();
      await expectAccessible(page, "one device");
      await widget.getByRole("button", { name: "Remove" }).click();
      await expect(heading(widget, "Remove this device?")).toBeFocused();
      await expectAccessible(page, "remove confirmation");
      await widget.getByRole("button", { name: "Remove" }).click();
      await expect(widget.getByText(/MFA needs at least one device/)).toBeVisible();
      await expectAccessible(page, "removal refused");
      await widget.getByRole("button", { name: "Cancel" }).click();
      await widget.getByRole("button", { name: "All devices" }).click();

      await widget.getByRole("button", { name: "Turn off MFA" }).click();
      await expect(heading(widget, "Turn off MFA?")).toBeFocused();
      await expectAccessible(page, "turn off confirmation");
      await widget.getByRole("button", { name: "Cancel" }).click();

      // The session ends: the message offers "Sign in again", and the list is disabled until a new token comes.
      await page.evaluate(() => document.querySelector("profile-widget")!.setAttribute("data-session-token", "expired.bad.token"));
      await expect(widget.getByRole("button", { name: "Sign in again" })).toBeVisible();
      await expectAccessible(page, "session ended on the list");
    });
  });
}
