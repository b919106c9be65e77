import { expect, test } from "@playwright/test";
import { cspViolations, openHost, readProfile, tokenFor, uniqueUser, widgetEvents } from "./support";

test.describe("a person manages their profile in a widget embedded on another site", () => {
  test("edits name and address, sees the success message, and the host receives the success event", async ({ page }) => {
    const username = uniqueUser("ada");
    const token = await tokenFor(username);
    const widget = await openHost(page, { token, username, "company-name": "Acme Travel" });

    await expect(widget.getByText(username)).toBeVisible();
    await widget.getByLabel("First name").fill("Ada");
    await widget.getByLabel("Last name").fill("Lovelace");
    await widget.getByLabel("Street address").fill("12 St James's Square");
    await widget.getByLabel("City").fill("London");
    await widget.getByLabel("State / Province").fill("Greater London");
    await widget.getByLabel("Postal code").fill("SW1Y 4JH");
    await widget.getByLabel("Country").selectOption("GB");
    await widget.getByRole("button", { name: "Save" }).click();

    await expect(widget.getByText("Your profile has been saved.")).toBeVisible();
    await expect.poll(() => widgetEvents(page)).toContainEqual({
      type: "profile-widget-success",
      detail: { flow: "profile", action: "profile_updated" },
    });
    expect(await readProfile(token)).toMatchObject({
      givenName: "Ada",
      familyName: "Lovelace",
      address: { streetAddress: "12 St James's Square", locality: "London", region: "Greater London", postalCode: "SW1Y 4JH", countryCode: "GB" },
    });

    // A reload shows what was saved.
    await page.reload();
    await expect(widget.getByLabel("First name")).toHaveValue("Ada");
    await expect(widget.getByLabel("Country")).toHaveValue("GB");
    // The chosen country shows at once; the rest of the list follows and the choice stays.
    const country = widget.getByLabel("Country");
    await expect(country.locator("option")).toHaveCount(250);
    await expect(country.locator("option:checked")).toHaveText("United Kingdom");
    await expect(country.locator("option").nth(1)).toHaveText("Afghanistan");
    expect(await cspViolations(page)).toEqual([]);
  });

  test("changes only the name, leaving the address alone", async ({ page }) => {
    const username = uniqueUser("grace");
    const token = await tokenFor(username);
    const widget = await openHost(page, { token });
    await widget.getByLabel("City").fill("Arlington");
    await widget.getByRole("button", { name: "Save" }).click();
    await expect(widget.getByText("Your profile has been saved.")).toBeVisible();
    await widget.getByLabel("First name").fill("Grace");
    await widget.getByRole("button", { name: "Save" }).click();
    await expect.poll(async () => (await readProfile(token)).givenName).toBe("Grace");
    expect((await readProfile(token)).address).toMatchObject({ locality: "Arlington" });
  });

  test("shows validation messages beside their fields and saves nothing until they are fixed", async ({ page }) => {
    const token = await tokenFor(uniqueUser("val"));
    const widget = await openHost(page, { token });
    const phone = widget.getByLabel("Phone");
    const postalCode = widget.getByLabel("Postal code");

    // Checked in the browser first: a number without the country code.
    await phone.fill("12345");
    await widget.getByRole("button", { name: "Save" }).click();
    await expect(phone).toHaveAttribute("aria-invalid", "true");
    await expect(phone).toHaveAccessibleDescription(/country code/);
    await expect(phone).toBeFocused();

    // Checked by the server: its message appears beside the field it names.
    await phone.fill("+14155550123");
    await postalCode.fill("<b>");
    await widget.getByRole("button", { name: "Save" }).click();
    await expect(postalCode).toHaveAttribute("aria-invalid", "true");
    await expect(postalCode).toHaveAccessibleDescription(/valid postal code: letters, digits, spaces and hyphens/);
    await expect(phone).not.toHaveAttribute("aria-invalid", "true");
    expect(await readProfile(token)).toMatchObject({ phone: null, address: null });
    expect((await widgetEvents(page)).filter((e) => e.type === "profile-widget-success")).toEqual([]);

    await postalCode.fill("94105");
    await widget.getByRole("button", { name: "Save" }).click();
    await expect(widget.getByText("Your profile has been saved.")).toBeVisible();
    await expect(postalCode).not.toHaveAttribute("aria-invalid", "true");
    // The new number waits for the code sent to it; the rest is saved.
    expect(await readProfile(token)).toMatchObject({
      phone: null,
      address: { postalCode: "94105" },
      pendingChanges: [expect.objectContaining({ field: "phone" })],
    });
  });

  test("an expired session shows a message and sends session_expired to the host", async ({ page }) => {
    const token = await tokenFor(uniqueUser("old"), 2 * 60 * 60);
    const widget = await openHost(page, { token });
    await expect(widget.getByText(/session has expired/i)).toBeVisible();
    await expect.poll(() => widgetEvents(page)).toContainEqual({
      type: "profile-widget-error",
      detail: expect.objectContaining({ flow: "profile", code: "session_expired" }),
    });
    await expect(widget.getByLabel("First name")).toHaveCount(0);
  });

  test("a token that goes stale while the form is open signs the person out, and a fresh one brings back what they typed", async ({ page }) => {
    const username = uniqueUser("stale");
    const widget = await openHost(page, { token: await tokenFor(username) });
    await widget.getByLabel("First name").fill("Typed");
    const expired = await tokenFor(username, 2 * 60 * 60);
    await page.evaluate((t) => document.querySelector("profile-widget")!.setAttribute("data-session-token", t), expired);
    await expect(widget.getByText("You've been signed out")).toBeVisible();
    await expect(widget.getByText(/session has expired/i)).toBeVisible();
    await expect.poll(() => widgetEvents(page)).toContainEqual({
      type: "profile-widget-error",
      detail: expect.objectContaining({ code: "session_expired" }),
    });
    // Nothing of the person stays on the page while they are signed out.
    await expect(widget.getByLabel("First name")).toHaveCount(0);
    await expect(widget.getByText(username)).toHaveCount(0);

    await page.evaluate((t) => document.querySelector("profile-widget")!.setAttribute("data-session-token", t), await tokenFor(username));
    await expect(widget.getByLabel("First name")).toHaveValue("Typed");
    await expect(widget.getByText(`Signed in as ${username}`)).toBeVisible();
  });

  test("without a token the widget says so and sends session_missing", async ({ page }) => {
    const widget = await openHost(page, {});
    await expect(widget.getByText(/not signed in/i)).toBeVisible();
    await expect.poll(() => widgetEvents(page)).toContainEqual({
      type: "profile-widget-error",
      detail: expect.objectContaining({ code: "session_missing" }),
    });
  });

  test("the profile loads with one request, whether the token is an attribute or getSessionToken set after adding the element", async ({ page }) => {
    const username = uniqueUser("getter");
    const token = await tokenFor(username);
    const profileRequests: string[] = [];
    page.on("request", (r) => {
      if (r.method() === "GET" && r.url().endsWith("/api/profile")) profileRequests.push(r.headers()["authorization"] ?? "");
    });
    const widget = await openHost(page, { token });
    await expect(widget.getByText(username)).toBeVisible();
    expect(profileRequests).toEqual([`Bearer ${token}`]);

    // A framework that creates the element, adds it, then sets its properties.
    profileRequests.length = 0;
    const other = uniqueUser("getter");
    await page.evaluate(async (t) => {
      document.querySelector("profile-widget")!.remove();
      const element = document.createElement("profile-widget");
      document.getElementById("slot")!.append(element);
      element.getSessionToken = async () => t;
    }, await tokenFor(other));
    await expect(widget.getByText(other)).toBeVisible();
    expect(profileRequests).toHaveLength(1);
    expect(await widgetEvents(page)).not.toContainEqual(expect.objectContaining({ type: "profile-widget-error" }));
  });

  test("a username other than the session's is refused with username_mismatch", async ({ page }) => {
    const token = await tokenFor(uniqueUser("real"));
    await openHost(page, { token, username: "someone-else" });
    await expect.poll(() => widgetEvents(page)).toContainEqual({
      type: "profile-widget-error",
      detail: expect.objectContaining({ code: "username_mismatch" }),
    });
    await expect(page.locator("profile-widget").getByLabel("First name")).toHaveCount(0);
  });

  test("an email change after an old sign-in asks for re-authentication and resumes with a fresh token", async ({ page }) => {
    const username = uniqueUser("reauth");
    const oldToken = await tokenFor(username, 15 * 60);
    const widget = await openHost(page, { token: oldToken });
    await widget.getByLabel("Email").fill("ada@example.com");
    await widget.getByLabel("First name").fill("Ada");
    await widget.getByRole("button", { name: "Save" }).click();

    await expect.poll(() => widgetEvents(page)).toContainEqual({
      type: "profile-widget-error",
      detail: expect.objectContaining({ flow: "profile", code: "reauthentication_required" }),
    });
    await expect(widget.getByRole("button", { name: "Sign in again" })).toBeVisible();
    await expect(widget.getByLabel("Email")).toHaveValue("ada@example.com");
    expect((await readProfile(oldToken)).email).toBeNull();

    // The host signs the person in again and hands the widget the fresh token.
    const fresh = await tokenFor(username, 0);
    await page.evaluate((t) => document.querySelector("profile-widget")!.setAttribute("data-session-token", t), fresh);
    await expect(widget.getByText("Your profile has been saved.")).toBeVisible();
    await expect.poll(() => widgetEvents(page)).toContainEqual({
      type: "profile-widget-success",
      detail: { flow: "profile", action: "profile_updated" },
    });
    // The name is saved; the new address waits beside its field for the code sent to it.
    expect(await readProfile(fresh)).toMatchObject({ email: null, givenName: "Ada", pendingChanges: [expect.objectContaining({ field: "email" })] });
    await expect(widget.getByText("Enter the code we sent to a•••@example.com.")).toBeVisible();
  });

  test("the host page's CSS does not reach inside the widget", async ({ page }) => {
    const token = await tokenFor(uniqueUser("css"));
    const widget = await openHost(page, { token });
    const input = widget.getByLabel("First name");
    await expect(input).toBeVisible();
    const style = await input.evaluate((el) => {
      const s = getComputedStyle(el);
      return { border: s.borderTopWidth, font: s.fontFamily, spacing: s.letterSpacing, bg: s.backgroundColor };
    });
    expect(style.border).not.toBe("6px");
    expect(style.font).not.toMatch(/Comic Sans/);
    expect(style.bg).not.toBe("rgb(255, 255, 0)");
    await expect(widget.getByText("First name", { exact: true })).toBeVisible();
    // And nothing of the widget's leaks out: the host's own heading keeps the host's font.
    const hostFont = await page.locator("h1").evaluate((el) => getComputedStyle(el).fontFamily);
    expect(hostFont).toMatch(/Comic Sans/);
  });

  test("the form is usable at 320 px wide without sideways scrolling", async ({ page }) => {
    await page.setViewportSize({ width: 320, height: 700 });
    const token = await tokenFor(uniqueUser("narrow"));
    const widget = await openHost(page, { token });
    await expect(widget.getByLabel("First name")).toBeVisible();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    const save = await widget.getByRole("button", { name: "Save" }).boundingBox();
    expect(save).not.toBeNull();
    expect(save!.x + save!.width).toBeLessThanOrEqual(320);
  });
});
