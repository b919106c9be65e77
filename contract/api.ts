/**
 * The API's shapes, as both sides see them: the server answers with these, the widget reads them.
 * Types only; the server's valibot schemas in server/src/api-schemas.ts are checked against them.
 */

export type DeviceType = "sms" | "email" | "totp" | "passkey";
export type DeviceStatus = "ACTIVATION_REQUIRED" | "ACTIVE";

/**
 * The profile (GET/PATCH /api/profile): the read-only username, then every top-level field of the active profile
 * schema (GET /api/profile/schema), null where unset. The named fields are the built-in schema's.
 */
export interface Profile {
  username: string;
  givenName?: string | null;
  familyName?: string | null;
  email?: string | null;
  phone?: string | null;
  address?: Address | null;
  updatedAt: string;
  /** Changes waiting for the code sent to the new address (fields with `x-profile.verify`). */
  pendingChanges: PendingChange[];
  [field: string]: unknown;
}

/** A verified field's new value, waiting for its code: `target` is the new address, masked. */
export interface PendingChange {
  id: string;
  field: string;
  target: string;
  expiresAt: string;
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
  /** The user's recovery codes: how many are left unused, and when they were made; null when there are none. */
  recoveryCodes: RecoveryCodesSummary | null;
}

export interface RecoveryCodesSummary {
  remaining: number;
  createdAt: string;
}

/** How a person proves a second factor: one of their devices' types, or a recovery code. */
export type VerificationMethod = DeviceType | "recovery_code";
export type VerificationPurpose = "sign_in" | "step_up";

/** POST /api/mfa/challenges: a verification started for one device (or for a recovery code). */
export interface MfaChallenge<RequestOptions = Record<string, unknown>> {
  challenge: {
    id: string;
    /** null for a recovery code. */
    deviceId: string | null;
    type: VerificationMethod;
    /** Where the code went, masked (SMS and email); null otherwise. */
    target: string | null;
    purpose: VerificationPurpose;
    expiresAt: string;
    /** SMS and email: when another code may be sent (a new challenge for the same device). */
    resendAvailableAt?: string;
  };
  /** Passkeys: PublicKeyCredentialRequestOptionsJSON for navigator.credentials.get(). */
  webauthn?: RequestOptions;
}

/** POST /api/mfa/challenges/{id}/verify: the signed MFA assertion for the host's backend. */
export interface MfaVerified {
  assertion: string;
  expiresAt: string;
  method: VerificationMethod;
  /** The device that was used (not for a recovery code). */
  device?: Device;
  /** Recovery codes: how many are left after this one. */
  recoveryCodesRemaining?: number;
}

/** POST /api/mfa/recovery-codes: the new codes, shown this once. */
export interface RecoveryCodes {
  codes: string[];
  createdAt: string;
}

/** POST /api/mfa/devices: the pending device, plus what an authenticator app or a passkey needs to finish. */
export interface AddedDevice<CreationOptions = Record<string, unknown>> {
  device: Device;
  /** Authenticator apps: shown once, during setup. */
  totp?: { secret: string; otpauthUri: string; qrSvg: string };
  /** Passkeys: PublicKeyCredentialCreationOptionsJSON for navigator.credentials.create(). */
  webauthn?: CreationOptions;
  /** SMS and email: when another code may be asked for (POST /api/mfa/devices/{id}/resend). */
  resendAvailableAt?: string;
}

/** POST /api/mfa/devices/{id}/resend: the pending device, and when another code may be asked for. */
export interface ResentCode {
  device: Device;
  resendAvailableAt: string;
}

/** POST /api/profile/changes/{id}/resend: the change with its new expiry, and when another code may be asked for. */
export interface ResentChange {
  change: PendingChange;
  resendAvailableAt: string;
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
    /** `validation_failed` only: each field's problem as its JSON Schema keyword and that keyword's parameters. */
    details?: Record<string, FieldProblemDetail>;
  };
}

/** A field's problem in a 422: `{keyword: "maxLength", params: {limit: 100}}`, as Ajv names them. */
export interface FieldProblemDetail {
  keyword: string;
  params: Record<string, unknown>;
}
