import type { RegistrationResponseJSON } from "@simplewebauthn/server";
import type { CreationOptions } from "./webauthn";

/** Every kind of device; each has its module (see methods.ts). */
export type DeviceType = "sms" | "email" | "totp" | "passkey";
export type DeviceStatus = "ACTIVATION_REQUIRED" | "ACTIVE";

/** A device as the API shows it: never a code, a secret or a key. */
export interface Device {
  id: string;
  type: DeviceType;
  nickname: string;
  status: DeviceStatus;
  isDefault: boolean;
  /** Masked phone or email; null for authenticator apps and passkeys. */
  target: string | null;
  createdAt: string;
  lastUsedAt: string | null;
}

export interface MfaState {
  enabled: boolean;
  devices: Device[];
  canAddDevice: boolean;
  maxDevices: number;
}

/** The body of POST /api/mfa/devices, one shape per method (see each method's `addBody`). */
export type NewDevice =
  | { type: "sms"; phone: string; nickname?: string }
  | { type: "email"; email: string; nickname?: string }
  | { type: "totp"; nickname?: string }
  | { type: "passkey"; nickname?: string };

export type NewDeviceOf<T extends DeviceType> = Extract<NewDevice, { type: T }>;

/** What enrolment shows the person besides the pending device, once. */
export interface EnrolmentExtras {
  /** Authenticator apps: shown once, during setup. */
  totp?: { secret: string; otpauthUri: string; qrSvg: string };
  /** Passkeys: options for navigator.credentials.create(). */
  webauthn?: CreationOptions;
}

export interface AddedDevice extends EnrolmentExtras {
  device: Device;
}

export type ActivationProof = { otp: string } | { credential: RegistrationResponseJSON };

export type MethodAvailability = Record<DeviceType, boolean>;
