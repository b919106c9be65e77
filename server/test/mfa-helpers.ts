import { expect } from "vitest";
import type { Device, MfaState } from "../src/mfa/types";
import { totpCode, totpStep, base32Decode } from "../src/mfa/totp-codes";
import type { TestApp } from "./helpers";

export type ErrorBody = {
  error: { code: string; message: string; fields?: Record<string, string>; attemptsRemaining?: number };
};

/** The device endpoints as the widget calls them. */
export function mfaClient(t: TestApp) {
  const json = async <T>(res: Response) => (await res.json()) as T;
  return {
    state: async (token?: string) => {
      const res = await t.call("GET", "/api/mfa", { token });
      expect(res.status).toBe(200);
      return json<MfaState>(res);
    },
    enable: (token?: string) => t.call("POST", "/api/mfa/enable", { body: {}, token }),
    disable: (token?: string) => t.call("POST", "/api/mfa/disable", { body: {}, token }),
    add: (body: unknown, token?: string) => t.call("POST", "/api/mfa/devices", { body, token }),
    activate: (id: string, body: unknown, token?: string) =>
      t.call("POST", `/api/mfa/devices/${id}/activate`, { body, token }),
    resend: (id: string, token?: string) => t.call("POST", `/api/mfa/devices/${id}/resend`, { body: {}, token }),
    rename: (id: string, nickname: unknown, token?: string) =>
      t.call("PATCH", `/api/mfa/devices/${id}`, { body: { nickname }, token }),
    makeDefault: (id: string, token?: string) => t.call("POST", `/api/mfa/devices/${id}/default`, { body: {}, token }),
    remove: (id: string, token?: string) => t.call("DELETE", `/api/mfa/devices/${id}`, { token }),

    /** Adds an email device and answers it with the code the outbox received. */
    async addEmail(email = "ada@example.com", token?: string) {
      const res = await this.add({ type: "email", email }, token);
      expect(res.status).toBe(201);
      const { device } = await json<{ device: Device }>(res);
      return { device, code: await t.outboxCode(email) };
    },
    /** Adds and activates an email device. */
    async activeEmail(email = "ada@example.com", token?: string) {
      const { device, code } = await this.addEmail(email, token);
      const res = await this.activate(device.id, { otp: code }, token);
      expect(res.status).toBe(200);
      return (await json<{ device: Device }>(res)).device;
    },
  };
}

export async function expectError(res: Response, status: number, code: string): Promise<ErrorBody> {
  const body = (await res.json()) as ErrorBody;
  expect({ status: res.status, code: body.error?.code }).toEqual({ status, code });
  expect(body.error.message.length).toBeGreaterThan(5);
  return body;
}

/** The code an authenticator app shows for a base32 secret at `atMs`. */
export const appCode = (secret: string, atMs = Date.now()) => totpCode(base32Decode(secret), totpStep(atMs));

/** A code that is certainly not the one sent. */
export const otherCode = (code: string) => ((Number(code) + 1) % 1_000_000).toString().padStart(6, "0");
