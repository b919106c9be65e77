import { randomBytes } from "node:crypto";
import type { Kysely } from "kysely";
import * as v from "valibot";
import { base32Decode, decryptTotpSecret, TOTP_DRIFT_STEPS, TOTP_PERIOD_SECONDS, totpCode, totpStep } from "../mfa/totp-codes";
import { listDevices } from "../store/mfa-devices";
import type { Database } from "../store/schema";
import { findUserBySubject, profileDocumentOf, updateUserIfVersion } from "../store/users";
import { capturingMessages } from "./inbox";
import type { DemoIssuer } from "./issuer";

/** The app's own HTTP API, called in-process (`app.request`). */
export type ApiCall = (path: string, init: RequestInit) => Promise<Response>;

/** A sample's username: `ana.souza-` and a random suffix, so no two visitors share one. */
const SAMPLE_USERNAME = /^ana\.souza-[a-z0-9]{8,24}$/;

export const SampleRequest = v.strictObject({
  username: v.optional(
    v.pipe(v.string("A sample's username is text."), v.regex(SAMPLE_USERNAME, "A sample's username is ana.souza- and 8 to 24 letters or digits.")),
  ),
});

/** The sample person: what a visitor finds filled in. */
const SAMPLE = {
  givenName: "Ana",
  familyName: "Souza",
  phone: "+5511987654321",
  address: { streetAddress: "Rua Augusta, 1508, apto 42", locality: "São Paulo", region: "SP", postalCode: "01304-001", countryCode: "BR" },
  authenticatorName: "Ana's iPhone",
  emailDeviceName: "Personal email",
  /** What the demo's example schema (docs/examples/profile-schema.json) adds: HR's employee ID (read only) and her team. */
  employee: { employeeId: "E-20417", company: "Acme Travel", department: "Engineering" },
} as const;

export interface CreatedSample {
  username: string;
  token: string;
  expiresAt: number;
  /** Shown this once, as the API shows them: the demo page keeps them for the visitor. */
  recoveryCodes: string[];
}

class SampleSetupFailed extends Error {
  override name = "SampleSetupFailed";
}

/**
 * Makes a sample user through the HTTP API, the way the widget would: the profile saved, MFA turned on, an
 * authenticator app and an email address added and activated with their codes, and recovery codes made. The
 * email code is captured rather than sent. Her email address and phone number are hers already: they are stored as
 * verified, where a person's new ones wait for a code (x-profile.verify). The app is activated with the code of the step before this one (within
 * the drift allowed), so the code it shows now is still unused for the visitor's first sign-in with MFA.
 */
export async function createSampleUser(deps: { issuer: DemoIssuer; api: ApiCall; db: Kysely<Database>; username?: string }): Promise<CreatedSample> {
  const username = deps.username ?? `ana.souza-${randomBytes(8).toString("hex").slice(0, 10)}`;
  const { token, expiresAt } = await deps.issuer.issueToken({ username, authAgeSeconds: 0 });
  const call = async <T>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}) => {
    const res = await deps.api(path, {
      method,
      headers: { Authorization: `Bearer ${token}`, ...(body === undefined ? {} : { "Content-Type": "application/json" }), ...headers },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!res.ok) throw new SampleSetupFailed(`${method} ${path}: ${res.status} ${await res.text()}`);
    return { body: (await res.json()) as T, etag: res.headers.get("ETag") };
  };
  const email = `${username.replace("-", "+")}@example.com`;

  const { result } = await capturingMessages(async () => {
    const { etag } = await call("GET", "/api/profile");
    await call("PATCH", "/api/profile", { givenName: SAMPLE.givenName, familyName: SAMPLE.familyName, address: SAMPLE.address }, {
      "If-Match": etag ?? "*",
    });
    await storeVerifiedContact(deps.db, `demo|${username}`, { email, phone: SAMPLE.phone, ...SAMPLE.employee });
    await call("POST", "/api/mfa/enable", {});

    type Added = { device: { id: string }; totp?: { secret: string } };
    const app = (await call<Added>("POST", "/api/mfa/devices", { type: "totp", nickname: SAMPLE.authenticatorName })).body;
    const secret = base32Decode(app.totp?.secret ?? "");
    // The previous step's code: should a step end while it is on its way, it is two steps old and refused, so the
    // new previous step's is sent once more.
    const activateApp = () => call("POST", `/api/mfa/devices/${app.device.id}/activate`, { otp: totpCode(secret, totpStep(Date.now()) - 1) });
    const stepOfFirstTry = totpStep(Date.now());
    await activateApp().catch((error: unknown) => {
      if (totpStep(Date.now()) === stepOfFirstTry) throw error;
      return activateApp();
    });

    const { result: added, captured } = await capturingMessages(() =>
      call<Added>("POST", "/api/mfa/devices", { type: "email", email, nickname: SAMPLE.emailDeviceName }),
    );
    const code = captured.at(-1)?.code;
    if (!code) throw new SampleSetupFailed("the email device's code was not sent");
    await call("POST", `/api/mfa/devices/${added.body.device.id}/activate`, { otp: code });

    return (await call<{ codes: string[] }>("POST", "/api/mfa/recovery-codes", {})).body.codes;
  });
  // Her devices came with her: the notices their setup queued would tell the visitor of changes they never made.
  const user = await findUserBySubject(deps.db, `demo|${username}`);
  if (user) await deps.db.deleteFrom("security_notices").where("user_id", "=", user.id).execute();
  return { username, token, expiresAt, recoveryCodes: result };
}

/**
 * Sets the sample's email and phone as the profile's own, without codes (nobody needs to prove them), and what only
 * HR could set for the example schema.
 */
async function storeVerifiedContact(db: Kysely<Database>, subject: string, contact: Record<string, string>): Promise<void> {
  const user = await findUserBySubject(db, subject);
  if (!user) throw new SampleSetupFailed("the sample's profile is missing");
  const profile = JSON.stringify({ ...profileDocumentOf(user), ...contact });
  if (!(await updateUserIfVersion(db, user.id, user.version, { profile, updated_at: new Date().toISOString() }))) {
    throw new SampleSetupFailed("the sample's profile changed while it was made");
  }
}

export interface AuthenticatorCode {
  deviceId: string;
  nickname: string;
  code: string;
  /** When the app shows its next code (ISO 8601). */
  changesAt: string;
}

/**
 * The code each of the user's active authenticator apps accepts now: the current step's, or, once that one has been
 * used, the next step's (still within the drift allowed), so the code shown always works.
 */
export async function currentAuthenticatorCodes(db: Kysely<Database>, secretsKey: Buffer, subject: string, now = Date.now()): Promise<AuthenticatorCode[]> {
  const user = await findUserBySubject(db, subject);
  if (!user) return [];
  const current = totpStep(now);
  const codes: AuthenticatorCode[] = [];
  for (const device of await listDevices(db, user.id)) {
    if (device.type !== "totp" || device.status !== "ACTIVE" || !device.totp_secret) continue;
    const step = Math.max(current, (device.totp_last_step ?? -1) + 1);
    if (step > current + TOTP_DRIFT_STEPS) continue;
    const secret = decryptTotpSecret(secretsKey, device.totp_secret, device.id);
    codes.push({
      deviceId: device.id,
      nickname: device.nickname,
      code: totpCode(secret, step),
      changesAt: new Date((step + 1) * TOTP_PERIOD_SECONDS * 1000).toISOString(),
    });
  }
  return codes;
}
