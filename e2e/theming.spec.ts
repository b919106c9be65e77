import { readFileSync } from "node:fs";
import { expect, test, type Locator } from "@playwright/test";
import { addEmailDevice, callApi, cspViolations, openHost, patchProfile, tokenFor, uniqueUser } from "./support";

const WHITE = "rgb(255, 255, 255)";
const DARK = "rgb(22, 27, 38)";
const surface = (widget: Locator) => widget.locator("[part=card]").evaluate((el) => getComputedStyle(el).backgroundColor);

/** The parts the component's JSDoc promises (`@csspart name - …`), which the README lists too. */
const DOCUMENTED_PARTS = [
  ...readFileSync(new URL("../widget/src/profile-widget.component.ts", import.meta.url), "utf8").matchAll(/@csspart (\S+)/g),
].map((m) => m[1]!);

/** Every part name on the widget's current screen. */
const partsOn = (widget: Locator) =>
  widget.locator("[part]").evaluateAll((els) => els.flatMap((el) => (el.getAttribute("part") ?? "").split(/\s+/)));

test.describe("theming", () => {
  test.afterEach(async ({ page }) => {
    expect(await cspViolations(page)).toEqual([]);
  });

  test("dark mode follows the system, and data-theme wins over it", async ({ page }) => {
    const token = await tokenFor(uniqueUser("theme"));
    await page.emulateMedia({ colorScheme: "dark" });
    const widget = await openHost(page, { token });
    await expect(widget.getByLabel("First name")).toBeVisible();
    expect(await surface(widget)).toBe(DARK);

    await openHost(page, { token, theme: "light" });
    await expect(widget.getByLabel("First name")).toBeVisible();
    expect(await surface(widget)).toBe(WHITE);

    await openHost(page, { token, theme: "auto" });
    await expect(widget.getByLabel("First name")).toBeVisible();
    expect(await surface(widget)).toBe(DARK);

    await page.emulateMedia({ colorScheme: "light" });
    expect(await surface(widget)).toBe(WHITE);
    await page.evaluate(() => document.querySelector("profile-widget")!.setAttribute("data-theme", "dark"));
    expect(await surface(widget)).toBe(DARK);
    // Native controls (the country list, scrollbars) follow too.
    expect(await widget.getByLabel("Country").evaluate((el) => getComputedStyle(el).colorScheme)).toBe("dark");
  });

  test("a host brands it with --pw-* custom properties and ::part() from its own stylesheet", async ({ page }) => {
    const widget = await openHost(page, { token: await tokenFor(uniqueUser("brand")), class: "branded" });
    await widget.getByLabel("First name").fill("Ada");
    const save = widget.getByRole("button", { name: "Save" });
    const style = await save.evaluate((el) => {
      const s = getComputedStyle(el);
      return { background: s.backgroundColor, radius: s.borderTopLeftRadius, font: s.fontFamily };
    });
    expect(style).toEqual({ background: "rgb(11, 114, 133)", radius: "999px", font: "Georgia, serif" });
    expect(await widget.locator("[part=card]").evaluate((el) => getComputedStyle(el).borderTopLeftRadius)).toBe("0px");
    expect(await widget.getByLabel("First name").evaluate((el) => getComputedStyle(el).borderTopLeftRadius)).toBe("2px");
    expect(await widget.getByRole("heading", { name: "Profile" }).evaluate((el) => getComputedStyle(el).textTransform)).toBe(
      "uppercase",
    );
    await widget.getByLabel("First name").focus();
    expect(await widget.getByLabel("First name").evaluate((el) => getComputedStyle(el).borderTopColor)).toBe("rgb(232, 89, 12)");
  });

  test("every documented part is on some screen", async ({ page }) => {
    const username = uniqueUser("parts");
    const token = await tokenFor(username);
    const seen = new Set<string>();
    const collect = async (widget: Locator) => (await partsOn(widget)).forEach((part) => seen.add(part));

    // Profile: logo, a field with its hint and error, the status message.
    const widget = await openHost(page, { token, "logo-url": "/logo.svg", "company-name": "Acme Travel" });
    await widget.getByLabel("Phone").fill("12345");
    await widget.getByRole("button", { name: "Save" }).click();
    await expect(widget.getByLabel("Phone")).toHaveAttribute("aria-invalid", "true");
    await collect(widget);
    // A new number waits beside its field for the code sent to it.
    await widget.getByLabel("Phone").fill("+14155550123");
    await widget.getByRole("button", { name: "Save" }).click();
    await expect(widget.locator("[part=pending]")).toBeVisible();
    await collect(widget);

    // Devices: the empty list, then a device, its screen, the removal step, and the add screens.
    await callApi(token, "POST", "/api/mfa/enable", {});
    await openHost(page, { token, flow: "devices" });
    await expect(widget.getByText("No devices yet")).toBeVisible();
    await collect(widget);
    await addEmailDevice(token, `${username}@example.com`);
    await openHost(page, { token, flow: "devices" });
    await widget.locator("[part~=device]").click();
    await collect(widget);
    await widget.getByRole("button", { name: "Remove" }).click();
    await collect(widget);
    await widget.getByRole("button", { name: "Cancel" }).click();
    await widget.getByRole("button", { name: "All devices" }).click();
    await collect(widget);
    await widget.getByRole("button", { name: "Add device" }).click();
    await collect(widget);
    await widget.getByRole("button", { name: "Authenticator app" }).click();
    await expect(widget.locator("[part=qr] svg")).toBeVisible();
    await collect(widget);

    // The activity screen, with more events than a page holds: its list, an event, Show more and Your data.
    for (let i = 1; i <= 20; i++) await patchProfile(token, { givenName: `Ada ${i}` });
    await openHost(page, { token, flow: "activity" });
    await expect(widget.locator("[part~=show-more]")).toBeVisible();
    await collect(widget);

    expect([...seen].filter((part) => !DOCUMENTED_PARTS.includes(part)), "parts missing from the docs").toEqual([]);
    expect(DOCUMENTED_PARTS.filter((part) => !seen.has(part)), "documented parts never shown").toEqual([]);
  });
});
