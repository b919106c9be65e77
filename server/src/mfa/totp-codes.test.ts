import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { generateOtp, hashOtp, otpHashKey } from "./one-time-codes";
import {
  base32Decode,
  base32Encode,
  decryptTotpSecret,
  encryptTotpSecret,
  generateTotpSecret,
  otpauthUri,
  totpCode,
  totpQrSvg,
  totpStep,
  verifyTotp,
} from "./totp-codes";

// RFC 6238 Appendix B: 8-digit codes, the seed per algorithm repeated to the key length.
const SEEDS = {
  sha1: Buffer.from("12345678901234567890"),
  sha256: Buffer.from("12345678901234567890123456789012"),
  sha512: Buffer.from("1234567890123456789012345678901234567890123456789012345678901234"),
};
const RFC6238: Array<[number, string, string, string]> = [
  [59, "94287082", "46119246", "90693936"],
  [1111111109, "07081804", "68084774", "25091201"],
  [1111111111, "14050471", "67062674", "99943326"],
  [1234567890, "89005924", "91819424", "93441116"],
  [2000000000, "69279037", "90698825", "38618901"],
  [20000000000, "65353130", "77737706", "47863826"],
];

describe("TOTP (RFC 6238)", () => {
  it.each(RFC6238)("matches the RFC test vectors at T=%i", (seconds, sha1, sha256, sha512) => {
    const step = totpStep(seconds * 1000);
    expect(totpCode(SEEDS.sha1, step, { digits: 8 })).toBe(sha1);
    expect(totpCode(SEEDS.sha256, step, { digits: 8, algorithm: "sha256" })).toBe(sha256);
    expect(totpCode(SEEDS.sha512, step, { digits: 8, algorithm: "sha512" })).toBe(sha512);
  });

  it("gives the 6-digit codes apps show (the low 6 digits of the SHA-1 vectors)", () => {
    expect(totpCode(SEEDS.sha1, totpStep(59_000))).toBe("287082");
    expect(totpCode(SEEDS.sha1, totpStep(1111111109_000))).toBe("081804");
  });

  it("accepts the current step and one either side, answering the step matched", () => {
    const at = 1111111111_000;
    const step = totpStep(at);
    expect(verifyTotp(SEEDS.sha1, totpCode(SEEDS.sha1, step), at, null)).toBe(step);
    expect(verifyTotp(SEEDS.sha1, totpCode(SEEDS.sha1, step - 1), at, null)).toBe(step - 1);
    expect(verifyTotp(SEEDS.sha1, totpCode(SEEDS.sha1, step + 1), at, null)).toBe(step + 1);
    const far = [step - 2, step + 2].map((s) => totpCode(SEEDS.sha1, s));
    const window = [step - 1, step, step + 1].map((s) => totpCode(SEEDS.sha1, s));
    for (const code of far) if (!window.includes(code)) expect(verifyTotp(SEEDS.sha1, code, at, null)).toBeNull();
  });

  it("never accepts a time step twice, nor an older one", () => {
    const at = 1234567890_000;
    const step = totpStep(at);
    const code = totpCode(SEEDS.sha1, step);
    expect(verifyTotp(SEEDS.sha1, code, at, step - 1)).toBe(step);
    expect(verifyTotp(SEEDS.sha1, code, at, step)).toBeNull();
    expect(verifyTotp(SEEDS.sha1, code, at + 30_000, step)).toBeNull();
    expect(verifyTotp(SEEDS.sha1, totpCode(SEEDS.sha1, step - 1), at, step)).toBeNull();
    expect(verifyTotp(SEEDS.sha1, totpCode(SEEDS.sha1, step + 1), at + 30_000, step)).toBe(step + 1);
  });

  it("refuses malformed codes", () => {
    for (const code of ["", "12345", "1234567", "12a456", " 123456"]) expect(verifyTotp(SEEDS.sha1, code, 0, null)).toBeNull();
  });

  it("makes 160-bit secrets", () => {
    const secret = generateTotpSecret();
    expect(secret).toHaveLength(20);
    expect(base32Encode(secret)).toMatch(/^[A-Z2-7]{32}$/);
  });
});

describe("base32 (RFC 4648)", () => {
  it.each([
    ["", ""],
    ["f", "MY"],
    ["fo", "MZXQ"],
    ["foo", "MZXW6"],
    ["foob", "MZXW6YQ"],
    ["fooba", "MZXW6YTB"],
    ["foobar", "MZXW6YTBOI"],
  ])("encodes %j as %s and back", (text, encoded) => {
    expect(base32Encode(Buffer.from(text))).toBe(encoded);
    expect(base32Decode(encoded).toString()).toBe(text);
  });

  it("decodes what people type: lower case, spaces, padding", () => {
    expect(base32Decode("mzxw 6ytb oi======").toString()).toBe("foobar");
  });
});

describe("TOTP secrets at rest", () => {
  const key = randomBytes(32);

  it("round-trips through AES-256-GCM with a fresh IV each time", () => {
    const secret = generateTotpSecret();
    const a = encryptTotpSecret(key, secret, "device-1");
    const b = encryptTotpSecret(key, secret, "device-1");
    expect(a).not.toBe(b);
    expect(a).not.toContain(base32Encode(secret));
    expect(decryptTotpSecret(key, a, "device-1").equals(secret)).toBe(true);
  });

  it("refuses another key, another device's row, or a tampered ciphertext", () => {
    const stored = encryptTotpSecret(key, generateTotpSecret(), "device-1");
    expect(() => decryptTotpSecret(randomBytes(32), stored, "device-1")).toThrow();
    expect(() => decryptTotpSecret(key, stored, "device-2")).toThrow();
    const parts = stored.split(".");
    const flipped = Buffer.from(parts[2]!, "base64url");
    flipped[0]! ^= 1;
    parts[2] = flipped.toString("base64url");
    expect(() => decryptTotpSecret(key, parts.join("."), "device-1")).toThrow();
  });
});

describe("provisioning", () => {
  it("builds an otpauth URI with the issuer in label and parameter, escaped", () => {
    const uri = otpauthUri({ issuer: "Acme & Co", account: "ada@example.com", secret: Buffer.from("foobar") });
    expect(uri).toBe(
      "otpauth://totp/Acme%20%26%20Co:ada%40example.com?secret=MZXW6YTBOI&issuer=Acme%20%26%20Co&algorithm=SHA1&digits=6&period=30",
    );
  });

  it("renders the QR code as a self-contained SVG", async () => {
    const svg = await totpQrSvg("otpauth://totp/Profile:ada?secret=MZXW6YTBOI&issuer=Profile");
    expect(svg).toMatch(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"[^>]*viewBox="[\d .]+"/);
    expect(svg).not.toMatch(/<script|style=|href=/i);
  });
});

describe("one-time codes", () => {
  it("are six digits, leading zeros kept", () => {
    const codes = Array.from({ length: 2000 }, generateOtp);
    expect(codes.every((c) => /^\d{6}$/.test(c))).toBe(true);
    expect(new Set(codes).size).toBeGreaterThan(1990);
  });

  it("hash per device and per key", () => {
    const key = otpHashKey(randomBytes(32));
    const hash = hashOtp(key, "device-1", "123456");
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(hashOtp(key, "device-2", "123456")).not.toBe(hash);
    expect(hashOtp(otpHashKey(randomBytes(32)), "device-1", "123456")).not.toBe(hash);
    expect(hashOtp(key, "device-1", "123456")).toBe(hash);
  });
});
