import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "../src/config";

const base = { AUTH_PUBLIC_KEY: "k", AUTH_ISSUER: "https://id.example", AUTH_AUDIENCE: "a" };
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
