import { defineConfig } from "@playwright/test";
import { CHROMIUM_ARGS, findChromium } from "./e2e/chromium.mjs";

const API_PORT = 8797;
const HOST_PORT = 8798;
const SMTP_PORT = 8799;
const INBOX_PORT = 8800;
const SMS_PORT = 8801;
const SMS_WEBHOOK_SECRET = "e2e-webhook-secret-0123456789";
// The API and the host page are different origins; the host is on `localhost` because WebAuthn
// refuses IP addresses as relying-party ids.
export const API_ORIGIN = `http://127.0.0.1:${API_PORT}`;
export const HOST_ORIGIN = `http://localhost:${HOST_PORT}`;

const executablePath = (await findChromium()) ?? undefined;

export default defineConfig({
  testDir: "e2e",
  testMatch: "**/*.spec.ts",
  timeout: 30_000,
  expect: { timeout: 7_000 },
  fullyParallel: true,
  workers: 2,
  retries: 0,
  reporter: [["list"]],
  use: {
    baseURL: HOST_ORIGIN,
    trace: "retain-on-failure",
    launchOptions: { executablePath, args: CHROMIUM_ARGS },
  },
  webServer: [
    {
      // The API in demo mode (self-issued tokens, verified through its JWKS) on a fresh database.
      command: "rm -rf .tmp/e2e && node --import tsx server/src/main.ts --demo",
      url: `${API_ORIGIN}/readyz`,
      reuseExistingServer: false,
      timeout: 60_000,
      env: {
        PORT: String(API_PORT),
        HOST: "127.0.0.1",
        PUBLIC_URL: API_ORIGIN,
        DATABASE_URL: "sqlite:.tmp/e2e/profile.db",
        CORS_ORIGINS: `${HOST_ORIGIN},${API_ORIGIN}`,
        WEBAUTHN_RP_ID: "localhost",
        WEBAUTHN_RP_NAME: "Acme Travel",
        WEBAUTHN_ORIGINS: HOST_ORIGIN,
        SMTP_URL: `smtp://127.0.0.1:${SMTP_PORT}`,
        EMAIL_FROM: "Acme Travel <security@acme.test>",
        SMS_WEBHOOK_URL: `http://127.0.0.1:${SMS_PORT}/sms`,
        SMS_WEBHOOK_SECRET,
      },
    },
    {
      // A real SMTP server and SMS webhook receiver; tests read the codes that arrive.
      command: "node --import tsx e2e/inbox-server.ts",
      url: `http://127.0.0.1:${INBOX_PORT}/messages`,
      reuseExistingServer: false,
      env: { SMTP_PORT: String(SMTP_PORT), SMS_PORT: String(SMS_PORT), INBOX_PORT: String(INBOX_PORT), SMS_WEBHOOK_SECRET },
    },
    {
      command: "node e2e/host-server.mjs",
      url: `http://127.0.0.1:${HOST_PORT}/`,
      reuseExistingServer: false,
      env: { HOST_PORT: String(HOST_PORT), API_ORIGIN },
    },
  ],
});
