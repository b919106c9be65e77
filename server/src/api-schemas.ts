import * as v from "valibot";
import type { ErrorBody } from "./errors";
import { DEVICE_TYPES } from "./mfa/methods";
import { ACTIVITY_TYPES } from "./services/activity";
import type { AddedDevice, Device, MfaState } from "./mfa/types";
import type {
  ActivityPage,
  MfaChallenge,
  MfaVerified,
  PendingChange,
  ProfileExport,
  RecoveryCodes,
  ResentChange,
  ResentCode,
} from "../../contract/api";
import type { DeviceStatus, DeviceType } from "./store/schema";

/**
 * What the API answers, as valibot schemas: the OpenAPI document's response schemas are generated
 * from these, and the type checks at the bottom keep them equal to what the handlers return.
 */

const timestamp = v.pipe(v.string(), v.isoTimestamp(), v.description("ISO 8601 UTC timestamp."));
const nullableText = v.nullable(v.string());

/** A verified field's new value waiting for its code (GET and PATCH /api/profile's `pendingChanges`). */
export const PendingChangeSchema = v.object({
  id: v.pipe(v.string(), v.uuid()),
  field: v.pipe(v.string(), v.description("The field's path, like `email`.")),
  target: v.pipe(v.string(), v.description("The new address, masked (`j•••@example.com`, `+1•••••4567`).")),
  expiresAt: timestamp,
});

export const ResentChangeSchema = v.object({
  change: PendingChangeSchema,
  resendAvailableAt: v.pipe(timestamp, v.description("When another code may be asked for (this route again).")),
});

/** The device types, from the registry of methods. */
export const DEVICE_TYPE_VALUES: readonly DeviceType[] = DEVICE_TYPES;
export const DEVICE_STATUS_VALUES = ["ACTIVATION_REQUIRED", "ACTIVE"] as const satisfies readonly DeviceStatus[];

export const DeviceSchema = v.pipe(
  v.object({
    id: v.pipe(v.string(), v.uuid()),
    type: v.picklist(DEVICE_TYPE_VALUES),
    nickname: v.string(),
    status: v.picklist(DEVICE_STATUS_VALUES),
    isDefault: v.boolean(),
    target: v.pipe(
      nullableText,
      v.description("Masked phone number or email address (+1•••••4567, j•••@example.com); null for authenticator apps and passkeys."),
    ),
    createdAt: timestamp,
    lastUsedAt: v.nullable(timestamp),
  }),
  v.description("An MFA device. Codes, secrets and keys never leave the server."),
);

export const DeviceResponseSchema = v.object({ device: DeviceSchema });

export const MfaStateSchema = v.object({
  enabled: v.pipe(v.boolean(), v.description("Whether the user's MFA switch is on.")),
  devices: v.array(DeviceSchema),
  canAddDevice: v.pipe(v.boolean(), v.description("Below the device limit, and at least one device type can be added.")),
  maxDevices: v.pipe(v.number(), v.integer()),
  recoveryCodes: v.pipe(
    v.nullable(v.object({ remaining: v.pipe(v.number(), v.integer(), v.minValue(0)), createdAt: timestamp })),
    v.description("Unused recovery codes left, and when they were made; null when the user has none."),
  ),
});

/** An outline of WebAuthn's PublicKeyCredentialCreationOptionsJSON (v.object lets the other members through). */
const CreationOptionsSchema = v.pipe(
  v.object({
    challenge: v.pipe(v.string(), v.description("base64url")),
    rp: v.object({ name: v.string(), id: v.optional(v.string()) }),
    user: v.object({ id: v.string(), name: v.string(), displayName: v.string() }),
    pubKeyCredParams: v.array(v.object({ type: v.literal("public-key"), alg: v.number() })),
    timeout: v.optional(v.number()),
    excludeCredentials: v.optional(v.array(v.object({ id: v.string(), type: v.string() }))),
    authenticatorSelection: v.optional(v.object({})),
    attestation: v.optional(v.string()),
  }),
  v.description("WebAuthn PublicKeyCredentialCreationOptionsJSON for navigator.credentials.create()."),
);

export const AddedDeviceSchema = v.object({
  device: DeviceSchema,
  totp: v.pipe(
    v.optional(v.object({ secret: v.string(), otpauthUri: v.string(), qrSvg: v.string() })),
    v.description("Authenticator apps only, and only in this answer: the secret (base32), its otpauth:// URI and a QR code (SVG)."),
  ),
  webauthn: v.optional(CreationOptionsSchema),
  resendAvailableAt: v.pipe(
    v.optional(timestamp),
    v.description("SMS and email only: when another code may be asked for (POST /api/mfa/devices/{id}/resend)."),
  ),
});

export const ResentCodeSchema = v.object({
  device: DeviceSchema,
  resendAvailableAt: v.pipe(timestamp, v.description("When another code may be asked for (this route again).")),
});

const VERIFICATION_METHODS = [...DEVICE_TYPES, "recovery_code"] as const;

export const MfaChallengeSchema = v.pipe(
  v.object({
    challenge: v.object({
      id: v.pipe(v.string(), v.uuid()),
      deviceId: v.pipe(v.nullable(v.pipe(v.string(), v.uuid())), v.description("null for a recovery code.")),
      type: v.picklist(VERIFICATION_METHODS),
      target: v.pipe(nullableText, v.description("Where the code went, masked (SMS, email); null otherwise.")),
      purpose: v.picklist(["sign_in", "step_up"]),
      expiresAt: timestamp,
      resendAvailableAt: v.pipe(
        v.optional(timestamp),
        v.description("SMS and email: when another code may be asked for (a new challenge for the same device)."),
      ),
    }),
    webauthn: v.pipe(
      v.optional(
        v.object({
          challenge: v.pipe(v.string(), v.description("base64url")),
          rpId: v.optional(v.string()),
          timeout: v.optional(v.number()),
          allowCredentials: v.optional(v.array(v.object({ id: v.string(), type: v.string() }))),
          userVerification: v.optional(v.string()),
        }),
      ),
      v.description("Passkeys: PublicKeyCredentialRequestOptionsJSON for navigator.credentials.get()."),
    ),
  }),
  v.description("A started verification."),
);

export const MfaVerifiedSchema = v.pipe(
  v.object({
    assertion: v.pipe(v.string(), v.description("Compact JWS (ES256, typ mfa+jwt) for the host's backend to check against the JWKS.")),
    expiresAt: timestamp,
    method: v.picklist(VERIFICATION_METHODS),
    device: v.optional(DeviceSchema),
    recoveryCodesRemaining: v.optional(v.pipe(v.number(), v.integer(), v.minValue(0))),
  }),
  v.description("The verification succeeded."),
);

export const RecoveryCodesSchema = v.pipe(
  v.object({
    codes: v.pipe(v.array(v.string()), v.description("Ten codes, shown only in this answer; each works once.")),
    createdAt: timestamp,
  }),
  v.description("New recovery codes; any earlier ones no longer work."),
);

export const PublicConfigSchema = v.object({
  methods: v.pipe(
    v.object(Object.fromEntries(DEVICE_TYPES.map((type) => [type, v.boolean()])) as Record<DeviceType, v.BooleanSchema<undefined>>),
    v.description("The device types that can be added here: enabled, and deliverable or storable."),
  ),
  maxDevices: v.pipe(v.number(), v.integer()),
  reauthMaxAgeMinutes: v.pipe(v.number(), v.description("How recent a sign-in protected changes need.")),
  sessionMaxAgeMinutes: v.pipe(v.number(), v.description("Sessions older than this (by auth_time, else iat) are expired.")),
});
export type PublicConfig = v.InferOutput<typeof PublicConfigSchema>;

export const ErrorBodySchema = v.pipe(
  v.object({
    error: v.object({
      code: v.pipe(v.string(), v.regex(/^[a-z][a-z0-9_]*$/), v.description("Stable snake_case code to branch on.")),
      message: v.pipe(v.string(), v.description("For people; may change.")),
      fields: v.pipe(
        v.optional(v.record(v.string(), v.string())),
        v.description("Validation failures only: a message per field path, like address.postalCode."),
      ),
      attemptsRemaining: v.pipe(
        v.optional(v.pipe(v.number(), v.integer(), v.minValue(0))),
        v.description("otp_invalid only: wrong codes still allowed."),
      ),
    }),
  }),
  v.description("The one shape every error is answered with."),
);

export const HealthSchema = v.object({ status: v.literal("ok") });
export const ReadinessSchema = v.object({ status: v.literal("ready"), database: v.picklist(["sqlite", "postgres"]) });

export const JwksSchema = v.pipe(
  v.object({
    keys: v.array(
      v.object({
        kty: v.literal("EC"),
        crv: v.literal("P-256"),
        x: v.string(),
        y: v.string(),
        kid: v.string(),
        alg: v.literal("ES256"),
        use: v.literal("sig"),
      }),
    ),
  }),
  v.description("The public keys MFA assertions are signed with: the current one, and the previous one after a rotation."),
);


export const ActivityEventSchema = v.pipe(
  v.object({
    id: v.pipe(v.string(), v.description("Stable and opaque: a page's `next` is its last event's id.")),
    type: v.picklist(ACTIVITY_TYPES),
    at: timestamp,
    ip: v.pipe(nullableText, v.description("The client's address (behind TRUST_PROXY proxies); null when unknown.")),
    userAgent: v.pipe(
      v.object({ browser: nullableText, os: nullableText }),
      v.description("The User-Agent parsed into browser and OS, each with its version (`Chrome 140`, `iOS 18.1`; none for Windows, macOS and ChromeOS, whose User-Agents freeze it); null when unknown."),
    ),
    detail: v.pipe(
      v.object({
        fields: v.optional(v.array(v.string())),
        field: v.optional(v.string()),
        device: v.optional(v.object({ id: v.string(), type: v.picklist(DEVICE_TYPE_VALUES), nickname: nullableText })),
        method: v.optional(v.picklist([...DEVICE_TYPE_VALUES, "recovery_code"])),
        purpose: v.optional(v.picklist(["sign_in", "step_up"])),
        reason: v.optional(v.string()),
        attempts: v.optional(v.pipe(v.number(), v.integer())),
      }),
      v.description("The fields (paths) or the device the event concerns; never a value, a code or a secret."),
    ),
  }),
  v.description("A security event of the signed-in user."),
);

export const ActivityPageSchema = v.object({
  events: v.array(ActivityEventSchema),
  next: v.pipe(nullableText, v.description("Pass as `before` for the next (older) page; null on the last page.")),
});

export const ProfileExportSchema = v.pipe(
  v.object({
    exportedAt: timestamp,
    account: v.object({
      id: v.string(),
      username: v.string(),
      language: v.pipe(nullableText, v.description("The widget's language the user last used; security notices are written in it.")),
      createdAt: timestamp,
      updatedAt: timestamp,
    }),
    profile: v.pipe(v.record(v.string(), v.unknown()), v.description("Every stored profile value, those of fields the schema no longer has included.")),
    pendingChanges: v.array(PendingChangeSchema),
    mfa: v.object({
      enabled: v.boolean(),
      devices: v.array(DeviceSchema),
      recoveryCodes: v.nullable(v.object({ remaining: v.pipe(v.number(), v.integer(), v.minValue(0)), createdAt: timestamp })),
    }),
    activity: v.array(ActivityEventSchema),
  }),
  v.description("Everything stored about the user (GDPR Art. 15 and 20), as one document: no code, secret or key."),
);

// Compile-time proofs that the handlers answer what the document describes.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type Assert<T extends true> = T;
export type _PendingChangeIsDocumented = Assert<Same<v.InferOutput<typeof PendingChangeSchema>, PendingChange>>;
export type _ResentChangeIsDocumented = Assert<Same<v.InferOutput<typeof ResentChangeSchema>, ResentChange>>;
export type _DeviceIsDocumented = Assert<Same<v.InferOutput<typeof DeviceSchema>, Device>>;
export type _ActivityPageIsDocumented = Assert<Same<v.InferOutput<typeof ActivityPageSchema>, ActivityPage>>;
export type _ProfileExportIsDocumented = Assert<Same<v.InferOutput<typeof ProfileExportSchema>, ProfileExport>>;
export type _MfaStateIsDocumented = Assert<Same<v.InferOutput<typeof MfaStateSchema>, MfaState>>;
export type _ErrorBodyIsDocumented = Assert<Same<v.InferOutput<typeof ErrorBodySchema>, ErrorBody>>;
// The creation options are an outline of the library's type, so only "fits" is checked.
export type _AddedDeviceIsDocumented = Assert<AddedDevice extends v.InferInput<typeof AddedDeviceSchema> ? true : false>;
export type _ResentCodeIsDocumented = Assert<Same<v.InferOutput<typeof ResentCodeSchema>, ResentCode>>;
export type _MfaVerifiedIsDocumented = Assert<Same<v.InferOutput<typeof MfaVerifiedSchema>, MfaVerified>>;
export type _RecoveryCodesIsDocumented = Assert<Same<v.InferOutput<typeof RecoveryCodesSchema>, RecoveryCodes>>;
export type _MfaChallengeIsDocumented = Assert<Same<v.InferOutput<typeof MfaChallengeSchema>["challenge"], MfaChallenge["challenge"]>>;
