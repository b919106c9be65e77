import { expect, test, type Page } from "@playwright/test";
import { callApi, cspViolations, openHost, readMfa, readProfile, tokenFor, totpCode, uniqueUser } from "./support";

/** The widget's files the page fetched, by name without their content hash (e.g. "de", "devices-flow", "qr"). */
function chunksFetched(page: Page): string[] {
  const names: string[] = [];
  page.on("request", (request) => {
    const match = /\/widget\/chunks\/(.+)-[\w-]{8}\.js$/.exec(request.url());
    if (match) names.push(match[1]!);
  });
  return names;
}

const mediumDate = (locale: string) => new Intl.DateTimeFormat(locale, { dateStyle: "medium" }).format(new Date());

test.describe("the widget speaks the person's language", () => {
  test("German through data-locale, under the strict CSP: only German is fetched, server messages translated, Intl names and dates", async ({
    page,
  }) => {
    test.setTimeout(60_000);
    const chunks = chunksFetched(page);
    const username = uniqueUser("de");
    const token = await tokenFor(username);
    const widget = await openHost(page, { token, locale: "de" });

    await expect(widget.getByRole("heading", { name: "Profil" })).toBeVisible();
    await expect(widget.locator("[part=card]")).toHaveAttribute("lang", "de");
    await widget.getByLabel("Vorname").fill("Ada");
    await widget.getByLabel("Land", { exact: true }).selectOption({ label: "Deutschland" });
    // The server refuses the postal code in English; the widget says it in German beside the field.
    await widget.getByLabel("Postleitzahl").fill("<b>");
    await widget.getByRole("button", { name: "Speichern" }).click();
    await expect(widget.getByLabel("Postleitzahl")).toHaveAccessibleDescription(/gültige Postleitzahl/);
    await expect(widget.getByText("Einige Angaben müssen noch korrigiert werden.")).toBeVisible();
    await widget.getByLabel("Postleitzahl").fill("10115");
    await widget.getByRole("button", { name: "Speichern" }).click();
    await expect(widget.getByText("Ihr Profil wurde gespeichert.")).toBeVisible();
    expect(await readProfile(token)).toMatchObject({ givenName: "Ada", address: { countryCode: "DE", postalCode: "10115" } });
    // The profile flow's own chunk (with the field rules it shares with the devices flow), what its Save runs (with
    // the text rules), and the German strings: nothing of the other flows.
    expect(chunks.sort()).toEqual(["de", "profile-flow", "profile-save", "rules", "text"]);

    // The devices flow in German: its own strings chunk, the QR encoder and the passkey library, all under the CSP.
    const cdp = await page.context().newCDPSession(page);
    await cdp.send("WebAuthn.enable");
    await cdp.send("WebAuthn.addVirtualAuthenticator", {
      options: { protocol: "ctap2", transport: "internal", hasResidentKey: true, hasUserVerification: true, isUserVerified: true, automaticPresenceSimulation: true },
    });
    chunks.length = 0;
    await openHost(page, { token, locale: "de", flow: "devices" });
    await widget.getByRole("button", { name: "MFA aktivieren" }).click();
    await expect(widget.getByText("Noch keine Geräte")).toBeVisible();

    await widget.getByRole("button", { name: "Gerät hinzufügen" }).click();
    await widget.getByRole("button", { name: "Authenticator-App" }).click();
    await expect(widget.getByRole("img", { name: "QR-Bild für Ihre Authenticator-App" })).toBeVisible();
    const secret = (await widget.locator("[part~=secret]").textContent()) ?? "";
    await widget.getByLabel("Code", { exact: true }).fill(totpCode(secret));
    await widget.getByRole("button", { name: "Bestätigen" }).click();
    await expect(widget.getByText("Gerät hinzugefügt")).toBeVisible();
    // Named in German (the server stores its default, the widget shows the type's German name), its last use said in German.
    await expect(widget.locator("[part~=device]")).toContainText(`Authenticator-App`);
    await expect(widget.locator("[part~=device]")).toContainText("Gerade eben verwendet");
    await widget.locator("[part~=device]").click();
    await expect(widget.locator(".facts")).toContainText(`Hinzugefügt${mediumDate("de")}`);
    await widget.getByRole("button", { name: "Alle Geräte" }).click();

    await widget.getByRole("button", { name: "Gerät hinzufügen" }).click();
    await widget.getByRole("button", { name: "Passkey" }).click();
    await widget.getByRole("button", { name: "Passkey erstellen" }).click();
    await expect(widget.getByText("Gerät hinzugefügt")).toBeVisible();
    // Named after the browser and system (the virtual authenticator names no provider), in German.
    expect((await readMfa(token)).devices).toMatchObject([
      { type: "totp", nickname: "Authenticator app" },
      { type: "passkey", nickname: "Chrome auf Linux" },
    ]);

    expect(chunks.sort()).toEqual(["de", "devices-de", "devices-flow", "passkey", "qr", "rules", "screens", "text"]);
    expect(await cspViolations(page)).toEqual([]);
  });

  test("the verify flow in German and Arabic: its own strings, no passkey library until a passkey is used", async ({ page }) => {
    const chunks = chunksFetched(page);
    const token = await tokenFor(uniqueUser("verify-de"));
    expect((await callApi(token, "POST", "/api/mfa/enable", {})).status).toBe(200);
    const added = await callApi<{ device: { id: string }; totp: { secret: string } }>(token, "POST", "/api/mfa/devices", { type: "totp" });
    const { secret } = added.body.totp;
    await callApi(token, "POST", `/api/mfa/devices/${added.body.device.id}/activate`, { otp: totpCode(secret, Date.now() - 30_000) });
    expect((await callApi(token, "POST", "/api/mfa/recovery-codes", {})).status).toBe(201);

    const widget = await openHost(page, { token, locale: "de", flow: "verify" });
    await expect(widget.getByRole("heading", { name: "Bestätigen Sie Ihre Identität" })).toBeVisible();
    await expect(widget.getByRole("heading", { name: "Code eingeben" })).toBeVisible();
    // A device nobody named goes by its type's name in German, not the server's English default.
    await widget.getByRole("button", { name: "Andere Methode verwenden" }).click();
    await expect(widget.locator("[part~=option]").first()).toContainText("Authenticator-App");
    await expect(widget.locator("[part~=option]").first()).not.toContainText("Authenticator app");
    await widget.locator("[part~=option]").first().click();
    await widget.getByLabel("Code", { exact: true }).fill(totpCode(secret));
    await widget.getByRole("button", { name: "Bestätigen" }).click();
    await expect(widget.getByRole("heading", { name: "Identität bestätigt" })).toBeVisible();
    expect(chunks.sort()).toEqual(["de", "verify-de", "verify-flow"]);

    await openHost(page, { token, locale: "ar", flow: "verify" });
    await expect(widget.locator("[part=card]")).toHaveAttribute("dir", "rtl");
    await expect(widget.getByRole("heading", { name: "أدخل الرمز" })).toBeVisible();
    expect(await cspViolations(page)).toEqual([]);
  });

  test("data-locale, then the nearest lang on the page, then the page's own; pt means Brazilian Portuguese", async ({ page }) => {
    const token = await tokenFor(uniqueUser("lang"));
    const widget = await openHost(page, { token, "page-lang": "pt" });
    await expect(widget.getByRole("button", { name: "Salvar" })).toBeVisible();
    await expect(widget.getByLabel("Sobrenome")).toBeVisible();
    await expect(widget.locator("[part=card]")).toHaveAttribute("lang", "pt-BR");

    await openHost(page, { token, "page-lang": "de", lang: "fr-CA" });
    await expect(widget.getByRole("button", { name: "Enregistrer" })).toBeVisible();

    await openHost(page, { token, "page-lang": "de", lang: "fr", locale: "es" });
    await expect(widget.getByRole("button", { name: "Guardar" })).toBeVisible();

    // Changing data-locale later switches the language in place.
    await page.evaluate(() => document.querySelector("profile-widget")!.setAttribute("data-locale", "it"));
    await expect(widget.getByRole("button", { name: "Salva" })).toBeVisible();
    await expect(widget.getByLabel("Cognome")).toBeVisible();
  });

  test("a language the widget doesn't have falls back to English and fetches no strings", async ({ page }) => {
    const chunks = chunksFetched(page);
    const widget = await openHost(page, { token: await tokenFor(uniqueUser("sv")), locale: "sv-SE" });
    await expect(widget.getByRole("button", { name: "Save" })).toBeVisible();
    await expect(widget.locator("[part=card]")).toHaveAttribute("lang", "en");
    // What Save runs follows once the form has shown.
    await expect.poll(() => [...chunks].sort()).toEqual(["profile-flow", "profile-save", "rules", "text"]);
  });

  test.describe("with a Japanese browser", () => {
    test.use({ locale: "ja-JP" });

    test("a page without lang follows the browser", async ({ page }) => {
      const widget = await openHost(page, { token: await tokenFor(uniqueUser("ja")), "page-lang": "" });
      await expect(widget.getByRole("heading", { name: "プロフィール" })).toBeVisible();
      await expect(widget.getByLabel("郵便番号")).toBeVisible();
      await expect(widget.getByRole("button", { name: "保存" })).toBeVisible();
      // Country names in Japanese, from Intl.
      await expect(widget.getByLabel("国").locator("option[value=JP]")).toHaveText("日本");
    });
  });

  test("Arabic is laid out right to left: Save on the left, labels on the right, arrows mirrored", async ({ page }) => {
    const username = uniqueUser("ar");
    const token = await tokenFor(username);
    const widget = await openHost(page, { token, locale: "ar" });
    const card = widget.locator("[part=card]");
    await expect(widget.getByRole("heading", { name: "الملف الشخصي" })).toBeVisible();
    await expect(card).toHaveAttribute("dir", "rtl");
    expect(await card.evaluate((el) => getComputedStyle(el).direction)).toBe("rtl");

    await widget.getByLabel("الاسم الأول").fill("آدا");
    const box = (await card.boundingBox())!;
    const save = (await widget.getByRole("button", { name: "حفظ" }).boundingBox())!;
    const discard = (await widget.getByRole("button", { name: "تجاهل التغييرات" }).boundingBox())!;
    expect(save.x + save.width).toBeLessThan(box.x + box.width / 2);
    expect(save.x).toBeLessThan(discard.x);
    const label = (await widget.getByText("الاسم الأول", { exact: true }).boundingBox())!;
    const input = (await widget.getByLabel("الاسم الأول").boundingBox())!;
    expect(Math.abs(label.x + label.width - (input.x + input.width))).toBeLessThan(2);
    // Numbers and addresses are still typed left to right.
    await expect(widget.getByLabel("رقم الهاتف")).toHaveAttribute("dir", "ltr");

    await callApi(token, "POST", "/api/mfa/enable", {});
    await openHost(page, { token, locale: "ar", flow: "devices" });
    await widget.getByRole("button", { name: "إضافة جهاز" }).click();
    const chevron = widget.getByRole("button", { name: "البريد الإلكتروني" }).locator("svg.flip");
    expect(await chevron.evaluate((el) => getComputedStyle(el).transform)).toBe("matrix(-1, 0, 0, 1, 0, 0)");
  });
});
