import { expect, test, type Page } from "@playwright/test";
import { addEmailDevice, openHost, readProfile, setSessionToken, tokenFor, uniqueUser, widgetEvents } from "./support";

/** Everything the widget's shadow root shows as text, and every value in its fields. */
const shownText = (page: Page) =>
  page.evaluate(() => {
    const root = document.querySelector("profile-widget")!.shadowRoot!;
    const values = [...root.querySelectorAll("input, select")].map((el) => (el as HTMLInputElement).value);
    return `${root.textContent ?? ""} ${values.join(" ")}`;
  });

test.describe("the profile at its edges", () => {
  test("signing out removes the person's details from the page and shows the signed-out state", async ({ page }) => {
    const username = uniqueUser("leaving");
    const token = await tokenFor(username);
    const widget = await openHost(page, { token });
    await widget.getByLabel("First name").fill("Henrietta");
    await widget.getByLabel("Email").fill("henrietta@example.com");
    await widget.getByRole("button", { name: "Save" }).click();
    await expect(widget.getByText("Your profile has been saved.")).toBeVisible();

    await setSessionToken(page, null);
    await expect(widget.getByText("You're not signed in")).toBeVisible();
    await expect(widget.getByText("Sign in to view and edit your profile.")).toBeVisible();
    await expect(widget.getByRole("textbox")).toHaveCount(0);
    await expect(widget.getByRole("button", { name: "Save" })).toHaveCount(0);
    const shown = await shownText(page);
    for (const detail of ["Henrietta", "henrietta@example.com", username]) expect(shown).not.toContain(detail);
    await expect.poll(() => widgetEvents(page)).toContainEqual({
      type: "profile-widget-error",
      detail: expect.objectContaining({ flow: "profile", code: "session_missing" }),
    });

    // Someone else signs in on the same page: their own profile, nothing of the last person's.
    const other = uniqueUser("next");
    await setSessionToken(page, await tokenFor(other));
    await expect(widget.getByText(`Signed in as ${other}`)).toBeVisible();
    await expect(widget.getByLabel("First name")).toHaveValue("");
    expect(await shownText(page)).not.toContain("Henrietta");
  });

  test("one save shows every field's problem at once, and the first one takes focus", async ({ page }) => {
    const token = await tokenFor(uniqueUser("typos"));
    const widget = await openHost(page, { token });
    await widget.getByLabel("Phone").fill("12");
    await widget.getByLabel("Postal code").fill("#1");
    await widget.getByLabel("First name").fill("A".repeat(101));
    await widget.getByRole("button", { name: "Save" }).click();

    await expect(widget.getByText("Some details need your attention.")).toBeVisible();
    await expect(widget.getByLabel("Phone")).toHaveAttribute("aria-invalid", "true");
    await expect(widget.getByLabel("Postal code")).toHaveAttribute("aria-invalid", "true");
    await expect(widget.getByLabel("First name")).toHaveAttribute("aria-invalid", "true");
    await expect(widget.getByText("Start the number with + and the country code.")).toBeVisible();
    await expect(widget.getByText("Enter a valid postal code: letters, digits, spaces and hyphens.")).toBeVisible();
    await expect(widget.getByText("Must be 100 characters or fewer.")).toBeVisible();
    await expect(widget.getByLabel("First name")).toBeFocused();
    // The phone's error takes the place of its hint rather than repeating it.
    await expect(widget.getByText("International format, e.g. +14155550123")).toHaveCount(0);
    expect((await readProfile(token)).phone).toBeNull();

    await widget.getByLabel("Phone").fill("+1 415 555 0123");
    await widget.getByLabel("Postal code").fill("94105");
    await widget.getByLabel("First name").fill("Ada");
    await expect(widget.getByText("International format, e.g. +14155550123")).toBeVisible();
    await widget.getByRole("button", { name: "Save" }).click();
    await expect(widget.getByText("Your profile has been saved.")).toBeVisible();
    // The new number waits for the code sent to it; the rest is saved.
    expect(await readProfile(token)).toMatchObject({
      phone: null,
      givenName: "Ada",
      address: { postalCode: "94105" },
      pendingChanges: [expect.objectContaining({ field: "phone" })],
    });
  });

  test("an email change that needs a recent sign-in says so beside the email, with Sign in again, and holds Save", async ({ page }) => {
    const username = uniqueUser("stale-email");
    const widget = await openHost(page, { token: await tokenFor(username, 15 * 60) });
    const email = widget.getByLabel("Email");
    await email.fill("grace@example.com");
    await widget.getByRole("button", { name: "Save" }).click();

    const note = widget.getByRole("alert").filter({ hasText: "sign in again to change your email or phone" });
    await expect(note).toBeVisible();
    const signIn = note.getByRole("button", { name: "Sign in again" });
    await expect(signIn).toBeFocused();
    await expect(widget.getByRole("button", { name: "Save" })).toHaveAttribute("aria-disabled", "true");
    // The note is the email field's description, right under it.
    await expect(email).toHaveAccessibleDescription(/sign in again to change your email/);
    const [fieldBox, noteBox] = [await email.boundingBox(), await note.boundingBox()];
    expect(noteBox!.y - (fieldBox!.y + fieldBox!.height)).toBeLessThan(24);

    // "Sign in again" asks the host once more.
    const before = (await widgetEvents(page)).filter((e) => e.detail.code === "reauthentication_required").length;
    await signIn.click();
    await expect
      .poll(async () => (await widgetEvents(page)).filter((e) => e.detail.code === "reauthentication_required").length)
      .toBe(before + 1);

    // Taking the change back lifts the hold.
    await email.fill("");
    await expect(note).toHaveCount(0);
    await expect(widget.getByRole("button", { name: "Save" })).toHaveAttribute("aria-disabled", "true");
    await widget.getByLabel("First name").fill("Grace");
    await expect(widget.getByRole("button", { name: "Save" })).toHaveAttribute("aria-disabled", "false");
  });

  test("with a device to confirm with, the message offers Confirm it's you and does not ask to sign in again", async ({ page }) => {
    const username = uniqueUser("confirmable");
    await addEmailDevice(await tokenFor(username), `${username}@example.com`);
    const widget = await openHost(page, { token: await tokenFor(username, 15 * 60) });
    await widget.getByLabel("Phone").fill("+14155550199");
    await widget.getByRole("button", { name: "Save" }).click();

    const note = widget.getByRole("alert").filter({ hasText: "confirm it's you to change your email or phone" });
    await expect(note).toBeVisible();
    await expect(note.getByRole("button", { name: "Confirm it's you" })).toBeFocused();
    await expect(note).not.toContainText(/sign in again/i);
    await expect(widget.getByLabel("Phone")).toHaveAccessibleDescription(/confirm it's you/);
  });

  for (const width of [1280, 360]) {
    test(`a long username stays on one line in the header at ${width} px`, async ({ page }) => {
      await page.setViewportSize({ width, height: 800 });
      const username = `${uniqueUser("maximilian.alexander.von.hohenzollern")}-sigmaringen`.padEnd(64, "x").slice(0, 64);
      const widget = await openHost(page, { token: await tokenFor(username) });
      const who = widget.getByText(`Signed in as ${username}`);
      await expect(who).toBeVisible();
      await expect(who).toHaveAttribute("title", `Signed in as ${username}`);
      const heading = widget.getByRole("heading", { name: "Profile" });
      const [whoBox, headingBox] = [await who.boundingBox(), await heading.boundingBox()];
      // One line each: the pill as tall as one 13 px line with its padding, the heading as one 28 px line.
      expect(whoBox!.height).toBeLessThan(30);
      expect(headingBox!.height).toBeLessThanOrEqual(28);
      const card = await widget.locator(".card").boundingBox();
      expect(whoBox!.x + whoBox!.width).toBeLessThanOrEqual(card!.x + card!.width);
    });
  }

  test("a focused text field has the same 2 px ring as the buttons", async ({ page }) => {
    const widget = await openHost(page, { token: await tokenFor(uniqueUser("focus")) });
    const input = widget.getByLabel("City");
    await input.focus();
    const ring = await input.evaluate((el) => {
      const s = getComputedStyle(el);
      return { width: s.outlineWidth, style: s.outlineStyle };
    });
    expect(ring).toEqual({ width: "2px", style: "solid" });
  });
});
