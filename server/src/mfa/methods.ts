import type * as v from "valibot";
import { emailMethod, smsMethod } from "./code-method";
import type { AnyMfaMethod, MfaMethod } from "./method";
import { passkeyMethod } from "./passkey-method";
import { totpMethod } from "./totp-method";
import type { DeviceType, NewDevice } from "./types";

/**
 * Every MFA method this server knows, in the order they are offered. A new kind of device is one module
 * beside these and one entry here (plus its type in types.ts and its screens in the widget).
 */
export const METHODS: readonly AnyMfaMethod[] = [smsMethod, emailMethod, totpMethod, passkeyMethod];

export const DEVICE_TYPES: DeviceType[] = METHODS.map((m) => m.type);

const BY_TYPE = new Map<string, AnyMfaMethod>(METHODS.map((m) => [m.type, m]));

/** The method of a device type (an unknown type is a bug: types come from the registry and the database). */
export function methodOf(type: DeviceType): AnyMfaMethod {
  const method = BY_TYPE.get(type);
  if (!method) throw new Error(`no MFA method for device type "${type}"`);
  return method;
}

/** The method for a request's `type`, if there is one. */
export function findMethod(type: unknown): AnyMfaMethod | undefined {
  return typeof type === "string" ? BY_TYPE.get(type) : undefined;
}

/** The add-device request bodies by OpenAPI schema name. */
export const ADD_DEVICE_SCHEMAS: Record<MfaMethod["schemaName"], v.GenericSchema<unknown, NewDevice>> = Object.fromEntries(
  METHODS.map((m) => [m.schemaName, m.addBody]),
);

/** One example body per method, keyed by type, for the OpenAPI document. */
export const ADD_DEVICE_EXAMPLES: Record<string, NewDevice> = Object.fromEntries(METHODS.map((m) => [m.type, m.example]));
