import { expect, test, type Locator, type Page } from "@playwright/test";
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
  tokenFor,
  totpCode,
  uniquePhone,
  setSessionToken,
  uniqueUser,
  widgetEvents,
} from "./support";

/** The devices flow at its edges: an honest security state, blocked actions, rows alike, changes confirmed in place. */

const success = (action: string) => ({ type: "profile-widget-success", detail: { flow: "devices", action } });
const heading = (widget: Locator, name: string) => widget.getByRole("heading", { name, exact: true });
const deviceRow = (widget: Locator, name: string | RegExp) => widget.locator("[part~=device]").filter({ hasText: name });
const errorsOf = async (page: Page, code: string) =>
  (await widgetEvents(page)).filter((e) => e.type === "profile-widget-error" && e.detail.code === code).length;

/** The colour a pill or message is painted in. */
const colour = (locator: Locator) => locator.evaluate((el) => getComputedStyle(el).color);

/** The vertical middle of an element's box. */
async function middle(locator: Locator): Promise<number> {
  const box = (await locator.boundingBox())!;
  return box.y + box.height / 2;
}

test.describe("the devices flow at its edges", () => {
  test.afterEach(async ({ page }) => {
    expect(await cspViolations(page)).toEqual([]);
  });

  test("until a device is active, MFA is 'Not finished' in amber and the list says sign-ins are not protected", async ({ page }) => {
    const username = uniqueUser("honest");
    const token = await tokenFor(username);
    const widget = await openHost(page, { token, flow: "devices" });
    await widget.getByRole("button", { name: "Enable MFA" }).click();

    await expect(widget.getByText("No devices yet")).toBeVisible();
    const badge = widget.locator(".screen-title-row .pill");
    await expect(badge).toHaveText("Not finished");
    await expect(widget.getByText("Add a device to finish setting up — sign-ins are not protected yet.")).toBeVisible();
    // No success anywhere: neither "MFA is on" nor a green message.
    await expect(widget.getByText(/MFA is on/)).toHaveCount(0);
    await expect(widget.locator(".notice.success")).toHaveCount(0);
    const amber = await colour(widget.locator(".protection.pending"));
    expect(await colour(badge)).toBe(amber);

    await addEmailDevice(token, `${username}@example.com`);
    await openHost(page, { token, flow: "devices" });
    await expect(widget.getByText("Sign-ins are protected by 1 device.")).toBeVisible();
    await expect(badge).toHaveText("MFA is on");
    expect(await colour(badge)).not.toBe(amber);
  });

  test("a kind of device on Enable MFA turns MFA on and starts adding it", async ({ page }) => {
    const token = await tokenFor(uniqueUser("chip"));
    const widget = await openHost(page, { token, flow: "devices" });
    const choices = widget.getByRole("list", { name: "Or start with a device:" });
    await expect(choices.getByRole("button")).toHaveText(["Text message (SMS)", "Email", "Authenticator app", "Passkey"]);
    await choices.getByRole("button", { name: "Authenticator app" }).click();

    await expect(widget.getByRole("img", { name: "QR image for your authenticator app" })).toBeVisible();
    const secret = (await widget.locator("[part~=secret]").textContent()) ?? "";
    await widget.getByLabel("Code", { exact: true }).fill(totpCode(secret));
    await widget.getByRole("button", { name: "Verify" }).click();
    await expect(widget.getByText("Device added")).toBeVisible();
    await expect(widget.getByText("Sign-ins are protected by 1 device.")).toBeVisible();
    expect(await readMfa(token)).toMatchObject({ enabled: true, devices: [{ type: "totp", status: "ACTIVE" }] });
    // Finishing a setup tells the host: the device, then done; the widget stays on the list.
    await expect.poll(() => widgetEvents(page)).toEqual([success("mfa_enabled"), success("device_added"), success("done")]);
    await expect(heading(widget, "Your devices")).toBeFocused();
  });

  test("every row reads the same way: its name, then type · detail · last used", async ({ page }) => {
    const username = uniqueUser("rows");
    const token = await tokenFor(username);
    const phone = uniquePhone();
    await addEmailDevice(token, `${username}@example.com`, "Work email");
    await addSmsDevice(token, phone);
    await addTotpDevice(token);
    const widget = await openHost(page, { token, flow: "devices" });

    const meta = widget.locator("[part~=device] .device-meta");
    await expect(widget.locator("[part~=device] .device-name")).toHaveText(["Work email", "Phone", "Authenticator app"]);
    await expect(meta).toHaveText([
      `Email · ${username[0]}•••@example.com · Used just now`,
      `Text message (SMS) · +1•••••${phone.slice(-4)} · Used just now`,
      // The name already says what it is: the type is not repeated.
      "Used just now",
    ]);
    await expect(widget.getByText(/^Added /)).toHaveCount(0);
    // A masked number reads left to right in any language ("+1•••", not "1•••+" in Arabic).
    await expect(widget.locator("[part~=device] bdi").first()).toHaveAttribute("dir", "ltr");
  });

  test("a device nobody named shows its type's name in the widget's language", async ({ page }) => {
    const token = await tokenFor(uniqueUser("named-de"));
    await callApi(token, "POST", "/api/mfa/enable", {});
    await addTotpDevice(token);
    expect((await readMfa(token)).devices).toMatchObject([{ nickname: "Authenticator app" }]);

    const widget = await openHost(page, { token, flow: "devices", locale: "de" });
    await expect(deviceRow(widget, "Authenticator-App")).toBeVisible();
    await expect(widget.getByText("Authenticator app")).toHaveCount(0);
    await deviceRow(widget, "Authenticator-App").click();
    await expect(heading(widget, "Authenticator-App")).toBeFocused();
    await expect(widget.getByLabel("Name")).toHaveValue("");
  });

  test("a device's screen says its type once and confirms a rename and a new default in place", async ({ page }) => {
    const username = uniqueUser("in-place");
    const token = await tokenFor(username);
    await addEmailDevice(token, `${username}@example.com`);
    await addTotpDevice(token);
    const widget = await openHost(page, { token, flow: "devices" });
    await deviceRow(widget, "Authenticator app").click();

    const screen = widget.locator("[part~=screen]");
    await expect(heading(widget, "Authenticator app")).toBeFocused();
    // The title says it; not again as a type, nor as the nickname typed in the field.
    await expect(screen.getByText("Authenticator app", { exact: true })).toHaveCount(1);
    await expect(widget.getByLabel("Nickname")).toHaveValue("");

    await widget.getByLabel("Nickname").fill("Phone app");
    await widget.getByLabel("Nickname").press("Enter");
    const renamed = widget.locator("form [role=status]");
    await expect(renamed).toHaveText("Device renamed");
    await expect(heading(widget, "Phone app")).toBeVisible();
    await expect(widget.getByLabel("Nickname")).toBeFocused();
    await expect.poll(() => widgetEvents(page)).toContainEqual(success("device_renamed"));
    // Typing something new retires the confirmation of the last change.
    await widget.getByLabel("Nickname").press("End");
    await widget.getByLabel("Nickname").press("s");
    await expect(renamed).toBeEmpty();
    await widget.getByLabel("Nickname").press("Backspace");

    await widget.getByRole("button", { name: "Set as default" }).click();
    await expect(widget.getByText("Default device changed")).toBeVisible();
    await expect(heading(widget, "Phone app")).toBeVisible();
    await expect(screen.locator(".screen-title-row")).toContainText("Default");
    // The button is gone (the device is the default now): focus is on what replaced it, not lost to the page.
    await expect(widget.getByRole("heading", { name: "Default device" })).toBeFocused();
    expect((await readMfa(token)).devices.find((d) => d.type === "totp")).toMatchObject({ nickname: "Phone app", isDefault: true });
  });

  test("a nickname's limit is shown as it is typed, and a longer one is refused, not cut", async ({ page }) => {
    const username = uniqueUser("limit");
    const token = await tokenFor(username);
    await addEmailDevice(token, `${username}@example.com`, "Work email");
    const widget = await openHost(page, { token, flow: "devices" });
    await deviceRow(widget, "Work email").click();

    const field = widget.getByLabel("Nickname");
    const counter = widget.locator(".counter");
    await expect(counter).toHaveText("10/40");
    await expect(field).toHaveAccessibleDescription(/Up to 40 characters\./);
    await field.fill("Work email on the shared laptop");
    await expect(counter).toHaveText("31/40");

    const long = "Work email on the shared laptop in the office";
    await field.fill(long);
    // Nothing is cut: all 45 characters stay, the counter and the field say what is wrong.
    await expect(field).toHaveValue(long);
    await expect(counter).toHaveText("45/40");
    await expect(field).toHaveAttribute("aria-invalid", "true");
    await expect(field).toHaveAccessibleDescription(/That's 45 characters\. A nickname can have up to 40\./);
    await expect(widget.getByText("Too many characters: 5")).toBeAttached();
    await widget.getByRole("button", { name: "Save" }).click();
    await expect(field).toBeFocused();
    expect((await readMfa(token)).devices[0]!.nickname).toBe("Work email");

    await field.fill(long.slice(0, 40));
    await expect(field).not.toHaveAttribute("aria-invalid", "true");
    await widget.getByRole("button", { name: "Save" }).click();
    await expect(widget.getByText("Device renamed")).toBeVisible();
    expect((await readMfa(token)).devices[0]!.nickname).toBe(long.slice(0, 40).trim());
  });

  test("when the session has ended the devices leave the page for the signed-out state, and come back with the next token", async ({ page }) => {
    const username = uniqueUser("ended");
    const token = await tokenFor(username);
    await addEmailDevice(token, `${username}@example.com`, "Work email");
    const widget = await openHost(page, { token, flow: "devices" });
    await deviceRow(widget, "Work email").click();
    await expect(heading(widget, "Work email")).toBeFocused();

    // The session ends on a device's screen: nothing of the person's devices stays on the page.
    await setSessionToken(page, "expired.bad.token");
    await expect(widget.getByText("You've been signed out")).toBeVisible();
    await expect(widget.getByText("We couldn't verify your sign-in. Sign in again to continue.")).toBeVisible();
    for (const gone of [widget.getByRole("button", { name: "Remove" }), widget.getByRole("button", { name: "Add device" }), widget.getByText("Work email")]) {
      await expect(gone).toHaveCount(0);
    }
    // Not even the masked address.
    expect(await widget.evaluate((el) => el.shadowRoot!.textContent)).not.toContain("example.com");

    // "Sign in again" in the message tells the host again, as the first failure did.
    const signIn = widget.getByRole("button", { name: "Sign in again" });
    const before = await errorsOf(page, "session_invalid");
    await signIn.click();
    await expect.poll(() => errorsOf(page, "session_invalid")).toBe(before + 1);

    // The same person signs in again: back where they were.
    await setSessionToken(page, await tokenFor(username));
    await expect(signIn).toHaveCount(0);
    await expect(heading(widget, "Work email")).toBeVisible();
    await widget.getByRole("button", { name: "All devices" }).click();
    await expect(deviceRow(widget, "Work email")).toHaveAttribute("aria-disabled", "false");
  });

  test("a removal that needs a recent sign-in: the message sits by Remove, offers Confirm it's you, and Remove waits", async ({ page }) => {
    const username = uniqueUser("by-remove");
    const fresh = await tokenFor(username);
    await addEmailDevice(fresh, `${username}@example.com`, "Work email");
    await addTotpDevice(fresh);
    const widget = await openHost(page, { token: await tokenFor(username, 50 * 60), flow: "devices" });
    await deviceRow(widget, "Work email").click();
    await widget.getByRole("button", { name: "Remove" }).click();
    const remove = widget.getByRole("button", { name: "Remove" });
    await remove.click();

    const message = widget.locator(".footer [role=status] .notice");
    await expect(message).toContainText("For your security, confirm it's you to make this change.");
    // Words that match the action offered: no "sign in again" beside "Confirm it's you".
    await expect(message).not.toContainText(/sign in again/i);
    await expect(message.getByRole("button", { name: "Confirm it's you" })).toBeVisible();
    // Beside the control concerned: right above Remove, not under the heading.
    const gap = (await remove.boundingBox())!.y - ((await message.boundingBox())!.y + (await message.boundingBox())!.height);
    expect(gap).toBeGreaterThanOrEqual(0);
    expect(gap).toBeLessThan(40);
    await expect(remove).toHaveAttribute("aria-disabled", "true");
    await expect(remove).toBeFocused();
    // Pressed again, it does nothing: no second request, no second message.
    await page.keyboard.press("Enter");
    await expect(remove).toBeFocused();
    await expect(message).toHaveCount(1);
    expect((await readMfa(fresh)).devices).toHaveLength(2);
    // Leaving needs no sign-in: Cancel stays usable.
    await expect(widget.getByRole("button", { name: "Cancel" })).not.toHaveAttribute("aria-disabled", "true");

    // A fresh token finishes the removal by itself.
    await setSessionToken(page, await tokenFor(username));
    await expect(widget.getByText("Device removed")).toBeVisible();
    expect((await readMfa(fresh)).devices.map((d) => d.type)).toEqual(["totp"]);
  });

  test("with no device to confirm with, the message says Sign in again and offers just that", async ({ page }) => {
    const username = uniqueUser("sign-in-only");
    const fresh = await tokenFor(username);
    expect((await callApi(fresh, "POST", "/api/mfa/enable", {})).status).toBe(200);
    const widget = await openHost(page, { token: await tokenFor(username, 15 * 60), flow: "devices" });
    await widget.getByRole("button", { name: "Add device" }).click();
    await widget.getByRole("button", { name: "Authenticator app" }).click();

    await expect(widget.getByText(/sign in again to make this change/i)).toBeVisible();
    await expect(widget.getByRole("button", { name: "Sign in again" })).toBeVisible();
    await expect(widget.getByRole("button", { name: "Confirm it's you" })).toHaveCount(0);
    await expect(widget.getByRole("button", { name: "Authenticator app" })).toHaveAttribute("aria-disabled", "true");
    const events = await errorsOf(page, "reauthentication_required");
    await widget.getByRole("button", { name: "Sign in again" }).click();
    await expect.poll(() => errorsOf(page, "reauthentication_required")).toBe(events + 1);
  });

  test("a network failure says so beside the change, with Try again", async ({ page }) => {
    const username = uniqueUser("retry");
    const token = await tokenFor(username);
    await addEmailDevice(token, `${username}@example.com`, "Work email");
    const widget = await openHost(page, { token, flow: "devices" });
    await deviceRow(widget, "Work email").click();
    await page.route(`${API_ORIGIN}/api/mfa/devices/*`, (route) => (route.request().method() === "PATCH" ? route.abort() : route.continue()));
    await widget.getByLabel("Nickname").fill("Home email");
    await widget.getByRole("button", { name: "Save" }).click();

    const message = widget.locator("form [role=status] .notice");
    await expect(message).toContainText("Can't reach the server.");
    await page.unroute(`${API_ORIGIN}/api/mfa/devices/*`);
    await message.getByRole("button", { name: "Try again" }).click();
    await expect(widget.getByText("Device renamed")).toBeVisible();
    expect((await readMfa(token)).devices[0]!.nickname).toBe("Home email");
  });

  test("titles sit on the middle of their icon tile", async ({ page }) => {
    const username = uniqueUser("tiles");
    const token = await tokenFor(username);
    const widget = await openHost(page, { token, flow: "devices" });
    const title = widget.locator("#pw-screen-title");
    const tile = widget.locator(".screen-head > .tile");
    await expect(heading(widget, "Protect your account with MFA")).toBeVisible();
    expect(Math.abs((await middle(title)) - (await middle(tile)))).toBeLessThanOrEqual(2);

    await addEmailDevice(token, `${username}@example.com`);
    await openHost(page, { token, flow: "devices" });
    await deviceRow(widget, "Email").click();
    await expect(heading(widget, "Email")).toBeFocused();
    expect(Math.abs((await middle(title)) - (await middle(tile)))).toBeLessThanOrEqual(2);
  });

  for (const colorScheme of ["light", "dark"] as const) {
    test(`the new states pass axe (${colorScheme})`, async ({ page }) => {
      test.setTimeout(90_000);
      await page.emulateMedia({ colorScheme });
      const username = uniqueUser(`axe-edges-${colorScheme}`);
      const token = await tokenFor(username);
      const widget = await openHost(page, { token, flow: "devices" });
      await expect(widget.getByRole("button", { name: "Passkey" })).toBeVisible();
      expect(await axeViolations(page), "enable with its choices").toEqual([]);
      await widget.getByRole("button", { name: "Enable MFA" }).click();
      await expect(widget.getByText("Not finished")).toBeVisible();
      expect(await axeViolations(page), "not finished").toEqual([]);

      await addEmailDevice(token, `${username}@example.com`);
      await openHost(page, { token, flow: "devices" });
      await deviceRow(widget, "Email").click();
      await widget.getByLabel("Nickname").fill("x".repeat(41));
      await expect(widget.getByLabel("Nickname")).toHaveAttribute("aria-invalid", "true");
      expect(await axeViolations(page), "nickname too long").toEqual([]);
      await widget.getByRole("button", { name: "All devices" }).click();
      await setSessionToken(page, "expired.bad.token");
      await expect(widget.getByRole("button", { name: "Sign in again" })).toBeVisible();
      expect(await axeViolations(page), "signed out").toEqual([]);
    });
  }
});
