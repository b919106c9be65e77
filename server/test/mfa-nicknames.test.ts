import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { DEFAULT_NICKNAMES, NICKNAME_MAX_LENGTH } from "../../contract/rules";
import { METHODS } from "../src/mfa/methods";
import type { Device } from "../src/mfa/types";
import { buildTestApp, ENGINES, type TestApp } from "./helpers";
import { expectError, mfaClient } from "./mfa-helpers";

describe("default device nicknames", () => {
  it("are the names the widget knows, so it can show an unnamed device in the person's language", () => {
    expect(Object.fromEntries(METHODS.map((m) => [m.type, m.defaultNickname]))).toEqual(DEFAULT_NICKNAMES);
  });
});

describe.each(ENGINES)("device nicknames on %s", (engine) => {
  let t: TestApp;
  let m: ReturnType<typeof mfaClient>;
  beforeEach(async () => {
    t = await buildTestApp({ engine });
    m = mfaClient(t);
  });
  afterEach(() => t.close());

  it("a device added without a nickname is stored with its type's default", async () => {
    const res = await m.add({ type: "totp" });
    expect(res.status).toBe(201);
    expect(((await res.json()) as { device: Device }).device.nickname).toBe(DEFAULT_NICKNAMES.totp);
  });

  it(`refuses a nickname over ${NICKNAME_MAX_LENGTH} characters with 422, never cutting it, on add and on rename`, async () => {
    const longest = "Work phone in the office, second drawer.".padEnd(NICKNAME_MAX_LENGTH, "!");
    expect(longest).toHaveLength(NICKNAME_MAX_LENGTH);
    const tooLong = `${longest}x`;

    const refused = await expectError(await m.add({ type: "totp", nickname: tooLong }), 422, "validation_failed");
    expect(Object.keys(refused.error.fields ?? {})).toEqual(["nickname"]);
    expect((await m.state()).devices).toEqual([]);

    const device = await m.activeEmail();
    const before = (await m.state()).devices[0]!.nickname;
    const renamed = await expectError(await m.rename(device.id, tooLong), 422, "validation_failed");
    expect(Object.keys(renamed.error.fields ?? {})).toEqual(["nickname"]);
    expect((await m.state()).devices[0]!.nickname).toBe(before);

    const ok = await m.rename(device.id, longest);
    expect(ok.status).toBe(200);
    expect((await m.state()).devices[0]!.nickname).toBe(longest);
  });
});
