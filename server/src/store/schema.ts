import type { Generated } from "kysely";
import type { DeviceStatus, DeviceType } from "../mfa/types";

export type { DeviceStatus, DeviceType };

/** Row types. Timestamps are ISO-8601 strings and booleans 0/1 integers on both engines. */
export interface UsersTable {
  id: string;
  subject: string;
  username: string;
  given_name: string | null;
  family_name: string | null;
  email: string | null;
  phone: string | null;
  street_address: string | null;
  locality: string | null;
  region: string | null;
  postal_code: string | null;
  country_code: string | null;
  mfa_enabled: number;
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
