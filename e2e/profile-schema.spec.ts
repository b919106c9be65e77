import { spawn, type ChildProcess } from "node:child_process";
import { rmSync } from "node:fs";
import Database from "better-sqlite3";
import { expect, test, type Locator, type Page } from "@playwright/test";
import { axeViolations, tabTo, uniqueUser, widgetEvents } from "./support";

/*
 * An operator's own profile (docs/examples/profile-schema.json: company, a department list, a read-only employee ID,
 * a birth date, a newsletter checkbox) on a server of its own — PROFILE_SCHEMA is read at start — and a host page of
 * its own that points at it. Ports no other spec uses; the tests share them, so they run one after another.
 */
const API_PORT = 8811;
const HOST_PORT = 8812;
const API = `http://127.0.0.1:${API_PORT}`;
const HOST = `http://localhost:${HOST_PORT}`;
const DATA = ".tmp/e2e-schema";

test.describe.configure({ mode: "serial" });

const children: ChildProcess[] = [];

async function start(command: string[], env: Record<string, string>, ready: string): Promise<void> {
  const child = spawn(process.execPath, command, { env: { ...process.env, ...env }, stdio: ["ignore", "ignore", "inherit"] });
  children.push(child);
  for (let i = 0; i < 150; i++) {
    if (child.exitCode !== null) throw new Error(`${command.join(" ")} exited with ${child.exitCode}`);
    if (await fetch(ready).then((r) => r.ok, () => false)) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${ready} never answered`);
}

test.beforeAll(async () => {
  test.setTimeout(60_000);
  rmSync(DATA, { recursive: true, force: true });
  await start(
    ["--import", "tsx", "server/src/main.ts", "--demo"],
    {
      PORT: String(API_PORT),
      HOST: "127.0.0.1",
      PUBLIC_URL: API,
      DATABASE_URL: `sqlite:${DATA}/profile.db`,
      CORS_ORIGINS: HOST,
      PROFILE_SCHEMA: "docs/examples/profile-schema.json",
    },
    `${API}/readyz`,
  );
  await start(["e2e/host-server.mjs"], { HOST_PORT: String(HOST_PORT), API_ORIGIN: API }, `http://127.0.0.1:${HOST_PORT}/`);
});

test.afterAll(() => {
  for (const child of children) child.kill();
});

async function tokenFor(username: string): Promise<string> {
  const res = await fetch(`${API}/demo/session`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ username }),
  });
  return ((await res.json()) as { token: string }).token;
}

async function readProfile(token: string): Promise<Record<string, unknown>> {
  const res = await fetch(`${API}/api/profile`, { headers: { Authorization: `Bearer ${token}` } });
  return (await res.json()) as Record<string, unknown>;
}

/** A new employee, with the employee ID that HR's system gave them (written where the server keeps it: read-only in the API). */
async function employee(employeeId = "E-10442"): Promise<string> {
  const username = uniqueUser("emp");
  const token = await tokenFor(username);
  await readProfile(token);
  const db = new Database(`${DATA}/profile.db`);
  db.prepare("UPDATE users SET profile = json_set(profile, '$.employeeId', ?), version = version + 1 WHERE username = ?").run(employeeId, username);
  db.close();
  return token;
}

async function open(page: Page, attributes: Record<string, string>): Promise<Locator> {
  await page.goto(`${HOST}/?${new URLSearchParams(attributes)}`);
  return page.locator("profile-widget");
}

/** Every PATCH the page sends to the API. */
function patches(page: Page): string[] {
  const sent: string[] = [];
  page.on("request", (r) => {
    if (r.method() === "PATCH") sent.push(r.postData() ?? "");
  });
  return sent;
}

test("the operator's fields are rendered from the schema, filled in and saved; the host gets the success event", async ({ page }) => {
  const token = await employee();
  const widget = await open(page, { token, "company-name": "Acme Travel" });

  await expect(widget.getByLabel("First name")).toBeVisible();
  // Sections by what the fields are: name, contact, the rest.
  for (const title of ["Name", "Contact", "Details"]) await expect(widget.getByRole("heading", { name: title, exact: true })).toBeVisible();
  // The work email is the section's one protected field: the note speaks of these details, not of "your email or phone".
  await expect(widget.getByText("Changing these details requires a recent sign-in.")).toBeVisible();
  await expect(widget.getByText(/email or phone/)).toHaveCount(0);
  // Required fields are marked, and say so to assistive technology.
  await expect(widget.getByLabel("First name")).toHaveAttribute("aria-required", "true");
  await expect(widget.getByRole("combobox", { name: "Department" })).toHaveAttribute("aria-required", "true");
  await expect(widget.getByLabel("Company", { exact: true })).not.toHaveAttribute("aria-required", "true");
  // Read-only: the value as text, with nothing to type into.
  await expect(widget.getByText("E-10442")).toBeVisible();
  await expect(widget.getByRole("textbox", { name: "Employee ID" })).toHaveCount(0);
  await expect(widget.getByLabel("Date of birth")).toHaveAttribute("type", "date");
  await expect(widget.getByLabel("Work email")).toHaveAttribute("autocomplete", "email");
  await expect(widget.getByLabel("Company", { exact: true })).toHaveAttribute("autocomplete", "organization");
  const newsletter = widget.getByRole("checkbox", { name: "Send me the monthly company newsletter" });
  await expect(newsletter).not.toBeChecked();
  await expect(newsletter).toHaveAccessibleDescription("About once a month; unsubscribe at any time.");

  await widget.getByLabel("First name").fill("Grace");
  await widget.getByLabel("Last name").fill("Hopper");
  await widget.getByLabel("Company", { exact: true }).fill("Acme Travel");
  await widget.getByRole("combobox", { name: "Department" }).selectOption("Engineering");
  await widget.getByLabel("Date of birth").fill("1906-12-09");
  await newsletter.check();
  await widget.getByRole("button", { name: "Save" }).click();

  await expect(widget.getByText("Your profile has been saved.")).toBeVisible();
  await expect.poll(() => widgetEvents(page)).toContainEqual({ type: "profile-widget-success", detail: { flow: "profile", action: "profile_updated" } });
  expect(await readProfile(token)).toMatchObject({
    givenName: "Grace",
    familyName: "Hopper",
    company: "Acme Travel",
    department: "Engineering",
    birthdate: "1906-12-09",
    newsletter: true,
    employeeId: "E-10442",
  });

  // A reload shows what was saved; unchecking is a change like any other.
  await page.reload();
  await expect(widget.getByRole("combobox", { name: "Department" })).toHaveValue("Engineering");
  await expect(newsletter).toBeChecked();
  await newsletter.uncheck();
  await widget.getByRole("button", { name: "Save" }).click();
  await expect(widget.getByText("Your profile has been saved.")).toBeVisible();
  expect(await readProfile(token)).toMatchObject({ newsletter: false, department: "Engineering" });
});

test("German titles and descriptions from x-profile, the widget's own words around them", async ({ page }) => {
  const token = await employee("E-20001");
  const widget = await open(page, { token, locale: "de" });

  await expect(widget.getByRole("heading", { name: "Profil" })).toBeVisible();
  for (const label of ["Vorname", "Nachname", "Geschäftliche E-Mail", "Firma", "Geburtsdatum"]) await expect(widget.getByLabel(label)).toBeVisible();
  await expect(widget.getByRole("combobox", { name: "Abteilung" })).toBeVisible();
  await expect(widget.getByText("Personalnummer")).toBeVisible();
  await expect(widget.getByText("E-20001")).toBeVisible();
  await expect(widget.getByRole("checkbox", { name: "Monatlichen Firmen-Newsletter erhalten" })).toHaveAccessibleDescription(
    "Etwa einmal im Monat; jederzeit abbestellbar.",
  );
  await expect(widget.getByRole("heading", { name: "Weitere Angaben" })).toBeVisible();
  await expect(widget.getByText("Zum Ändern dieser Angaben müssen Sie sich kürzlich angemeldet haben.")).toBeVisible();
  await expect(widget.getByRole("combobox", { name: "Abteilung" }).locator("option").first()).toHaveText("Bitte wählen …");

  // The checks speak German too.
  await widget.getByLabel("Firma").fill("Acme");
  await widget.getByRole("button", { name: "Speichern" }).click();
  await expect(widget.getByLabel("Vorname")).toHaveAccessibleDescription("Dieses Feld ist erforderlich.");
  await expect(widget.getByRole("combobox", { name: "Abteilung" })).toHaveAccessibleDescription("Dieses Feld ist erforderlich.");
  await expect(widget.getByText("Einige Angaben müssen noch korrigiert werden.")).toBeVisible();
});

test("the schema's checks run in the browser first: nothing is sent until every field is right", async ({ page }) => {
  const token = await employee();
  const sent = patches(page);
  const widget = await open(page, { token });
  await expect(widget.getByLabel("First name")).toBeVisible();

  await widget.getByLabel("Company", { exact: true }).fill("A".repeat(101));
  await widget.getByLabel("Work email").fill("grace@");
  await widget.getByRole("button", { name: "Save" }).click();

  await expect(widget.getByLabel("First name")).toHaveAttribute("aria-invalid", "true");
  await expect(widget.getByLabel("First name")).toHaveAccessibleDescription("This field is required.");
  await expect(widget.getByLabel("First name")).toBeFocused();
  await expect(widget.getByLabel("Last name")).toHaveAccessibleDescription("This field is required.");
  await expect(widget.getByRole("combobox", { name: "Department" })).toHaveAccessibleDescription("This field is required.");
  await expect(widget.getByLabel("Company", { exact: true })).toHaveAccessibleDescription("Must be 100 characters or fewer.");
  await expect(widget.getByLabel("Work email")).toHaveAccessibleDescription("Enter a valid email address, e.g. name@example.com.");
  await expect(widget.getByText("Some details need your attention.")).toBeVisible();
  expect(sent).toEqual([]);

  // Fixing a field clears its message; once all are right, one PATCH goes out with only what changed.
  await widget.getByLabel("First name").fill("Grace");
  await expect(widget.getByLabel("First name")).not.toHaveAttribute("aria-invalid", "true");
  await widget.getByLabel("Last name").fill("Hopper");
  await widget.getByRole("combobox", { name: "Department" }).selectOption("Sales");
  await widget.getByLabel("Company", { exact: true }).fill("Acme");
  await widget.getByLabel("Work email").fill("");
  await widget.getByRole("button", { name: "Save" }).click();
  await expect(widget.getByText("Your profile has been saved.")).toBeVisible();
  expect(sent.map((body) => JSON.parse(body))).toEqual([{ givenName: "Grace", familyName: "Hopper", company: "Acme", department: "Sales" }]);
});

test("keyboard only: fill in every kind of field and save", async ({ page }) => {
  const token = await employee();
  const widget = await open(page, { token });
  await expect(widget.getByLabel("First name")).toBeVisible();
  await page.keyboard.press("Tab");

  await tabTo(page, widget.getByLabel("First name"));
  await page.keyboard.type("Ada");
  await page.keyboard.press("Tab");
  await expect(widget.getByLabel("Last name")).toBeFocused();
  await page.keyboard.type("Lovelace");
  await tabTo(page, widget.getByLabel("Company", { exact: true }));
  await page.keyboard.type("Analytical Engines");
  await page.keyboard.press("Tab");
  const department = widget.getByRole("combobox", { name: "Department" });
  await expect(department).toBeFocused();
  // A closed select takes typed letters: "M" for Marketing.
  await page.keyboard.type("M");
  await expect(department).toHaveValue("Marketing");
  // The read-only ID takes no focus: the next stop is the date.
  await page.keyboard.press("Tab");
  await expect(widget.getByLabel("Date of birth")).toBeFocused();
  // Month, day and year, as a US browser lays out the date field (its parts take Tab too).
  await page.keyboard.type("12101815");
  await expect(widget.getByLabel("Date of birth")).toHaveValue("1815-12-10");
  const newsletter = widget.getByRole("checkbox", { name: "Send me the monthly company newsletter" });
  await tabTo(page, newsletter, { max: 4 });
  await page.keyboard.press("Space");
  await expect(newsletter).toBeChecked();
  await tabTo(page, widget.getByRole("button", { name: "Save" }));
  await page.keyboard.press("Enter");

  await expect(widget.getByText("Your profile has been saved.")).toBeVisible();
  expect(await readProfile(token)).toMatchObject({
    givenName: "Ada",
    familyName: "Lovelace",
    company: "Analytical Engines",
    department: "Marketing",
    birthdate: "1815-12-10",
    newsletter: true,
  });
});

for (const colorScheme of ["light", "dark"] as const) {
  test(`accessible (axe, ${colorScheme}): ready, with errors, saved, and in German`, async ({ page }) => {
    test.setTimeout(120_000);
    await page.emulateMedia({ colorScheme });
    const token = await employee();
    const widget = await open(page, { token });
    await expect(widget.getByLabel("First name")).toBeVisible();
    expect(await axeViolations(page), "ready").toEqual([]);

    await widget.getByLabel("Company", { exact: true }).fill("A".repeat(101));
    await widget.getByRole("button", { name: "Save" }).click();
    await expect(widget.getByLabel("Company", { exact: true })).toHaveAttribute("aria-invalid", "true");
    expect(await axeViolations(page), "errors").toEqual([]);

    await widget.getByLabel("First name").fill("Grace");
    await widget.getByLabel("Last name").fill("Hopper");
    await widget.getByLabel("Company", { exact: true }).fill("Acme");
    await widget.getByRole("combobox", { name: "Department" }).selectOption("Support");
    await widget.getByRole("checkbox", { name: "Send me the monthly company newsletter" }).check();
    await widget.getByRole("button", { name: "Save" }).click();
    await expect(widget.getByText("Your profile has been saved.")).toBeVisible();
    expect(await axeViolations(page), "saved").toEqual([]);

    await open(page, { token, locale: "de" });
    await expect(widget.getByLabel("Vorname")).toHaveValue("Grace");
    expect(await axeViolations(page), "German").toEqual([]);
  });
}
