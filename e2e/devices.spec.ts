import { expect, test, type Locator, type Page } from "@playwright/test";
import {
  addEmailDevice,
  callApi,
  cspViolations,
  openHost,
  readMfa,
  receivedCode,
  tokenFor,
  totpCode,
  uniquePhone,
  uniqueUser,
  widgetEvents,
} from "./support";

const success = (action: string) => ({ type: "profile-widget-success", detail: { flow: "devices", action } });
const failure = (code: string) => ({
  type: "profile-widget-error",
  detail: expect.objectContaining({ flow: "devices", code }),
});

/** A signed-in person with MFA turned on (and no devices yet), to start the tests that are not about enabling it. */
async function withMfaOn(prefix: string) {
  const username = uniqueUser(prefix);
  const token = await tokenFor(username);
  expect((await callApi(token, "POST", "/api/mfa/enable", {})).status).toBe(200);
  return { username, token };
}

const deviceRow = (widget: Locator, name: string | RegExp) =>
  widget.locator("[part~=device]").filter({ hasText: name });

async function startAdding(widget: Locator, type: "Text message (SMS)" | "Email" | "Authenticator app" | "Passkey") {
  await widget.getByRole("button", { name: "Add device" }).click();
  await expect(widget.getByRole("heading", { name: "Add a device" })).toBeFocused();
  await widget.getByRole("button", { name: type }).click();
}

const setToken = (page: Page, token: string) =>
  page.evaluate((t) => document.querySelector("profile-widget")!.setAttribute("data-session-token", t), token);

test.describe("a person manages their sign-in devices in a widget embedded on another site", () => {
  test.afterEach(async ({ page }) => {
    expect(await cspViolations(page)).toEqual([]);
  });

  test("the device list loads with one request each for the user, their MFA state and the server's offer", async ({ page }) => {
    const { token } = await withMfaOn("first");
    const requested: string[] = [];
    page.on("request", (r) => {
      if (r.method() === "GET" && /\/api\//.test(r.url())) requested.push(new URL(r.url()).pathname);
    });
    const widget = await openHost(page, { token, flow: "devices" });
    await expect(widget.getByRole("button", { name: "Add device" })).toBeEnabled();
    expect(requested.sort()).toEqual(["/api/config", "/api/mfa", "/api/profile"]);
  });

  test("enables MFA, then adds a phone with the texted code; it becomes the default", async ({ page }) => {
    const token = await tokenFor(uniqueUser("sms"));
    const widget = await openHost(page, { token, flow: "devices" });

    await expect(widget.getByRole("heading", { name: "Protect your account with MFA" })).toBeVisible();
    await widget.getByRole("button", { name: "Enable MFA" }).click();
    await expect(widget.getByText("No devices yet")).toBeVisible();
    await expect.poll(() => widgetEvents(page)).toContainEqual(success("mfa_enabled"));

    await startAdding(widget, "Text message (SMS)");
    const phone = uniquePhone();
    const before = Date.now() - 1;
    // Typed the way people write numbers; the widget sends E.164.
    await widget.getByLabel("Phone").fill(`${phone.slice(0, 2)} ${phone.slice(2, 5)} ${phone.slice(5)}`);
    await widget.getByRole("button", { name: "Send code" }).click();
    await expect(widget.getByText(`We sent a 6-digit code to +1•••••${phone.slice(-4)}.`)).toBeVisible();
    const code = widget.getByLabel("Code", { exact: true });
    await expect(code).toHaveAttribute("autocomplete", "one-time-code");
    await expect(code).toHaveAttribute("inputmode", "numeric");
    await code.fill(await receivedCode(phone, before));
    // Enter submits, as on any form.
    await code.press("Enter");

    await expect(widget.getByText("Device added")).toBeVisible();
    const row = deviceRow(widget, `+1•••••${phone.slice(-4)}`);
    await expect(row).toContainText("Phone");
    await expect(row).toContainText("Default");
    await expect.poll(() => widgetEvents(page)).toContainEqual(success("device_added"));
    expect((await readMfa(token)).devices).toMatchObject([{ type: "sms", status: "ACTIVE", isDefault: true }]);
  });

  test("adds an email device with the code that arrived by email", async ({ page }) => {
    const { username, token } = await withMfaOn("email");
    const widget = await openHost(page, { token, flow: "devices" });
    await startAdding(widget, "Email");
    const email = `${username}@example.com`;
    const before = Date.now() - 1;
    await widget.getByLabel("Email").fill(email);
    await widget.getByRole("button", { name: "Send code" }).click();
    await widget.getByLabel("Code", { exact: true }).fill(await receivedCode(email, before));
    await widget.getByRole("button", { name: "Verify" }).click();

    await expect(widget.getByText("Device added")).toBeVisible();
    await expect(deviceRow(widget, `${username[0]}•••@example.com`)).toContainText("Default");
    await expect.poll(() => widgetEvents(page)).toContainEqual(success("device_added"));
  });

  test("a wrong code shows the attempts left, and Resend code, live once its countdown ends, sends a new one", async ({ page }) => {
    test.setTimeout(90_000);
    const { token } = await withMfaOn("wrong");
    const widget = await openHost(page, { token, flow: "devices" });
    await startAdding(widget, "Text message (SMS)");
    const phone = uniquePhone();
    const before = Date.now() - 1;
    await widget.getByLabel("Phone").fill(phone);
    await widget.getByRole("button", { name: "Send code" }).click();
    const first = await receivedCode(phone, before);

    const code = widget.getByLabel("Code", { exact: true });
    await code.fill(first === "123456" ? "654321" : "123456");
    await widget.getByRole("button", { name: "Verify" }).click();
    await expect(code).toHaveAttribute("aria-invalid", "true");
    await expect(code).toHaveAccessibleDescription(/That code isn't right\. 4 attempts left\./);
    await expect.poll(() => widgetEvents(page)).toContainEqual(failure("otp_invalid"));

    // A code was just sent: "Resend code" counts down the wait the server named, and can't be pressed meanwhile.
    const resend = widget.getByRole("button", { name: /Resend code/ });
    await expect(resend).toBeDisabled();
    await expect(resend).toHaveText(/Resend code in (2\d|30)s/);

    // Once the wait is over, a new code goes out and verifies the phone.
    await expect(resend).toBeEnabled({ timeout: 40_000 });
    await expect(resend).toHaveText("Resend code");
    const resentAt = Date.now() - 1;
    await resend.click();
    await expect(widget.getByText(`We sent a new code to +1•••••${phone.slice(-4)}.`)).toBeVisible();
    // And the next one waits again.
    await expect(resend).toBeDisabled();
    await expect(resend).toHaveText(/Resend code in (2\d|30)s/);
    expect(await widgetEvents(page)).not.toContainEqual(failure("rate_limited"));
    await code.fill(await receivedCode(phone, resentAt));
    await widget.getByRole("button", { name: "Verify" }).click();
    await expect(widget.getByText("Device added")).toBeVisible();
  });

  test("adds an authenticator app with the code it computes from the setup key", async ({ page }) => {
    const { token } = await withMfaOn("totp");
    const widget = await openHost(page, { token, flow: "devices" });
    await startAdding(widget, "Authenticator app");

    await expect(widget.getByRole("img", { name: "QR image for your authenticator app" })).toBeVisible();
    const secret = (await widget.locator("[part~=secret]").textContent()) ?? "";
    expect(secret).toMatch(/^([A-Z2-7]{4} )+[A-Z2-7]{1,4}$/);
    await widget.getByLabel("Code", { exact: true }).fill(totpCode(secret));
    await widget.getByRole("button", { name: "Verify" }).click();

    await expect(widget.getByText("Device added")).toBeVisible();
    await expect(deviceRow(widget, "Authenticator app")).toContainText("Default");
    expect((await readMfa(token)).devices).toMatchObject([{ type: "totp", status: "ACTIVE" }]);
  });

  test("adds a passkey with the browser's authenticator", async ({ page }) => {
    const cdp = await page.context().newCDPSession(page);
    await cdp.send("WebAuthn.enable");
    await cdp.send("WebAuthn.addVirtualAuthenticator", {
      options: {
        protocol: "ctap2",
        transport: "internal",
        hasResidentKey: true,
        hasUserVerification: true,
        isUserVerified: true,
        automaticPresenceSimulation: true,
      },
    });
    const { token } = await withMfaOn("passkey");
    const widget = await openHost(page, { token, flow: "devices" });
    await startAdding(widget, "Passkey");
    await widget.getByRole("button", { name: "Create passkey" }).click();

    await expect(widget.getByText("Device added")).toBeVisible();
    // Named after the browser and system it was made on: the virtual authenticator names no provider.
    await expect(deviceRow(widget, "Chrome on Linux")).toContainText("Default");
    await expect.poll(() => widgetEvents(page)).toContainEqual(success("device_added"));
    expect((await readMfa(token)).devices).toMatchObject([{ type: "passkey", status: "ACTIVE" }]);
  });

  test("closing the browser's passkey prompt is calm, and trying again works", async ({ page }) => {
    const cdp = await page.context().newCDPSession(page);
    await cdp.send("WebAuthn.enable");
    await cdp.send("WebAuthn.addVirtualAuthenticator", {
      options: { protocol: "ctap2", transport: "internal", hasResidentKey: true, hasUserVerification: true, isUserVerified: true, automaticPresenceSimulation: true },
    });
    // The first prompt is closed by the person, as the browser reports it; the second goes through.
    await page.addInitScript(() => {
      const create = navigator.credentials.create.bind(navigator.credentials);
      let prompts = 0;
      navigator.credentials.create = (options) =>
        ++prompts === 1 ? Promise.reject(new DOMException("The operation was not allowed.", "NotAllowedError")) : create(options);
    });
    const { token } = await withMfaOn("passkey-cancel");
    const widget = await openHost(page, { token, flow: "devices" });
    await startAdding(widget, "Passkey");
    await widget.getByRole("button", { name: "Create passkey" }).click();
    await expect(widget.getByText("Passkey creation was cancelled. Try again when you're ready.")).toBeVisible();
    await expect.poll(() => widgetEvents(page)).toContainEqual(failure("passkey_cancelled"));

    await widget.getByRole("button", { name: "Create passkey" }).click();
    await expect(widget.getByText("Device added")).toBeVisible();
    expect((await readMfa(token)).devices).toMatchObject([{ type: "passkey", status: "ACTIVE" }]);
  });

  test("cancelling an add removes the half-made device", async ({ page }) => {
    const { token } = await withMfaOn("cancel-add");
    const widget = await openHost(page, { token, flow: "devices" });
    await startAdding(widget, "Text message (SMS)");
    await widget.getByLabel("Phone").fill(uniquePhone());
    await widget.getByRole("button", { name: "Send code" }).click();
    await expect(widget.getByLabel("Code", { exact: true })).toBeVisible();
    await widget.getByRole("button", { name: "Cancel" }).click();

    await expect(widget.getByText("No devices yet")).toBeVisible();
    expect((await readMfa(token)).devices).toEqual([]);
  });

  test("adding a device after an old sign-in waits for a fresh one, then carries on by itself", async ({ page }) => {
    const username = uniqueUser("stale-add");
    const fresh = await tokenFor(username);
    expect((await callApi(fresh, "POST", "/api/mfa/enable", {})).status).toBe(200);
    // Signed in 15 minutes ago: too old to bind a new second factor.
    const widget = await openHost(page, { token: await tokenFor(username, 15 * 60), flow: "devices" });

    await startAdding(widget, "Authenticator app");
    await expect(widget.getByText(/sign in again to make this change/i)).toBeVisible();
    await expect.poll(() => widgetEvents(page)).toContainEqual(failure("reauthentication_required"));
    expect((await readMfa(fresh)).devices).toEqual([]);

    // The host signs the person in again: the authenticator app's setup appears without another click.
    await setToken(page, await tokenFor(username));
    await expect(widget.getByRole("img", { name: "QR image for your authenticator app" })).toBeVisible();
    expect((await readMfa(fresh)).devices).toMatchObject([{ type: "totp", status: "ACTIVATION_REQUIRED" }]);
  });

  test("a phone number typed with an old sign-in is kept, and its code is sent after signing in again", async ({ page }) => {
    const username = uniqueUser("stale-sms");
    const fresh = await tokenFor(username);
    expect((await callApi(fresh, "POST", "/api/mfa/enable", {})).status).toBe(200);
    const widget = await openHost(page, { token: await tokenFor(username, 15 * 60), flow: "devices" });
    const phone = uniquePhone();

    await startAdding(widget, "Text message (SMS)");
    await widget.getByLabel("Phone").fill(phone);
    await widget.getByRole("button", { name: "Send code" }).click();
    await expect(widget.getByText(/sign in again to make this change/i)).toBeVisible();
    // Kept as it was formatted while typed.
    await expect(widget.getByLabel("Phone")).toHaveValue(`+1 ${phone.slice(2, 5)} ${phone.slice(5, 8)} ${phone.slice(8)}`);
    expect((await readMfa(fresh)).devices).toEqual([]);

    const sent = Date.now() - 1;
    await setToken(page, await tokenFor(username));
    await expect(widget.getByLabel("Code", { exact: true })).toBeVisible();
    await widget.getByLabel("Code", { exact: true }).fill(await receivedCode(phone, sent));
    await widget.getByRole("button", { name: "Verify" }).click();
    await expect(widget.getByText("Device added")).toBeVisible();
    expect((await readMfa(fresh)).devices).toMatchObject([{ type: "sms", status: "ACTIVE" }]);
  });

  test("renames a device, makes another the default, and removes one after signing in again", async ({ page }) => {
    const username = uniqueUser("manage");
    const fresh = await tokenFor(username);
    await addEmailDevice(fresh, `${username}.work@example.com`, "Work email");
    await addEmailDevice(fresh, `${username}.home@example.com`, "Personal email");
    // Signed in 15 minutes ago: fine for renaming and defaults, too old to remove a device.
    const widget = await openHost(page, { token: await tokenFor(username, 15 * 60), flow: "devices" });

    await deviceRow(widget, "Personal email").click();
    await expect(widget.getByRole("heading", { name: "Personal email" })).toBeFocused();
    await widget.getByLabel("Nickname").fill("Home email");
    await widget.getByRole("button", { name: "Save" }).click();
    // Confirmed on the device's screen, which now carries the new name.
    await expect(widget.getByText("Device renamed")).toBeVisible();
    await expect(widget.getByRole("heading", { name: "Home email" })).toBeVisible();
    await expect.poll(() => widgetEvents(page)).toContainEqual(success("device_renamed"));
    await widget.getByRole("button", { name: "All devices" }).click();
    await expect(deviceRow(widget, "Home email")).toBeVisible();

    await expect(deviceRow(widget, "Work email")).toContainText("Default");
    await deviceRow(widget, "Home email").click();
    await widget.getByRole("button", { name: "Set as default" }).click();
    await expect(widget.getByText("Default device changed")).toBeVisible();
    await widget.getByRole("button", { name: "All devices" }).click();
    await expect(deviceRow(widget, "Home email")).toContainText("Default");
    await expect(deviceRow(widget, "Work email")).not.toContainText("Default");
    await expect.poll(() => widgetEvents(page)).toContainEqual(success("default_changed"));

    await deviceRow(widget, "Work email").click();
    await widget.getByRole("button", { name: "Remove" }).click();
    await expect(widget.getByRole("heading", { name: "Remove this device?" })).toBeFocused();
    await widget.getByRole("button", { name: "Remove" }).click();
    // The person has active devices: the message offers confirming with one, in words that match.
    await expect(widget.getByText(/confirm it's you to make this change/i)).toBeVisible();
    await expect.poll(() => widgetEvents(page)).toContainEqual(failure("reauthentication_required"));
    expect((await readMfa(fresh)).devices).toHaveLength(2);

    // The host signs the person in again and hands over the new token: the removal finishes by itself.
    await setToken(page, await tokenFor(username));
    await expect(widget.getByText("Device removed")).toBeVisible();
    await expect.poll(() => widgetEvents(page)).toContainEqual(success("device_removed"));
    await expect(deviceRow(widget, "Work email")).toHaveCount(0);
    expect((await readMfa(fresh)).devices).toMatchObject([{ nickname: "Home email", isDefault: true }]);
  });

  test("the last device can't be removed while MFA is on, and says why", async ({ page }) => {
    const username = uniqueUser("last");
    const token = await tokenFor(username);
    await addEmailDevice(token, `${username}@example.com`);
    const widget = await openHost(page, { token, flow: "devices" });
    await deviceRow(widget, "Email").click();
    await widget.getByRole("button", { name: "Remove" }).click();
    await widget.getByRole("button", { name: "Remove" }).click();
    await expect(widget.getByText(/MFA needs at least one device/)).toBeVisible();
    await expect.poll(() => widgetEvents(page)).toContainEqual(failure("last_device"));
    expect((await readMfa(token)).devices).toHaveLength(1);
  });

  test("turns MFA off after confirming", async ({ page }) => {
    const { token } = await withMfaOn("off");
    const widget = await openHost(page, { token, flow: "devices" });
    await widget.getByRole("button", { name: "Turn off MFA" }).click();
    await expect(widget.getByRole("heading", { name: "Turn off MFA?" })).toBeFocused();
    await widget.getByRole("button", { name: "Turn off MFA" }).click();
    await expect(widget.getByText("MFA is off.")).toBeVisible();
    await expect(widget.getByRole("button", { name: "Enable MFA" })).toBeVisible();
    await expect.poll(() => widgetEvents(page)).toContainEqual(success("mfa_disabled"));
    expect((await readMfa(token)).enabled).toBe(false);
  });

  test("the list and Enable MFA offer no Done or Cancel; Cancel in a step goes back to the list with a cancelled event", async ({ page }) => {
    const token = await tokenFor(uniqueUser("nope"));
    const widget = await openHost(page, { token, flow: "devices" });
    await expect(widget.getByRole("button", { name: "Enable MFA" })).toBeVisible();
    await expect(widget.getByRole("button", { name: /^(Cancel|Done)$/ })).toHaveCount(0);
    await widget.getByRole("button", { name: "Enable MFA" }).click();
    await expect(widget.getByRole("heading", { name: "Your devices" })).toBeFocused();
    await expect(widget.getByRole("button", { name: /^(Cancel|Done)$/ })).toHaveCount(0);

    await widget.getByRole("button", { name: "Add device" }).click();
    await widget.getByRole("button", { name: "Cancel" }).click();
    // The panel stays where it is: back on the list, never "Closed".
    await expect(widget.getByRole("heading", { name: "Your devices" })).toBeFocused();
    await expect(widget.getByText(/^(Closed|All set)$/)).toHaveCount(0);
    await expect.poll(() => widgetEvents(page)).toEqual([success("mfa_enabled"), success("cancelled")]);
  });

  test("without a session the flow says so and sends session_missing", async ({ page }) => {
    const widget = await openHost(page, { flow: "devices" });
    await expect(widget.getByText(/not signed in/i)).toBeVisible();
    await expect.poll(() => widgetEvents(page)).toContainEqual(failure("session_missing"));
  });

  test("the device screens are usable at 320 px wide without sideways scrolling", async ({ page }) => {
    await page.setViewportSize({ width: 320, height: 700 });
    const username = uniqueUser("narrow");
    const token = await tokenFor(username);
    await addEmailDevice(token, `${username}@example.com`);
    const widget = await openHost(page, { token, flow: "devices" });
    const overflow = () => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

    await expect(deviceRow(widget, "Email")).toBeVisible();
    expect(await overflow()).toBeLessThanOrEqual(0);
    await deviceRow(widget, "Email").click();
    await expect(widget.getByRole("button", { name: "Set as default" }).or(widget.getByLabel("Nickname"))).not.toHaveCount(0);
    expect(await overflow()).toBeLessThanOrEqual(0);
    await widget.getByRole("button", { name: "All devices" }).click();
    await startAdding(widget, "Authenticator app");
    await expect(widget.getByRole("img", { name: "QR image for your authenticator app" })).toBeVisible();
    expect(await overflow()).toBeLessThanOrEqual(0);
    const verify = await widget.getByRole("button", { name: "Verify" }).boundingBox();
    expect(verify!.x + verify!.width).toBeLessThanOrEqual(320);
  });
});
