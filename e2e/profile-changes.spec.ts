import { expect, test } from "@playwright/test";
import { axeViolations, openHost, readProfile, receivedCode, tabTo, tokenFor, uniqueUser, widgetEvents } from "./support";

/*
 * A new email applies only once the code sent to it is entered (DESIGN.md "Verified address changes"): the code
 * entry appears beside the field, the rest of the form saves as usual, and the wait survives a reload. The code is
 * read from the SMTP receiver the e2e server mails to.
 */

test.describe("a changed email waits for the code sent to it", () => {
  test("the code entry beside the field: a wrong code, a reload, the right code by keyboard, then the address applies", async ({ page }) => {
    const username = uniqueUser("newmail");
    const token = await tokenFor(username);
    const email = `${username}@example.com`;
    const widget = await openHost(page, { token });

    await widget.getByLabel("Email").fill(email);
    await widget.getByRole("button", { name: "Save" }).click();
    await expect(widget.getByText("Almost done: enter the code we sent to confirm your new address.")).toBeVisible();
    // Nothing applied yet, so the host has not been told of a change.
    expect((await widgetEvents(page)).filter((e) => e.type === "profile-widget-success")).toEqual([]);
    const entry = widget.getByRole("group", { name: /^Enter the code we sent to n•+@example\.com\.$/ });
    await expect(entry).toBeVisible();
    const code = entry.getByLabel("Code", { exact: true });
    // Focus stays on Save, where the person is; the status said what comes next.
    await expect(widget.getByRole("button", { name: "Save" })).toBeFocused();
    // A code was just sent: the next may be asked for in a while.
    await expect(entry.getByRole("button", { name: /^Resend code in \d+s$/ })).toBeDisabled();
    expect(await readProfile(token)).toMatchObject({ email: null, pendingChanges: [expect.objectContaining({ field: "email" })] });
    expect(await axeViolations(page), "a change waiting for its code").toEqual([]);

    const sent = await receivedCode(email);
    const wrong = sent === "000000" ? "111111" : "000000";
    await code.fill(wrong);
    await entry.getByRole("button", { name: "Verify" }).click();
    await expect(code).toHaveAccessibleDescription(/That code isn't right\. \d attempts? left\./);
    expect(await axeViolations(page), "a wrong code").toEqual([]);

    // The change is the profile's: a reload shows it where it was.
    await page.reload();
    await expect(entry).toBeVisible();
    await expect(widget.getByLabel("Email")).toHaveValue("");

    // Keyboard only: to the code, type it, Enter verifies (it does not save the form around it).
    await tabTo(page, entry.getByLabel("Code", { exact: true }));
    await page.keyboard.type(sent);
    await page.keyboard.press("Enter");
    await expect(widget.getByText("Email confirmed and saved.")).toBeVisible();
    await expect(entry).toHaveCount(0);
    await expect(widget.getByLabel("Email")).toHaveValue(email);
    await expect(widget.getByLabel("Email")).toBeFocused();
    await expect.poll(() => widgetEvents(page)).toContainEqual({ type: "profile-widget-success", detail: { flow: "profile", action: "profile_updated" } });
    expect(await readProfile(token)).toMatchObject({ email, pendingChanges: [] });
  });

  test("the rest of the form saves as usual, and Cancel drops the change", async ({ page }) => {
    const username = uniqueUser("cancel");
    const token = await tokenFor(username);
    const widget = await openHost(page, { token, locale: "de" });

    await widget.getByLabel("Vorname").fill("Hedy");
    await widget.getByLabel("E-Mail").fill(`${username}@example.com`);
    await widget.getByRole("button", { name: "Speichern" }).click();
    await expect(widget.getByRole("status")).toHaveText(
      "Ihr Profil wurde gespeichert. Fast geschafft: Geben Sie den gesendeten Code ein, um Ihre neue Adresse zu bestätigen.",
    );
    await expect.poll(() => widgetEvents(page)).toContainEqual({ type: "profile-widget-success", detail: { flow: "profile", action: "profile_updated" } });
    const entry = widget.getByRole("group", { name: /^Geben Sie den Code ein, den wir an c•+@example\.com gesendet haben\.$/ });
    await expect(entry).toBeVisible();
    await expect(entry.getByText("Ihre bisherige Adresse gilt, bis die neue bestätigt ist.")).toBeVisible();
    expect(await readProfile(token)).toMatchObject({ givenName: "Hedy", email: null });

    await entry.getByRole("button", { name: "Abbrechen" }).click();
    await expect(widget.getByText("Die Änderung von E-Mail wurde abgebrochen.")).toBeVisible();
    await expect(entry).toHaveCount(0);
    expect(await readProfile(token)).toMatchObject({ givenName: "Hedy", email: null, pendingChanges: [] });
  });
});
