import type { RegistrationResponseJSON } from "@simplewebauthn/server";
import type { AddedDevice as ContractAddedDevice, DeviceType } from "../../../contract/api";
import type { CreationOptions } from "./webauthn";

export type { DeviceStatus, DeviceType, Device, MfaState } from "../../../contract/api";

/** The body of POST /api/mfa/devices, one shape per method (see each method's `addBody`). */
export type NewDevice =
  | { type: "sms"; phone: string; nickname?: string }
  | { type: "email"; email: string; nickname?: string }
  | { type: "totp"; nickname?: string }
  | { type: "passkey"; nickname?: string };

export type NewDeviceOf<T extends DeviceType> = Extract<NewDevice, { type: T }>;

/** What enrolment shows the person besides the pending device, once. */
export type EnrolmentExtras = Omit<AddedDevice, "device">;

/** POST /api/mfa/devices as the server answers it. */
export type AddedDevice = ContractAddedDevice<CreationOptions>;

export type ActivationProof = { otp: string } | { credential: RegistrationResponseJSON };

export type MethodAvailability = Record<DeviceType, boolean>;
