import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Browser, type Page } from "@playwright/test";
import { base32Decode, totpCode, totpStep } from "../server/src/mfa/totp-codes";
import { API_ORIGIN, callApi, receivedCode, uniqueUser } from "./support";

/** Counts the page's CSP violations from its first byte (the demo page is a strict-CSP host). */
async function watchCsp(page: Page) {
  await page.addInitScript(() => {
    const seen: string[] = ((window as unknown as { cspSeen: string[] }).cspSeen = []);
    document.addEventListener("securitypolicyviolation", (e) => seen.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  return () => page.evaluate(() => (window as unknown as { cspSeen: string[] }).cspSeen);
}

/** The demo page as a first-time visitor opens it: signed in as a sample user of their own. */
async function openDemo(page: Page) {
  await page.goto(`${API_ORIGIN}/`);
  const who = page.locator("#who");
  await expect(who).toHaveText(/^Signed in as Ana Souza \(ana\.souza-[a-z0-9]+\)$/);
  const username = /\((ana\.souza-[a-z0-9]+)\)/.exec((await who.textContent()) ?? "")![1]!;
  return { username, widget: page.locator("profile-widget#widget") };
}

/** The demo session's token, as the page keeps it: for arranging a test through the API, as a second client. */
const demoToken = (page: Page) =>
  page.evaluate(() => (JSON.parse(sessionStorage.getItem("demo-session") ?? "null") as { token: string }).token);

/** Leaves the sample for a username of the visitor's choosing. */
async function signInAs(page: Page, username: string) {
  await page.getByRole("button", { name: "Sign in as someone else" }).click();
  await expect(page.getByLabel("Username")).toBeFocused();
  await page.getByLabel("Username").fill(username);
}

async function axe(page: Page) {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations.flatMap((v) => v.nodes.map((node) => `${v.id}: ${JSON.stringify(node.target)}`));
}

test("a first visit opens signed in as a sample user with a filled profile and her devices, remembered on reload", async ({ page }) => {
  test.setTimeout(60_000); // three loads of the page
  const cspSeen = await watchCsp(page);
  const { username, widget } = await openDemo(page);

  // The profile, filled in.
  await expect(widget.getByLabel("First name")).toHaveValue("Ana");
  await expect(widget.getByLabel("Last name")).toHaveValue("Souza");
  await expect(widget.getByLabel("Email")).toHaveValue(`${username.replace("-", "+")}@example.com`);
  await expect(widget.getByLabel("Phone")).toHaveValue(/5511987654321|11 98765-4321/);
  await expect(widget.getByLabel("Street address")).toHaveValue("Rua Augusta, 1508, apto 42");
  await expect(widget.getByLabel("City")).toHaveValue("São Paulo");
  await expect(widget.getByLabel("Postal code")).toHaveValue("01304-001");
  await expect(widget.getByLabel("Country")).toContainText("Brazil");
  // Nothing went wrong on the way in: no "not signed in" card, no error event, an empty inbox that says so.
  await expect(widget.getByText("You're not signed in")).toHaveCount(0);
  await expect(page.getByText("No events yet.")).toBeVisible();
  await expect(page.getByText("No messages yet: codes and security notices sent to this user's email or phone appear here.")).toBeVisible();

  // Her authenticator app's code, on the page, and her recovery codes.
  const authenticator = page.getByRole("region", { name: "Authenticator app · Ana's iPhone" });
  await expect(authenticator.locator("#totp-code")).toHaveText(/^\d{3} \d{3}$/);
  await expect(authenticator.getByText(/A new one in \d+ seconds?\./)).toBeVisible();
  await page.getByText("Recovery codes", { exact: true }).click();
  await expect(page.locator("#recovery-codes li")).toHaveCount(10);

  // The devices: MFA on, an authenticator app, an email address, recovery codes.
  await page.getByRole("button", { name: "Security devices" }).click();
  await expect(widget.getByText("Ana's iPhone")).toBeVisible();
  await expect(widget.getByText("Personal email")).toBeVisible();
  await expect(widget.getByText("Recovery codes")).toBeVisible();

  // The same visitor finds the same sample again, and a signed-out tab stays signed out.
  await page.reload();
  await expect(page.locator("#who")).toHaveText(`Signed in as Ana Souza (${username})`);
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page.getByRole("button", { name: "Sign in as Ana Souza, the sample user" })).toBeFocused();
  await expect(page.getByLabel("Username")).toBeVisible();
  await expect(page.locator("#who")).toBeHidden();
  await expect(page.getByText("Sign in to see the messages sent to you.")).toBeVisible();
  await page.reload();
  await expect(page.getByLabel("Username")).toBeVisible();
  await page.getByRole("button", { name: "Sign in as Ana Souza, the sample user" }).click();
  await expect(page.locator("#who")).toHaveText(`Signed in as Ana Souza (${username})`);
  expect(await cspSeen()).toEqual([]);
});

test("another visitor gets another sample user", async ({ browser }) => {
  const names: string[] = [];
  for (let i = 0; i < 2; i++) {
    const context = await browser.newContext();
    names.push((await openDemo(await context.newPage())).username);
    await context.close();
  }
  expect(names[0]).not.toBe(names[1]);
});

test("the demo page switches theme, branding and language, all under its strict CSP", async ({ page }) => {
  const cspSeen = await watchCsp(page);
  await page.emulateMedia({ colorScheme: "light" });
  const { widget } = await openDemo(page);
  await expect(widget.getByLabel("First name")).toHaveValue("Ana");
  const card = widget.locator("[part=card]");
  const background = () => card.evaluate((el) => getComputedStyle(el).backgroundColor);
  expect(await background()).toBe("rgb(255, 255, 255)");
  // The page's own primary button is the widget's indigo.
  const primary = page.getByRole("button", { name: "Sign in with MFA" });
  expect(await primary.evaluate((el) => getComputedStyle(el).backgroundColor)).toBe("rgb(79, 70, 229)");

  await page.getByRole("button", { name: "Dark" }).click();
  await expect(widget).toHaveAttribute("data-theme", "dark");
  await expect.poll(background).toBe("rgb(22, 27, 38)");
  expect(await page.evaluate(() => getComputedStyle(document.body).color)).toBe("rgb(236, 238, 242)");
  expect(await primary.evaluate((el) => getComputedStyle(el).backgroundColor)).toBe("rgb(139, 147, 255)");

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

  expect(await cspSeen()).toEqual([]);
});

test("the embed code shows the attributes in use and copies", async ({ page, context }) => {
  await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: API_ORIGIN });
  await openDemo(page);
  const snippet = page.getByRole("region", { name: "Embed it" }).locator("pre");
  const expected = (extra: string[]) =>
    [
      `<script type="module" src="${API_ORIGIN}/widget/profile-widget.js"></script>`,
      "<profile-widget",
      '  data-session-token="SESSION_TOKEN"',
      ...extra,
      "></profile-widget>",
    ].join("\n");
  await expect(snippet).toHaveText(
    expected([
      '  data-flow="profile"',
      '  data-company-name="Acme Travel"',
      '  data-logo-url="/logo.svg"',
      '  data-logo-style="height: 28px; margin-bottom: 4px"',
      '  data-help-url="/help.html"',
      '  data-theme="auto"',
    ]),
  );
  await expect(snippet).not.toContainText("data-locale");

  await page.getByRole("button", { name: "Security devices" }).click();
  await page.getByRole("button", { name: "Dark" }).click();
  await page.getByRole("button", { name: "Acme brand" }).click();
  await page.getByLabel("Language").selectOption("pt-BR");
  const now = expected([
    '  data-flow="devices"',
    '  data-company-name="Acme Travel"',
    '  data-logo-url="/logo.svg"',
    '  data-logo-style="height: 28px; margin-bottom: 4px"',
    '  data-help-url="/help.html"',
    '  data-theme="dark"',
    '  data-locale="pt-BR"',
    '  class="brand-acme"',
  ]);
  await expect(snippet).toHaveText(now);

  const copy = page.getByRole("button", { name: "Copy", exact: true });
  await copy.click();
  await expect(page.locator("#snippet-status")).toHaveText("Copied");
  await expect(page.locator("#snippet-status")).toHaveAttribute("role", "status");
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(now);
  // What was copied is HTML a page can use: parsed, it is the script and one widget with those attributes.
  const parsed = await page.evaluate((html) => {
    const doc = new DOMParser().parseFromString(html, "text/html");
    const element = doc.querySelector("profile-widget")!;
    return { script: doc.querySelector("script")?.getAttribute("src"), attributes: element.getAttributeNames(), locale: element.dataset.locale };
  }, now);
  expect(parsed).toEqual({
    script: `${API_ORIGIN}/widget/profile-widget.js`,
    attributes: ["data-session-token", "data-flow", "data-company-name", "data-logo-url", "data-logo-style", "data-help-url", "data-theme", "data-locale", "class"],
    locale: "pt-BR",
  });
});

test("the demo switches to the example schema: its own fields, saved, and back to the built-in ones", async ({ page }) => {
  const cspSeen = await watchCsp(page);
  const { widget } = await openDemo(page);
  await expect(widget.getByLabel("Street address")).toHaveValue("Rua Augusta, 1508, apto 42");

  await page.getByRole("button", { name: "Example schema" }).click();
  await expect(page.getByRole("button", { name: "Example schema" })).toHaveAttribute("aria-pressed", "true");
  await expect(page.getByRole("link", { name: "the example schema" })).toHaveAttribute("href", "/example/api/profile/schema");
  // The same person, now described by docs/examples/profile-schema.json: her name kept, the company's fields beside it.
  await expect(widget.getByLabel("First name")).toHaveValue("Ana");
  await expect(widget.getByLabel("Department")).toBeVisible();
  await expect(widget.getByLabel("Street address")).toHaveCount(0);
  await expect(widget.getByText("E-20417")).toBeVisible(); // the read-only employee ID, as text
  await widget.getByLabel("Company", { exact: true }).fill("Acme Travel GmbH");
  await widget.getByLabel("Department").selectOption("Finance");
  await widget.getByLabel("Date of birth").fill("1990-04-12");
  await widget.getByLabel("Send me the monthly company newsletter").check();
  await widget.getByRole("button", { name: "Save" }).click();
  await expect(page.locator("#events")).toContainText("profile-widget-success");
  const saved = await page.evaluate(async () => {
    const { token } = JSON.parse(sessionStorage.getItem("demo-session") ?? "null") as { token: string };
    return (await fetch("/example/api/profile", { headers: { Authorization: `Bearer ${token}` } })).json();
  });
  expect(saved).toMatchObject({ givenName: "Ana", company: "Acme Travel GmbH", department: "Finance", birthdate: "1990-04-12", newsletter: true, employeeId: "E-20417" });
  await expect(page.getByRole("region", { name: "Embed it" }).locator("pre")).toContainText(`data-api-url="${API_ORIGIN}/example"`);

  // Kept for the tab, like the other choices; and back: the built-in fields, her address untouched by the other schema.
  await page.reload();
  await expect(page.getByRole("button", { name: "Example schema" })).toHaveAttribute("aria-pressed", "true");
  await expect(widget.getByLabel("Company", { exact: true })).toHaveValue("Acme Travel GmbH");
  await page.getByRole("button", { name: "Built-in fields" }).click();
  await expect(widget.getByLabel("Street address")).toHaveValue("Rua Augusta, 1508, apto 42");
  await expect(widget.getByLabel("Company", { exact: true })).toHaveCount(0);
  await expect(page.locator("#fields-note")).toBeHidden();
  expect(await axe(page)).toEqual([]);
  expect(await cspSeen()).toEqual([]);
});

test("without clipboard access, Copy selects the embed code for the keyboard", async ({ page }) => {
  await page.addInitScript(() => {
    Object.defineProperty(navigator, "clipboard", { value: { writeText: () => Promise.reject(new Error("denied")) } });
  });
  await openDemo(page);
  await page.getByRole("button", { name: "Copy", exact: true }).click();
  await expect(page.locator("#snippet-status")).toHaveText("Selected: press Ctrl+C or ⌘C");
  expect(await page.evaluate(() => getSelection()?.toString())).toContain("<profile-widget");
});

test.describe("the demo's Sign in with MFA", () => {
  test("a first-time visitor signs in with MFA with the code the page shows, within seconds", async ({ page }) => {
    test.setTimeout(60_000);
    const cspSeen = await watchCsp(page);
    const started = Date.now();
    const { username, widget } = await openDemo(page);

    await page.getByRole("button", { name: "Sign in with MFA" }).click();
    await expect(page.getByText(`Signing in as Ana Souza (${username})…`)).toBeVisible();
    const verifier = page.locator("profile-widget#mfa-widget");
    await expect(verifier).toHaveAttribute("data-flow", "verify");
    await expect(verifier).toHaveAttribute("data-purpose", "sign_in");
    await expect(verifier).toHaveAttribute("data-nonce", /^[0-9a-f-]{32,36}$/);
    await expect(widget).toBeHidden();
    await expect(verifier.getByRole("heading", { name: "Verify it's you" })).toBeVisible();
    // The code sits right above the widget that asks for it.
    const card = page.getByRole("region", { name: "Authenticator app · Ana's iPhone" });
    await expect(card).toBeVisible();
    expect((await card.boundingBox())!.y).toBeLessThan((await verifier.boundingBox())!.y);
    const code = ((await card.locator("#totp-code").textContent()) ?? "").replace(/\s/g, "");
    await verifier.getByLabel("Code", { exact: true }).fill(code);
    await verifier.getByRole("button", { name: "Verify" }).click();

    // The page's backend checked the assertion and its nonce before the page counts the user as signed in.
    await expect(page.locator("#who")).toHaveText(`Signed in as Ana Souza (${username}) with an authenticator app`);
    await expect(page.locator("#who")).toBeFocused();
    await expect(verifier).toHaveCount(0);
    await expect(widget).toBeVisible();
    expect(Date.now() - started).toBeLessThan(30_000);
    // That code is used up: the page shows one that still works.
    await expect(card.locator("#totp-code")).not.toHaveText(`${code.slice(0, 3)} ${code.slice(3)}`, { timeout: 35_000 });
    expect(await cspSeen()).toEqual([]);
  });

  test("an authenticator app enrolled under Security devices, then its code: signed in with an authenticator app", async ({ page }) => {
    test.setTimeout(60_000); // two flows of the widget, one after the other
    const cspSeen = await watchCsp(page);
    const username = uniqueUser("demo-mfa");
    await openDemo(page);
    await signInAs(page, username);
    await page.getByRole("button", { name: "Sign in", exact: true }).click();
    await expect(page.locator("#who")).toHaveText(`Signed in as ${username}`);

    // Enrol the device where the page says to: Security devices.
    await page.getByRole("button", { name: "Security devices" }).click();
    const widget = page.locator("#widget");
    await widget.getByRole("button", { name: "Enable MFA" }).click();
    await widget.getByRole("button", { name: "Add device" }).click();
    await widget.getByRole("button", { name: "Authenticator app" }).click();
    const secret = base32Decode((await widget.locator("[part~=secret]").textContent()) ?? "");
    const activationStep = totpStep(Date.now());
    await widget.getByLabel("Code", { exact: true }).fill(totpCode(secret, activationStep));
    await widget.getByRole("button", { name: "Verify" }).click();
    await expect(widget.getByText("Device added")).toBeVisible();

    // The sign-in: the username, then the verify flow in place of the account widget.
    await page.getByRole("button", { name: "Sign in with MFA" }).click();
    await expect(page.getByText(`Signing in as ${username}…`)).toBeVisible();
    const verifier = page.locator("profile-widget#mfa-widget");
    await expect(widget).toBeHidden();
    await expect(verifier.getByRole("heading", { name: "Verify it's you" })).toBeVisible();
    // A step is accepted only once and the activation used this one: the app's next code (within the drift allowed).
    await verifier.getByLabel("Code", { exact: true }).fill(totpCode(secret, activationStep + 1));
    await verifier.getByRole("button", { name: "Verify" }).click();

    await expect(page.getByText(`Signed in as ${username} with an authenticator app`)).toBeVisible();
    await expect(verifier).toHaveCount(0);
    await expect(widget).toBeVisible();
    expect(await cspSeen()).toEqual([]);
  });

  test("without MFA it says plainly that there is no device yet and leads to Security devices", async ({ page }) => {
    const cspSeen = await watchCsp(page);
    const username = uniqueUser("demo-no-mfa");
    await openDemo(page);
    await signInAs(page, username);
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

/** One visitor: the sample's email code, through the verify flow, read off the page's own inbox. */
async function signInWithEmailCode(browser: Browser) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const { username } = await openDemo(page);
  await page.getByRole("button", { name: "Sign in with MFA" }).click();
  const verifier = page.locator("profile-widget#mfa-widget");
  await verifier.getByRole("button", { name: "Use another method" }).click();
  await verifier.getByRole("button", { name: /Personal email/ }).click();
  const inbox = page.locator("#outbox");
  const email = `${username.replace("-", "+")}@example.com`;
  await expect(inbox.locator("li").first()).toContainText(`Email to ${email}`);
  const code = (await inbox.locator("li").first().locator(".code").textContent()) ?? "";
  expect(code).toMatch(/^\d{6}$/);
  return { context, page, username, email, code, verifier };
}

test("each visitor's inbox shows only the messages sent to them, newest first, inside its panel", async ({ browser }) => {
  test.setTimeout(60_000);
  const ana1 = await signInWithEmailCode(browser);
  const ana2 = await signInWithEmailCode(browser);
  try {
    // The code in the inbox is the one the mail server got, and it signs the visitor in.
    expect(ana1.code).toBe(await receivedCode(ana1.email));
    await ana1.verifier.getByLabel("Code", { exact: true }).fill(ana1.code);
    await ana1.verifier.getByRole("button", { name: "Verify" }).click();
    await expect(ana1.page.locator("#who")).toHaveText(`Signed in as Ana Souza (${ana1.username}) with an email code`);
    await ana2.verifier.getByLabel("Code", { exact: true }).fill(ana2.code);
    await ana2.verifier.getByRole("button", { name: "Verify" }).click();
    await expect(ana2.page.locator("#who")).toHaveText(`Signed in as Ana Souza (${ana2.username}) with an email code`);

    // Neither sees the other's message or code.
    await expect(ana1.page.locator("#outbox")).not.toContainText(ana2.email);
    await expect(ana2.page.locator("#outbox")).not.toContainText(ana1.email);
    await expect(ana1.page.locator("#outbox li")).toHaveCount(1);
    await expect(ana2.page.locator("#outbox li")).toHaveCount(1);

    // Even codes sent to one address they both use go only to the inbox of the one who asked.
    const shared = `shared-${uniqueUser()}@example.com`;
    const before = Date.now() - 1;
    const token1 = await demoToken(ana1.page);
    expect((await callApi(token1, "POST", "/api/mfa/devices", { type: "email", email: shared })).status).toBe(201);
    const code1 = await receivedCode(shared, before);
    const between = Date.now();
    const token2 = await demoToken(ana2.page);
    expect((await callApi(token2, "POST", "/api/mfa/devices", { type: "email", email: shared })).status).toBe(201);
    const code2 = await receivedCode(shared, between);
    const newest = (page: Page) => page.locator("#outbox li").first();
    await expect(newest(ana1.page)).toContainText(`Email to ${shared}`);
    await expect(newest(ana1.page).locator(".code")).toHaveText(code1);
    await expect(newest(ana2.page).locator(".code")).toHaveText(code2);
    await expect(ana1.page.locator("#outbox")).not.toContainText(code2);
    await expect(ana2.page.locator("#outbox")).not.toContainText(code1);

    // Many messages scroll inside the inbox's panel; the page itself does not grow sideways.
    for (let i = 0; i < 5; i++) {
      const added = await callApi(token1, "POST", "/api/mfa/devices", { type: "email", email: `many-${i}-${uniqueUser()}@example.com` });
      if (added.status !== 201) break; // the send limits may stop it early; enough for the panel to fill
    }
    await ana1.page.setViewportSize({ width: 360, height: 800 });
    const inbox = ana1.page.locator("#outbox");
    await expect.poll(() => inbox.locator("li").count()).toBeGreaterThanOrEqual(4);
    const box = await inbox.evaluate((el) => ({ scroll: el.scrollHeight, client: el.clientHeight, overflow: getComputedStyle(el).overflowY }));
    expect(box.overflow).toBe("auto");
    expect(box.scroll).toBeGreaterThan(box.client);
    expect(box.client).toBeLessThanOrEqual(420);
    expect(await ana1.page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
  } finally {
    await ana1.context.close();
    await ana2.context.close();
  }
});

test("a security change reaches the inbox as a notice in the widget's language, without a code", async ({ page }) => {
  test.setTimeout(60_000);
  const { widget } = await openDemo(page);
  // The widget speaks German now, and says so with every request (here the device list's): the server remembers it
  // for the notices. Switching the language alone sends none.
  await page.getByLabel("Language").selectOption("de");
  await expect(widget.getByLabel("Vorname")).toHaveValue("Ana");
  await page.getByRole("button", { name: "Security devices", exact: true }).click();
  await expect(widget.getByRole("heading", { name: "Ihre Geräte" })).toBeVisible();
  const token = await demoToken(page);
  expect((await callApi(token, "POST", "/api/mfa/recovery-codes", {})).status).toBe(201);
  // Sent once the demo's ten-second burst is over, and shown by the inbox's next look.
  const notice = page.locator("#outbox li").first();
  await expect(notice).toContainText("Ihre Wiederherstellungscodes für Acme Travel wurden ersetzt", { timeout: 30_000 });
  await expect(notice).toContainText("Wenn Sie das waren, müssen Sie nichts weiter tun.");
  await expect(notice.locator(".code")).toHaveCount(0);
});

test("the inbox refuses a session that fails to verify", async ({ request }) => {
  const res = await request.get(`${API_ORIGIN}/demo/outbox`, { headers: { Authorization: "Bearer not.a.token" } });
  expect(res.status()).toBe(401);
});

test.describe("at 360 px", () => {
  test.use({ viewport: { width: 360, height: 780 } });

  test("no horizontal scroll, and the session and the controls come before the widget", async ({ page }) => {
    const { widget } = await openDemo(page);
    await expect(widget.getByLabel("First name")).toHaveValue("Ana");
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    const top = async (name: string) => (await page.getByRole("button", { name, exact: true }).boundingBox())!.y;
    const widgetTop = (await widget.boundingBox())!.y;
    for (const control of ["Sign in with MFA", "Profile", "Security devices", "Dark", "Acme brand"]) expect(await top(control)).toBeLessThan(widgetTop);
    expect((await page.getByLabel("Language").boundingBox())!.y).toBeLessThan(widgetTop);
    // The sign-in controls are reached within the first screen, not under the form.
    expect(await top("Sign in with MFA")).toBeLessThan(780);

    // Every flow keeps to the width too.
    await page.getByRole("button", { name: "Security devices" }).click();
    await expect(widget.getByText("Ana's iPhone")).toBeVisible();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await page.getByRole("button", { name: "Sign in with MFA" }).click();
    await expect(page.locator("#mfa-widget").getByRole("heading", { name: "Verify it's you" })).toBeVisible();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
  });
});

test.describe("accessibility of the demo page", () => {
  for (const theme of ["Light", "Dark"] as const) {
    test(`axe finds nothing, ${theme.toLowerCase()}, signed in and signed out`, async ({ page }) => {
      test.setTimeout(60_000); // axe over the whole page, twice
      const { widget } = await openDemo(page);
      await page.getByRole("button", { name: theme }).click();
      await expect(widget.getByLabel("First name")).toHaveValue("Ana");
      await page.waitForTimeout(300); // the theme's colour transitions
      expect(await axe(page)).toEqual([]);
      await page.getByRole("button", { name: "Sign out" }).click();
      await expect(page.getByLabel("Username")).toBeVisible();
      expect(await axe(page)).toEqual([]);
    });
  }

  test("keyboard: Copy code and Sign in with MFA are reached with Tab and pressed with Enter", async ({ page, context }) => {
    await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: API_ORIGIN });
    await openDemo(page);
    const tabTo = async (name: string) => {
      const target = page.getByRole("button", { name, exact: true });
      for (let i = 0; i < 40 && !(await target.evaluate((el) => el === document.activeElement)); i++) await page.keyboard.press("Tab");
      await expect(target).toBeFocused();
    };
    await tabTo("Copy code");
    await page.keyboard.press("Enter");
    await expect(page.locator("#totp-status")).toHaveText("Code copied");
    const shown = ((await page.locator("#totp-code").textContent()) ?? "").replace(/\s/g, "");
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(shown);
    await page.keyboard.press("Shift+Tab");
    await expect(page.getByRole("button", { name: "Sign in with MFA" })).toBeFocused();
    await page.keyboard.press("Enter");
    await expect(page.locator("#mfa-widget").getByRole("heading", { name: "Verify it's you" })).toBeVisible();
  });
});
