import type { ColumnType, Generated } from "kysely";
import type { DeviceStatus, DeviceType } from "../mfa/types";

export type { DeviceStatus, DeviceType };

/** Row types. Timestamps are ISO-8601 strings and booleans 0/1 integers on both engines. */
export interface UsersTable {
  id: string;
  subject: string;
  username: string;
  /**
   * The profile document: the schema's values without nulls. SQLite keeps JSON text; PostgreSQL's jsonb comes back
   * parsed. Written as JSON text on both (store/users.ts reads it either way).
   */
  profile: ColumnType<string | Record<string, unknown>, string | undefined, string>;
  mfa_enabled: number;
  /** The widget's language the person last used (a NOTICE_LANGUAGES tag): security notices are written in it. */
  locale: string | null;
  version: number;
  created_at: string;
  updated_at: string;
}

export interface AuditEventsTable {
  id: Generated<number>;
  user_id: string;
  action: string;
  detail: string;
  created_at: string;
  /** The client's address and User-Agent of the request that caused it; null outside a request. */
  ip: string | null;
  user_agent: string | null;
}

export interface MfaDevicesTable {
  id: string;
  user_id: string;
  type: DeviceType;
  nickname: string;
  status: DeviceStatus;
  is_default: number;
  /** Phone (E.164) or email address the codes go to; null for TOTP and passkeys. */
  target: string | null;
  /** AES-256-GCM ciphertext of the TOTP secret (see mfa/totp-codes.ts). */
  totp_secret: string | null;
  totp_last_step: number | null;
  /** Wrong TOTP codes during setup (delivered codes count theirs on otp_challenges). */
  failed_attempts: number;
  credential_id: string | null;
  credential_public_key: string | null;
  /** bigint: PostgreSQL hands it back as a string. */
  credential_counter: number | string | null;
  credential_transports: string | null;
  created_at: string;
  activated_at: string | null;
  last_used_at: string | null;
}

export interface OtpChallengesTable {
  device_id: string;
  code_hash: string;
  expires_at: string;
  attempts: number;
  consumed: number;
  sent_at: string;
}

export interface WebauthnChallengesTable {
  device_id: string;
  user_id: string;
  challenge: string;
  expires_at: string;
  consumed: number;
}

export interface RateLimitsTable {
  key: string;
  window_start: string;
  count: number;
}

export interface OutboxTable {
  id: Generated<number>;
  channel: "sms" | "email";
  recipient: string;
  text: string;
  created_at: string;
  /** The subject of the session whose request sent it (demo mode); null when no session sent it. */
  owner: string | null;
}

export interface Database {
  users: UsersTable;
  audit_events: AuditEventsTable;
  mfa_devices: MfaDevicesTable;
  otp_challenges: OtpChallengesTable;
  webauthn_challenges: WebauthnChallengesTable;
  rate_limits: RateLimitsTable;
  outbox: OutboxTable;
  mfa_signing_keys: MfaSigningKeysTable;
  mfa_challenges: MfaChallengesTable;
  recovery_codes: RecoveryCodesTable;
  mfa_lockouts: MfaLockoutsTable;
  mfa_step_ups: MfaStepUpsTable;
  profile_changes: ProfileChangesTable;
  security_notices: SecurityNoticesTable;
}

/**
 * A security notice waiting to be emailed (store/security-notices.ts), written with the change it tells of. The
 * pending ones of one recipient go out as one message once the oldest is due; a failed delivery is tried again later.
 */
export interface SecurityNoticesTable {
  id: Generated<number>;
  user_id: string;
  recipient: string;
  kind: string;
  /** JSON: what the message names (the device's type and nickname, the masked new address, codes left). */
  detail: string;
  created_at: string;
  state: "pending" | "sent" | "failed";
  next_attempt_at: string;
  attempts: number;
  /** The dispatcher run that is sending it, until `claimed_until`. */
  claim: string | null;
  claimed_until: string | null;
  sent_at: string | null;
  last_error: string | null;
}

/** A verified field's new value waiting for the code sent to it (services/profile-changes.ts); one per user and field. */
export interface ProfileChangesTable {
  id: string;
  user_id: string;
  /** The field's path, like `email`. */
  field: string;
  kind: "email" | "phone";
  /** The new value, as it will be stored. */
  value: string;
  /** Keyed hash of the code, bound to this change's id (mfa/one-time-codes.ts hashOtp). */
  code_hash: string;
  expires_at: string;
  attempts: number;
  consumed: number;
  sent_at: string;
  created_at: string;
}

/** A verification of an active device, or of a recovery code (device_id null). */
export interface MfaChallengesTable {
  id: string;
  user_id: string;
  device_id: string | null;
  method: "sms" | "email" | "totp" | "passkey" | "recovery_code";
  purpose: "sign_in" | "step_up";
  nonce: string | null;
  /** SMS and email: the keyed hash of the code sent. */
  code_hash: string | null;
  /** Passkeys: the WebAuthn challenge (base64url). */
  webauthn_challenge: string | null;
  attempts: number;
  consumed: number;
  created_at: string;
  expires_at: string;
}

export interface RecoveryCodesTable {
  user_id: string;
  /** Keyed hash of the normalized code (mfa/recovery-codes.ts); the code itself is shown once. */
  code_hash: string;
  created_at: string;
  used_at: string | null;
}

export interface MfaLockoutsTable {
  user_id: string;
  window_start: string;
  failures: number;
  locked_until: string | null;
}

export interface MfaStepUpsTable {
  /** SHA-256 of the user and the session (sid, else jti, else the token), base64url. */
  session_key: string;
  user_id: string;
  expires_at: string;
}

/** Keys that sign MFA assertions (store/signing-keys.ts). */
export interface MfaSigningKeysTable {
  kid: string;
  /** The public JWK, as JSON. */
  public_jwk: string;
  /** AES-256-GCM of the PKCS#8 private key under a key derived from SECRETS_KEY for this kid; null once it no longer signs. */
  private_key: string | null;
  /** 1 for the one key that signs (a partial unique index keeps it one). */
  is_current: number;
  /** 1 while the public key is in the JWKS: the current key and the one before it. */
  published: number;
  created_at: string;
}
