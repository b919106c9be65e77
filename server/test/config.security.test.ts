import { generateKeyPairSync } from "node:crypto";
import { describe, expect, it } from "vitest";
import { createApp } from "../src/app";
import { createSessionVerifier } from "../src/auth/verify-session";
import { ConfigError, loadConfig } from "../src/config";
import { openStore } from "../src/store/db";

const base = { AUTH_PUBLIC_KEY: "k", AUTH_ISSUER: "https://id.example", AUTH_AUDIENCE: "a", SECRETS_KEY: Buffer.alloc(32, 7).toString("base64") };
const refusal = (env: Record<string, string>) => {
  try {
    loadConfig({ ...base, ...env });
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    return (err as Error).message;
  }
  throw new Error("expected the configuration to be refused");
};

describe("configuration never echoes a credential", () => {
  it("masks user:password in a bad URL it quotes back", () => {
    const message = refusal({ DATABASE_URL: "mysql://admin:hunter2@db.internal/profile" });
    expect(message).toMatch(/^DATABASE_URL: /);
    expect(message).not.toContain("hunter2");
    expect(message).toContain("mysql://•••@db.internal");
  });

  it("refuses an SMS webhook URL with user:password, without repeating the password", () => {
    const message = refusal({ SMS_WEBHOOK_URL: "https://user:hunter2@sms.example/hook", SMS_WEBHOOK_SECRET: "s".repeat(20) });
    expect(message).toMatch(/^SMS_WEBHOOK_URL: must not contain user:password@/);
    expect(message).not.toContain("hunter2");
  });

  it("accepts an @ in the webhook's query string", () => {
    const config = loadConfig({ ...base, SMS_WEBHOOK_URL: "https://sms.example/hook?from=ops@example.com", SMS_WEBHOOK_SECRET: "s".repeat(20) });
    expect(config.sms?.url).toBe("https://sms.example/hook?from=ops@example.com");
  });

  it("never quotes secrets or keys back, valid or not", () => {
    expect(refusal({ SECRETS_KEY: "not-32-bytes-hunter2" })).not.toContain("hunter2");
    expect(refusal({ SMS_WEBHOOK_URL: "https://sms.example/hook", SMS_WEBHOOK_SECRET: "hunter2" })).not.toContain("hunter2");
  });
});

describe("configuration that would weaken the server is refused with one line naming the variable", () => {
  const pair = generateKeyPairSync("ec", { namedCurve: "P-256" });
  const privatePem = pair.privateKey.export({ format: "pem", type: "pkcs8" }).toString();
  const sec1Pem = pair.privateKey.export({ format: "pem", type: "sec1" }).toString();
  const rsaPem = generateKeyPairSync("rsa", { modulusLength: 2048 }).privateKey.export({ format: "pem", type: "pkcs1" }).toString();
  const privateJwk = JSON.stringify(pair.privateKey.export({ format: "jwk" }));
  const publicPem = pair.publicKey.export({ format: "pem", type: "spki" }).toString();

  it.each([
    ["a PKCS#8 PEM private key", privatePem],
    ["a SEC1 (EC PRIVATE KEY) PEM", sec1Pem],
    ["an RSA PRIVATE KEY PEM", rsaPem],
    ["a PEM private key with escaped newlines, as one-line env files write it", privatePem.replace(/\n/g, "\\n")],
    ["a private JWK", privateJwk],
  ])("refuses %s in AUTH_PUBLIC_KEY, the same way for PEM and JWK, without echoing it", (_name, key) => {
    const message = refusal({ AUTH_PUBLIC_KEY: key });
    expect(message).toBe("AUTH_PUBLIC_KEY: this is a private key; give the public key");
  });

  it("refuses a private key in AUTH_PUBLIC_KEY at the verifier too, for hosts that build their own configuration", async () => {
    const auth = { ...loadConfig({ ...base, AUTH_PUBLIC_KEY: publicPem }).auth, publicKey: privatePem };
    await expect(createSessionVerifier(auth)).rejects.toThrow(/^AUTH_PUBLIC_KEY: this is a private key/);
    await expect(createSessionVerifier({ ...auth, publicKey: publicPem })).resolves.toBeTypeOf("function");
  });

  it("refuses a plain-http AUTH_JWKS_URL on another host, keeping loopback for development", () => {
    const jwks = (url: string) => ({ AUTH_PUBLIC_KEY: "", AUTH_JWKS_URL: url });
    expect(refusal(jwks("http://idp.example.com/.well-known/jwks.json"))).toMatch(/^AUTH_JWKS_URL: must be https:\/\//);
    expect(refusal(jwks("http://10.0.0.5:8080/jwks"))).toMatch(/^AUTH_JWKS_URL: must be https:\/\//);
    for (const url of ["https://idp.example.com/jwks", "http://localhost:9000/jwks", "http://127.0.0.1:9/jwks", "http://[::1]:9/jwks", "http://idp.localhost/jwks"]) {
      expect(loadConfig({ ...base, ...jwks(url) }).auth.jwksUrl).toBe(url);
    }
  });

  it("refuses to run outside demo mode without SECRETS_KEY, saying how to make one", () => {
    const { SECRETS_KEY: _omitted, ...withoutKey } = base;
    let message = "";
    try {
      loadConfig(withoutKey);
    } catch (err) {
      expect(err).toBeInstanceOf(ConfigError);
      message = (err as Error).message;
    }
    expect(message).toMatch(/^SECRETS_KEY: required/);
    expect(message).toContain("openssl rand -base64 32");
    expect(message).not.toContain("\n");
    // Demo mode makes its own (kept in the data directory).
    expect(loadConfig({}, { demo: true }).secretsKey).toBeUndefined();
  });

  it("won't build an app without SECRETS_KEY, so no code hash is ever keyed with a constant", async () => {
    const store = await openStore("sqlite::memory:");
    const config = { ...loadConfig(base), secretsKey: undefined };
    expect(() => createApp({ config, store, verifySession: () => Promise.reject(new Error("unused")) })).toThrow(/^SECRETS_KEY: required/);
    await store.close();
  });

  it.each([
    ["*", "*"],
    ["a wildcard subdomain", "https://*.example.com"],
    ["a wildcard among exact origins", "https://app.example.com,https://*.example.com"],
    ["a wildcard port", "https://app.example.com:*"],
  ])("refuses %s in CORS_ORIGINS with a line naming the variable", (_name, value) => {
    expect(refusal({ CORS_ORIGINS: value })).toMatch(/^CORS_ORIGINS: wildcards are not allowed: list each origin exactly/);
  });

  it("refuses wildcards in WEBAUTHN_ORIGINS and PUBLIC_URL the same way", () => {
    expect(refusal({ WEBAUTHN_ORIGINS: "https://*.example.com" })).toMatch(/^WEBAUTHN_ORIGINS: wildcards are not allowed/);
    expect(refusal({ PUBLIC_URL: "https://*.example.com" })).toMatch(/^PUBLIC_URL: wildcards are not allowed/);
  });

  it("refuses AUTH_TOKEN_TYPES that would let logout or security event tokens through", () => {
    expect(refusal({ AUTH_TOKEN_TYPES: "JWT,logout+jwt" })).toMatch(/^AUTH_TOKEN_TYPES: logout and security event tokens are never sessions/);
    expect(refusal({ AUTH_TOKEN_TYPES: "application/secevent+jwt" })).toMatch(/^AUTH_TOKEN_TYPES:/);
    expect(loadConfig({ ...base, AUTH_TOKEN_TYPES: "at+jwt" }).auth.tokenTypes).toEqual(["at+jwt"]);
  });
});
