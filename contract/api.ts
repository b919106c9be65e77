/**
 * The API's shapes, as both sides see them: the server answers with these, the widget reads them.
 * Types only; the server's valibot schemas in server/src/api-schemas.ts are checked against them.
 */

export type DeviceType = "sms" | "email" | "totp" | "passkey";
export type DeviceStatus = "ACTIVATION_REQUIRED" | "ACTIVE";

/** The profile (GET/PATCH /api/profile). */
export interface Profile {
  username: string;
  givenName: string | null;
  familyName: string | null;
  email: string | null;
  phone: string | null;
  address: Address | null;
  updatedAt: string;
}

export interface Address {
  streetAddress: string | null;
  locality: string | null;
  region: string | null;
  postalCode: string | null;
  countryCode: string | null;
}

/** An MFA device as the API shows it: never a code, a secret or a key; `target` masked (`+1•••••4567`). */
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

/** GET /api/mfa, and the answer of POST /api/mfa/enable and /disable. */
export interface MfaState {
  enabled: boolean;
  devices: Device[];
  canAddDevice: boolean;
  maxDevices: number;
}

/** POST /api/mfa/devices: the pending device, plus what an authenticator app or a passkey needs to finish. */
export interface AddedDevice<CreationOptions = Record<string, unknown>> {
  device: Device;
  /** Authenticator apps: shown once, during setup. */
  totp?: { secret: string; otpauthUri: string; qrSvg: string };
  /** Passkeys: PublicKeyCredentialCreationOptionsJSON for navigator.credentials.create(). */
  webauthn?: CreationOptions;
}

/** GET /api/config. */
export interface PublicConfig {
  /** The device types that can be added here. */
  methods: Record<DeviceType, boolean>;
  maxDevices: number;
  reauthMaxAgeMinutes: number;
  sessionMaxAgeMinutes: number;
}

/** The one error shape every failure is answered with. */
export interface ErrorBody {
  error: {
    code: string;
    message: string;
    fields?: Record<string, string>;
    /** `otp_invalid` only: wrong codes still allowed before the challenge locks. */
    attemptsRemaining?: number;
  };
}
