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

/**
 * A security event as GET /api/activity shows it (the person's own, newest first). The types a person can see:
 * `user.created`; `profile.updated` (`detail.fields`); `profile.change.opened` / `verified` / `code_rejected` /
 * `cancelled` (`detail.field`: a code sent to a new address, the new address confirmed, a wrong code for it, the
 * change cancelled); `mfa.enabled`, `mfa.disabled`; `mfa.recovery_codes.created` / `replaced`;
 * `mfa.device.added` / `activated` / `renamed` / `default_set` / `removed` / `code_rejected` / `discarded`
 * (`detail.device`); `mfa.verification.succeeded` / `failed` (`detail.method`, `detail.purpose`, `detail.device`
 * when a device was used, `detail.reason` when failed). `detail` names fields and devices, never a value, a code or a
 * secret.
 */
export interface ActivityEvent {
  /** Stable and opaque; `next` of a page is the last event's id. */
  id: string;
  type: ActivityType;
  at: string;
  /** The client's address as the server saw it (behind TRUST_PROXY hops), null when unknown. */
  ip: string | null;
  /** Parsed from the User-Agent header; each null when unknown. */
  userAgent: { browser: string | null; os: string | null };
  detail: ActivityDetail;
}

export type ActivityType =
  | "user.created"
  | "profile.updated"
  | "profile.change.opened"
  | "profile.change.verified"
  | "profile.change.code_rejected"
  | "profile.change.cancelled"
  | "mfa.enabled"
  | "mfa.disabled"
  | "mfa.recovery_codes.created"
  | "mfa.recovery_codes.replaced"
  | "mfa.device.added"
  | "mfa.device.activated"
  | "mfa.device.renamed"
  | "mfa.device.default_set"
  | "mfa.device.removed"
  | "mfa.device.code_rejected"
  | "mfa.device.discarded"
  | "mfa.verification.succeeded"
  | "mfa.verification.failed";

export interface ActivityDetail {
  /** profile.updated: the changed fields' paths (`givenName`, `address.postalCode`). */
  fields?: string[];
  /** profile.change.*: the verified field's path (`email`, `phone`). */
  field?: string;
  /** The device concerned; its nickname now, or as it was when it was removed. */
  device?: { id: string; type: DeviceType; nickname: string | null };
  /** mfa.verification.*: how the person proved it, and why. */
  method?: VerificationMethod;
  purpose?: VerificationPurpose;
  /** mfa.verification.failed, mfa.device.discarded: why (`wrong_proof`, `expired`, `user_locked`, `delivery_failed`, …). */
  reason?: string;
  /** *.code_rejected, mfa.verification.failed: wrong tries so far. */
  attempts?: number;
}

/** GET /api/activity?limit=&before=: a page of events; `next` goes in `before` for the next page, null at the end. */
export interface ActivityPage {
  events: ActivityEvent[];
  next: string | null;
}

/** GET /api/profile/export: everything stored about the person, as one document. */
export interface ProfileExport {
  exportedAt: string;
  account: { id: string; username: string; language: string | null; createdAt: string; updatedAt: string };
  profile: Record<string, unknown>;
  pendingChanges: PendingChange[];
  mfa: { enabled: boolean; devices: Device[]; recoveryCodes: RecoveryCodesSummary | null };
  activity: ActivityEvent[];
}
