import { expect, test, type Locator } from "@playwright/test";
import { openHost, readMfa, readProfile, receivedCode, tabTo, tokenFor, uniqueUser, widgetEvents } from "./support";

/** The element's message is announced: it sits in a live region (role=status/alert or aria-live) of the widget. */
async function expectAnnounced(message: Locator) {
  await expect(message).toBeVisible();
  const live = await message.evaluate((el) => el.closest("[role=status], [role=alert], [aria-live]")?.getAttribute("role") ?? null);
  expect(live, "inside a live region").toMatch(/status|alert/);
}

/** A field with an error is marked invalid and described by the message shown under it. */
async function expectDescribedError(field: Locator, text: string | RegExp) {
  await expect(field).toHaveAttribute("aria-invalid", "true");
  await expect(field).toHaveAccessibleDescription(text);
  const ids = ((await field.getAttribute("aria-describedby")) ?? "").split(" ");
  const shown = await field.evaluate(
    (el, ids) => ids.map((id) => (el.getRootNode() as ShadowRoot).getElementById(id)?.textContent?.trim() ?? ""),
    ids,
  );
  expect(shown.join(" ")).toMatch(text);
}

test.describe("the whole widget works with the keyboard alone", () => {
  test("profile: fill in the form, fix a field, save — focus stays where the person is", async ({ page }) => {
    const token = await tokenFor(uniqueUser("keys"));
    const widget = await openHost(page, { token });
    const first = widget.getByLabel("First name");
    await expect(first).toBeVisible();

    await tabTo(page, first);
    await page.keyboard.type("Ada");
    await page.keyboard.press("Tab");
    await expect(widget.getByLabel("Last name")).toBeFocused();
    await page.keyboard.type("Lovelace");
    // Back and forth: Shift+Tab returns to the previous field.
    await page.keyboard.press("Shift+Tab");
    await expect(first).toBeFocused();

    const phone = widget.getByLabel("Phone");
    await tabTo(page, phone);
    await page.keyboard.type("12345");
    await page.keyboard.press("Enter");
    await expectDescribedError(phone, /country code/);
    await expect(phone).toBeFocused();
    await expectAnnounced(widget.getByText("Some details need your attention."));
    await page.keyboard.press("Control+A");
    await page.keyboard.type("+44 20 7946 0958");

    await tabTo(page, widget.getByLabel("City"));
    await page.keyboard.type("London");
    const country = widget.getByLabel("Country");
    await tabTo(page, country);
    await page.keyboard.type("United Kingdom");
    await expect(country).toHaveValue("GB");

    const save = widget.getByRole("button", { name: "Save" });
    await tabTo(page, save);
    await page.keyboard.press("Enter");
    await expectAnnounced(widget.getByText("Your profile has been saved."));
    // Save is done but still focused (aria-disabled, not disabled), so the person is not thrown back to the page.
    await expect(save).toBeFocused();
    await expect(save).toHaveAttribute("aria-disabled", "true");
    // The new number waits for the code sent to it; the rest is saved.
    expect(await readProfile(token)).toMatchObject({
      givenName: "Ada",
      familyName: "Lovelace",
      phone: null,
      address: { locality: "London", countryCode: "GB" },
      pendingChanges: [expect.objectContaining({ field: "phone" })],
    });
  });

  test("devices: enable MFA, add an email device with the code, rename it — focus on each screen's heading", async ({ page }) => {
    const username = uniqueUser("keys-dev");
    const token = await tokenFor(username);
    const widget = await openHost(page, { token, flow: "devices" });
    const heading = (name: string) => widget.getByRole("heading", { name, exact: true });
    await expect(heading("Protect your account with MFA")).toBeVisible();

    await tabTo(page, widget.getByRole("button", { name: "Enable MFA" }));
    await page.keyboard.press("Enter");
    await expect(heading("Your devices")).toBeFocused();
    // No success message: sign-ins are not protected until a device is added, and the list says so.
    await expect(widget.getByText("Add a device to finish setting up — sign-ins are not protected yet.")).toBeVisible();

    await tabTo(page, widget.getByRole("button", { name: "Add device" }));
    await page.keyboard.press("Space");
    await expect(heading("Add a device")).toBeFocused();

    await tabTo(page, widget.getByRole("button", { name: "Email" }));
    await page.keyboard.press("Enter");
    await expect(heading("Email")).toBeFocused();

    const email = `${username}@example.com`;
    await tabTo(page, widget.getByLabel("Email"));
    await page.keyboard.type("not-an-address");
    await page.keyboard.press("Enter");
    await expectDescribedError(widget.getByLabel("Email"), /valid email address/);
    await expect(widget.getByLabel("Email")).toBeFocused();
    const before = Date.now() - 1;
    await page.keyboard.type(email); // the invalid text is selected, so typing replaces it
    await page.keyboard.press("Enter");
    await expect(heading("Enter the code")).toBeFocused();

    // "Resend code" waits for the time the server named: disabled meanwhile (Tab passes it), its countdown shown.
    await expect(widget.getByRole("button", { name: /^Resend code in \d+s$/ })).toBeDisabled();

    const code = widget.getByLabel("Code", { exact: true });
    await tabTo(page, code);
    const received = await receivedCode(email, before);
    await page.keyboard.type(received === "000000" ? "111111" : "000000");
    await page.keyboard.press("Enter");
    await expectDescribedError(code, /That code isn't right\. 4 attempts left\./);
    await expect(code).toBeFocused();
    await page.keyboard.type(received);
    await page.keyboard.press("Enter");
    await expect(heading("Your devices")).toBeFocused();
    await expectAnnounced(widget.getByText("Device added"));

    await tabTo(page, widget.locator("[part~=device]").first());
    await page.keyboard.press("Enter");
    await expect(heading("Email")).toBeFocused();
    const nickname = widget.getByLabel("Nickname");
    await tabTo(page, nickname);
    await page.keyboard.press("Control+A");
    await page.keyboard.type("Work email");
    await page.keyboard.press("Enter");
    // Confirmed in place: the device's screen stays, with its new name, and focus stays in the field.
    await expectAnnounced(widget.getByText("Device renamed"));
    await expect(heading("Work email")).toBeVisible();
    await expect(nickname).toBeFocused();

    await tabTo(page, widget.getByRole("button", { name: "All devices" }), { back: true });
    await page.keyboard.press("Enter");
    await expect(heading("Your devices")).toBeFocused();

    expect((await readMfa(token)).devices).toMatchObject([{ type: "email", nickname: "Work email", status: "ACTIVE" }]);
    const actions = (await widgetEvents(page)).filter((e) => e.type === "profile-widget-success").map((e) => e.detail.action);
    expect(actions).toEqual(["mfa_enabled", "device_added", "done", "device_renamed"]);
  });
});
