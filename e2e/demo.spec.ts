import { expect, test } from "@playwright/test";
import { API_ORIGIN, uniqueUser } from "./support";

test("the demo page switches theme, branding and language, all under its strict CSP", async ({ page }) => {
  // The demo page (served by the API in demo mode) has its own strict CSP; count its violations from the start.
  await page.addInitScript(() => {
    const seen: string[] = ((window as unknown as { cspSeen: string[] }).cspSeen = []);
    document.addEventListener("securitypolicyviolation", (e) => seen.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  await page.emulateMedia({ colorScheme: "light" });
  await page.goto(`${API_ORIGIN}/`);
  await page.getByLabel("Username").fill(uniqueUser("demo"));
  await page.getByRole("button", { name: "Sign in" }).click();
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
