import { expect, test, type Locator, type Page } from "@playwright/test";
import { createRemoteJWKSet, jwtVerify } from "jose";
import {
  addEmailDevice,
  addSmsDevice,
  addTotpDevice,
  API_ORIGIN,
  axeViolations,
  callApi,
  cspViolations,
  openHost,
  readMfa,
  receivedCode,
  tabTo,
  tokenFor,
  totpCode,
  uniquePhone,
  uniqueUser,
  widgetEvents,
  type WidgetEvent,
} from "./support";

const JWKS = createRemoteJWKSet(new URL(`${API_ORIGIN}/.well-known/jwks.json`));

/** The assertion the widget handed the host, checked as a host backend would: signature, typ and nonce. */
async function verifiedAssertion(page: Page, nonce?: string) {
  await expect.poll(async () => (await widgetEvents(page)).some((e) => e.detail.action === "verified")).toBe(true);
  const event = (await widgetEvents(page)).find((e) => e.detail.action === "verified") as WidgetEvent;
  expect(event).toMatchObject({ type: "profile-widget-success", detail: { flow: "verify", action: "verified" } });
  const { payload, protectedHeader } = await jwtVerify(event.detail.assertion as string, JWKS, { typ: "mfa+jwt", algorithms: ["ES256"] });
  expect(protectedHeader.typ).toBe("mfa+jwt");
  if (nonce) expect(payload.nonce).toBe(nonce);
  expect(payload.mfa_method).toBe(event.detail.method);
  return payload;
}

async function addVirtualAuthenticator(page: Page) {
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
}

const heading = (widget: Locator, name: string | RegExp) => widget.getByRole("heading", { name });

test.describe("a person proves a second factor in the verify flow", () => {
  test.afterEach(async ({ page }) => {
    expect(await cspViolations(page)).toEqual([]);
  });

  test("with an authenticator app: the code, then a signed assertion for the host", async ({ page }) => {
    const username = uniqueUser("verify-totp");
    const token = await tokenFor(username);
    const secret = await addTotpDevice(token);
    const widget = await openHost(page, { token, flow: "verify", nonce: "host-nonce-42" });

    await expect(widget.getByRole("heading", { name: "Verify it's you", level: 2 })).toBeVisible();
    await expect(heading(widget, "Enter your code")).toBeVisible();
    await expect(widget.getByText("Open your authenticator app and enter the 6-digit code it shows.")).toBeVisible();
    expect(await axeViolations(page)).toEqual([]);
    await widget.getByLabel("Code", { exact: true }).fill(totpCode(secret));
    await widget.getByRole("button", { name: "Verify" }).click();

    await expect(heading(widget, "You're verified")).toBeVisible();
    const claims = await verifiedAssertion(page, "host-nonce-42");
    expect(claims).toMatchObject({ preferred_username: username, mfa_method: "totp", amr: ["mfa", "otp"] });
    expect((await readMfa(token)).devices[0]).toMatchObject({ lastUsedAt: expect.any(String) });
  });

  test("with a text message: the code is sent on arrival; a wrong one says how many tries are left", async ({ page }) => {
    const username = uniqueUser("verify-sms");
    const token = await tokenFor(username);
    const phone = uniquePhone();
    await addSmsDevice(token, phone);
    const before = Date.now();
    const widget = await openHost(page, { token, flow: "verify" });

    await expect(widget.getByText(/We sent a 6-digit code to \+1•••••\d{4}\./)).toBeVisible();
    const code = await receivedCode(phone, before);
    await expect(widget.getByRole("button", { name: /Resend code in \d+s/ })).toBeDisabled();
    await widget.getByLabel("Code", { exact: true }).fill(code === "000000" ? "111111" : "000000");
    await widget.getByRole("button", { name: "Verify" }).click();
    await expect(widget.getByText("That code isn't right. 4 attempts left.")).toBeVisible();
    await widget.getByLabel("Code", { exact: true }).fill(code);
    await widget.getByRole("button", { name: "Verify" }).click();
    await expect(heading(widget, "You're verified")).toBeVisible();
    expect(await verifiedAssertion(page)).toMatchObject({ mfa_method: "sms", amr: ["mfa", "sms"] });
  });

  test("with an email code", async ({ page }) => {
    const username = uniqueUser("verify-email");
    const token = await tokenFor(username);
    const email = `${username}@example.com`;
    await addEmailDevice(token, email);
    const before = Date.now();
    const widget = await openHost(page, { token, flow: "verify" });
    await expect(widget.getByText(/We sent a 6-digit code to .•••@example\.com\./)).toBeVisible();
    await widget.getByLabel("Code", { exact: true }).fill(await receivedCode(email, before));
    await widget.getByRole("button", { name: "Verify" }).click();
    await expect(heading(widget, "You're verified")).toBeVisible();
    expect(await verifiedAssertion(page)).toMatchObject({ mfa_method: "email" });
  });

  test("with a passkey: one tap", async ({ page }) => {
    await addVirtualAuthenticator(page);
    const username = uniqueUser("verify-passkey");
    const token = await tokenFor(username);
    expect((await callApi(token, "POST", "/api/mfa/enable", {})).status).toBe(200);
    // Created in the devices flow with the browser's authenticator, then used in the verify flow.
    const devices = await openHost(page, { token, flow: "devices" });
    await devices.getByRole("button", { name: "Add device" }).click();
    await devices.getByRole("button", { name: "Passkey" }).click();
    await devices.getByRole("button", { name: "Create passkey" }).click();
    await expect(devices.getByText("Device added")).toBeVisible();

    const widget = await openHost(page, { token, flow: "verify", nonce: "n-passkey" });
    await expect(heading(widget, "Use your passkey")).toBeVisible();
    expect(await axeViolations(page)).toEqual([]);
    await widget.getByRole("button", { name: "Use passkey" }).click();
    await expect(heading(widget, "You're verified")).toBeVisible();
    expect(await verifiedAssertion(page, "n-passkey")).toMatchObject({ mfa_method: "passkey", amr: ["mfa", "pop"] });
  });

  test("with a recovery code, through Use another method, keyboard only", async ({ page }) => {
    const username = uniqueUser("verify-recovery");
    const token = await tokenFor(username);
    await addTotpDevice(token);
    const created = await callApi<{ codes: string[] }>(token, "POST", "/api/mfa/recovery-codes", {});
    expect(created.status).toBe(201);
    const widget = await openHost(page, { token, flow: "verify" });
    await expect(heading(widget, "Enter your code")).toBeVisible();

    await tabTo(page, widget.getByRole("button", { name: "Use another method" }));
    await page.keyboard.press("Enter");
    await expect(heading(widget, "Choose a method")).toBeFocused();
    expect(await axeViolations(page)).toEqual([]);
    await tabTo(page, widget.getByRole("button", { name: /Recovery code/ }));
    await expect(widget.getByRole("button", { name: /Recovery code/ })).toContainText("10 codes left");
    await page.keyboard.press("Enter");
    await expect(heading(widget, "Use a recovery code")).toBeVisible();
    await expect(widget.getByLabel("Recovery code")).toBeFocused();
    await tabTo(page, widget.getByLabel("Recovery code"));
    await page.keyboard.type(created.body.codes[0]!.toUpperCase());
    await page.keyboard.press("Enter");

    await expect(heading(widget, "You're verified")).toBeVisible();
    expect(await verifiedAssertion(page)).toMatchObject({ mfa_method: "recovery_code" });
    expect((await readMfa(token)) as unknown as { recoveryCodes: { remaining: number } }).toMatchObject({ recoveryCodes: { remaining: 9 } });
  });

  test("with MFA off it says so and reports mfa_not_enabled", async ({ page }) => {
    const token = await tokenFor(uniqueUser("verify-off"));
    const widget = await openHost(page, { token, flow: "verify" });
    await expect(widget.getByText("This account has no sign-in device to verify yet.", { exact: false })).toBeVisible();
    await expect
      .poll(() => widgetEvents(page))
      .toContainEqual({ type: "profile-widget-error", detail: expect.objectContaining({ flow: "verify", code: "mfa_not_enabled" }) });
  });
});

test.describe("a change that needs a recent sign-in is confirmed in place with a device", () => {
  test("removing a device: Confirm it's you, the code, and the removal finishes", async ({ page }) => {
    const username = uniqueUser("stepup-devices");
    const fresh = await tokenFor(username);
    const secret = await addTotpDevice(fresh);
    await addEmailDevice(fresh, `${username}.spare@example.com`, "Spare email");
    const widget = await openHost(page, { token: await tokenFor(username, 50 * 60), flow: "devices" });

    await widget.locator("[part~=device]").filter({ hasText: "Spare email" }).click();
    await widget.getByRole("button", { name: "Remove" }).click();
    await widget.getByRole("button", { name: "Remove" }).click();
    await expect(widget.getByText(/confirm it's you to make this change/i)).toBeVisible();
    await widget.getByRole("button", { name: "Confirm it's you" }).click();

    await expect(widget.getByText("This change needs a recent sign-in.", { exact: false })).toBeVisible();
    await expect(heading(widget, "Enter your code")).toBeVisible();
    await expect(widget.getByLabel("Code", { exact: true })).toBeFocused();
    expect(await axeViolations(page)).toEqual([]);
    await widget.getByLabel("Code", { exact: true }).fill(totpCode(secret));
    await widget.getByRole("button", { name: "Verify" }).click();

    await expect(widget.getByText("Device removed")).toBeVisible();
    expect((await readMfa(fresh)).devices.map((d) => d.nickname)).toEqual(["Authenticator app"]);
    await expect
      .poll(() => widgetEvents(page))
      .toContainEqual({ type: "profile-widget-success", detail: { flow: "devices", action: "device_removed" } });
  });

  test("changing the email in the profile: confirmed with a device, then saved", async ({ page }) => {
    const username = uniqueUser("stepup-profile");
    const fresh = await tokenFor(username);
    const secret = await addTotpDevice(fresh);
    const widget = await openHost(page, { token: await tokenFor(username, 50 * 60) });

    await widget.getByLabel("Email").fill(`${username}.new@example.com`);
    await widget.getByRole("button", { name: "Save" }).click();
    await widget.getByRole("button", { name: "Confirm it's you" }).click();
    await widget.getByLabel("Code", { exact: true }).fill(totpCode(secret));
    await widget.getByRole("button", { name: "Verify" }).click();

    // The change went through: the new address now waits beside its field for the code sent to it.
    await expect(widget.getByRole("group", { name: /^Enter the code we sent to s•+@example\.com\.$/ })).toBeVisible();
    await expect
      .poll(async () => (await callApi<{ pendingChanges: Array<{ field: string }> }>(fresh, "GET", "/api/profile")).body.pendingChanges)
      .toEqual([expect.objectContaining({ field: "email" })]);
  });

  test("Cancel goes back to the change, which still waits for a sign-in", async ({ page }) => {
    const username = uniqueUser("stepup-cancel");
    const fresh = await tokenFor(username);
    await addTotpDevice(fresh);
    const widget = await openHost(page, { token: await tokenFor(username, 50 * 60) });
    await widget.getByLabel("Email").fill(`${username}.new@example.com`);
    await widget.getByRole("button", { name: "Save" }).click();
    await widget.getByRole("button", { name: "Confirm it's you" }).click();
    await widget.getByRole("button", { name: "Cancel" }).click();
    await expect(widget.getByLabel("Email")).toHaveValue(`${username}.new@example.com`);
    // Signing in again still finishes it, as before.
    await page.evaluate((t) => document.querySelector("profile-widget")!.setAttribute("data-session-token", t), await tokenFor(username));
    await expect
      .poll(async () => (await callApi<{ pendingChanges: Array<{ field: string }> }>(fresh, "GET", "/api/profile")).body.pendingChanges)
      .toEqual([expect.objectContaining({ field: "email" })]);
  });
});

test.describe("recovery codes in the devices flow", () => {
  test("are created, shown once with Copy, Download and Print, and counted on the list", async ({ page }) => {
    const username = uniqueUser("recovery");
    const token = await tokenFor(username);
    await addTotpDevice(token);
    const widget = await openHost(page, { token, flow: "devices" });
    const row = widget.locator("[part~=recovery-codes]");
    await expect(row).toContainText("Codes you can use to sign in if you lose your devices.");
    await row.getByRole("button", { name: "Create codes" }).click();

    await expect(heading(widget, "Save your recovery codes")).toBeFocused();
    const codes = widget.getByRole("list", { name: "Your recovery codes" }).getByRole("listitem");
    await expect(codes).toHaveCount(10);
    expect(await axeViolations(page)).toEqual([]);
    const download = page.waitForEvent("download");
    await widget.getByRole("button", { name: "Download" }).click();
    expect((await download).suggestedFilename()).toBe("recovery-codes.txt");
    await widget.getByRole("button", { name: "I've saved them" }).click();
    await expect(row).toContainText("10 of 10 left");
    await expect.poll(() => widgetEvents(page)).toContainEqual({
      type: "profile-widget-success",
      detail: { flow: "devices", action: "recovery_codes_created" },
    });
  });
});
