import { expect, test, type Page } from "@playwright/test";
import { base32Decode, totpCode, totpStep } from "../server/src/mfa/totp-codes";
import { API_ORIGIN, uniqueUser } from "./support";

/** Counts the page's CSP violations from its first byte (the demo page is a strict-CSP host). */
async function watchCsp(page: Page) {
  await page.addInitScript(() => {
    const seen: string[] = ((window as unknown as { cspSeen: string[] }).cspSeen = []);
    document.addEventListener("securitypolicyviolation", (e) => seen.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  return () => page.evaluate(() => (window as unknown as { cspSeen: string[] }).cspSeen);
}

test("the demo page switches theme, branding and language, all under its strict CSP", async ({ page }) => {
  // The demo page (served by the API in demo mode) has its own strict CSP; count its violations from the start.
  await page.addInitScript(() => {
    const seen: string[] = ((window as unknown as { cspSeen: string[] }).cspSeen = []);
    document.addEventListener("securitypolicyviolation", (e) => seen.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  await page.emulateMedia({ colorScheme: "light" });
  await page.goto(`${API_ORIGIN}/`);
  await page.getByLabel("Username").fill(uniqueUser("demo"));
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  const widget = page.locator("profile-widget");
  await expect(widget.getByLabel("First name")).toBeVisible();
  const card = widget.locator("[part=card]");
  const background = () => card.evaluate((el) => getComputedStyle(el).backgroundColor);
  expect(await background()).toBe("rgb(255, 255, 255)");

  await page.getByRole("button", { name: "Dark" }).click();
  await expect(widget).toHaveAttribute("data-theme", "dark");
  await expect.poll(background).toBe("rgb(22, 27, 38)");
  expect(await page.evaluate(() => getComputedStyle(document.body).color)).toBe("rgb(236, 238, 242)");

  await page.getByRole("button", { name: "Acme brand" }).click();
  await widget.getByLabel("First name").fill("Ada");
  const save = widget.getByRole("button", { name: "Save" });
  // Polled: the button fades from its idle to its active colour.
  await expect.poll(() => save.evaluate((el) => [getComputedStyle(el).backgroundColor, getComputedStyle(el).borderRadius])).toEqual([
    "rgb(102, 217, 232)",
    "999px",
  ]);

  await page.getByLabel("Language").selectOption("de");
  await expect(widget.getByRole("heading", { name: "Profil" })).toBeVisible();
  await page.getByRole("button", { name: "Auto" }).click();
  await expect.poll(background).not.toBe("rgb(22, 27, 38)");

  expect(await page.evaluate(() => (window as unknown as { cspSeen: string[] }).cspSeen)).toEqual([]);
});

test.describe("the demo's Sign in with MFA", () => {
  test("an authenticator app enrolled under Security devices, then its code: signed in with an authenticator app", async ({ page }) => {
    test.setTimeout(60_000); // two flows of the widget, one after the other
    const cspSeen = await watchCsp(page);
    const username = uniqueUser("demo-mfa");
    await page.goto(`${API_ORIGIN}/`);
    await page.getByLabel("Username").fill(username);
    await page.getByRole("button", { name: "Sign in", exact: true }).click();

    // Enrol the device where the page says to: Security devices.
    await page.getByRole("button", { name: "Security devices" }).click();
    const widget = page.locator("#widget");
    await widget.getByRole("button", { name: "Enable MFA" }).click();
    await widget.getByRole("button", { name: "Add device" }).click();
    await widget.getByRole("button", { name: "Authenticator app" }).click();
    const secret = base32Decode((await widget.locator("[part~=secret]").textContent()) ?? "");
    const activationStep = totpStep(Date.now());
    await widget.getByLabel("Code").fill(totpCode(secret, activationStep));
    await widget.getByRole("button", { name: "Verify" }).click();
    await expect(widget.getByText("Device added")).toBeVisible();

    // The sign-in: the username, then the verify flow in place of the account widget.
    await page.getByRole("button", { name: "Sign in with MFA" }).click();
    await expect(page.getByText(`Signing in as ${username}…`)).toBeVisible();
    const verifier = page.locator("profile-widget#mfa-widget");
    await expect(verifier).toHaveAttribute("data-flow", "verify");
    await expect(verifier).toHaveAttribute("data-purpose", "sign_in");
    await expect(verifier).toHaveAttribute("data-nonce", /^[0-9a-f-]{32,36}$/);
    await expect(widget).toBeHidden();
    await expect(verifier.getByRole("heading", { name: "Verify it's you" })).toBeVisible();
    // A step is accepted only once and the activation used this one: the app's next code (within the drift allowed).
    await verifier.getByLabel("Code").fill(totpCode(secret, activationStep + 1));
    await verifier.getByRole("button", { name: "Verify" }).click();

    // The page's backend checked the assertion and its nonce before the page counts the user as signed in.
    await expect(page.getByText(`Signed in as ${username} with an authenticator app`)).toBeVisible();
    await expect(verifier).toHaveCount(0);
    await expect(widget).toBeVisible();
    expect(await cspSeen()).toEqual([]);
  });

  test("without MFA it says plainly that there is no device yet and leads to Security devices", async ({ page }) => {
    const cspSeen = await watchCsp(page);
    const username = uniqueUser("demo-no-mfa");
    await page.goto(`${API_ORIGIN}/`);
    await page.getByLabel("Username").fill(username);
    await page.getByRole("button", { name: "Sign in with MFA" }).click();

    await expect(
      page.getByText(`${username} has no device to verify yet: MFA is off for this account, or no device has been added.`),
    ).toBeVisible();
    await expect(page.getByText("Enrol one first: sign in, open Security devices, turn on MFA and add a device.")).toBeVisible();
    await expect(page.locator("profile-widget#mfa-widget")).toHaveCount(0);

    await page.getByRole("button", { name: "Sign in and open Security devices" }).click();
    await expect(page.getByRole("button", { name: "Security devices" })).toHaveAttribute("aria-pressed", "true");
    await expect(page.locator("#widget").getByRole("heading", { name: "Protect your account with MFA" })).toBeVisible();
    // A plain sign-in this time: the session panel names no second factor.
    await expect(page.locator("#who")).toHaveText(`Signed in as ${username}`);
    expect(await cspSeen()).toEqual([]);
  });
});
