import type { ContentfulStatusCode } from "hono/utils/http-status";
import type { ErrorBody } from "../../contract/api";

export type { ErrorBody };

/** A failure meant for the client: status, a stable snake_case code, a human message. */
export class ApiError extends Error {
  override name = "ApiError";
  constructor(
    readonly status: ContentfulStatusCode,
    readonly code: string,
    message: string,
    readonly fields?: Record<string, string>,
    readonly headers?: Record<string, string>,
    readonly details?: { attemptsRemaining?: number; details?: Record<string, { keyword: string; params: Record<string, unknown> }> },
  ) {
    super(message);
  }

  toBody(): ErrorBody {
    return {
      error: { code: this.code, message: this.message, ...(this.fields ? { fields: this.fields } : {}), ...this.details },
    };
  }
}

const bearer = (error: string, description: string) => ({
  "WWW-Authenticate": `Bearer error="${error}", error_description="${description}"`,
});

/** Every error the API answers, in one table, so codes and statuses stay consistent. */
export const errors = {
  sessionMissing: () =>
    new ApiError(401, "session_missing", "Sign in to continue: no session token was sent.", undefined, {
      "WWW-Authenticate": "Bearer",
    }),
  sessionInvalid: (why = "The session token is not valid.") =>
    new ApiError(401, "session_invalid", why, undefined, bearer("invalid_token", "invalid token")),
  sessionExpired: () =>
    new ApiError(401, "session_expired", "Your session has expired. Sign in again to continue.", undefined,
      bearer("invalid_token", "session expired")),
  reauthenticationRequired: () =>
    new ApiError(403, "reauthentication_required", "Sign in again to make this change: it needs a recent sign-in.",
      undefined, bearer("insufficient_user_authentication", "recent authentication required")),
  notFound: () => new ApiError(404, "not_found", "There is nothing at this address."),
  methodNotAllowed: (allow: string[]) =>
    new ApiError(405, "method_not_allowed", `This address accepts ${allow.join(", ")} only.`, undefined, {
      Allow: allow.join(", "),
    }),
  payloadTooLarge: (limit: number) =>
    new ApiError(413, "payload_too_large", `The request body is larger than ${limit} bytes.`),
  unsupportedMediaType: () =>
    new ApiError(415, "unsupported_media_type", "Send the request body as JSON (Content-Type: application/json)."),
  invalidJson: () => new ApiError(400, "invalid_json", "The request body is not valid JSON."),
  invalidBody: (message: string) => new ApiError(400, "invalid_request", message),
  unknownFields: (fields: Record<string, string>) =>
    new ApiError(400, "unknown_field", `These fields cannot be set: ${Object.keys(fields).join(", ")}.`, fields),
  /** `details` says each field's problem as its JSON Schema keyword and parameters, for clients that word it themselves. */
  validationFailed: (fields: Record<string, string>, details?: Record<string, { keyword: string; params: Record<string, unknown> }>) =>
    new ApiError(422, "validation_failed", "Some fields need attention.", fields, undefined, details ? { details } : undefined),
  preconditionRequired: () =>
    new ApiError(428, "precondition_required", "Send the profile's ETag in an If-Match header to change it."),
  versionConflict: () =>
    new ApiError(412, "version_conflict", "The profile was changed elsewhere. Load it again and retry."),
  /** `kind` is how a person calls the device type ("SMS", "authenticator app"): each method's `kind`. */
  methodDisabled: (kind: string) => new ApiError(403, "method_disabled", `Adding ${kind} devices is not available here.`),
  deviceLimitReached: (max: number) =>
    new ApiError(409, "device_limit_reached", `You already have the most devices allowed (${max}). Remove one to add another.`),
  deviceAlreadyActive: () =>
    new ApiError(409, "device_already_active", "This device is already verified."),
  deviceNotActive: () =>
    new ApiError(409, "device_not_active", "Verify this device before making it the default."),
  resendNotSupported: () =>
    new ApiError(409, "resend_not_supported", "Only SMS and email devices are sent codes."),
  lastDevice: () =>
    new ApiError(409, "last_device", "This is your last verified device. Add another one or turn off MFA before removing it."),
  otpInvalid: (attemptsRemaining: number) =>
    new ApiError(400, "otp_invalid",
      `That code is not right. ${attemptsRemaining} ${attemptsRemaining === 1 ? "attempt" : "attempts"} left.`,
      undefined, undefined, { attemptsRemaining }),
  otpExpired: () => new ApiError(410, "otp_expired", "This code has expired. Ask for a new one."),
  tooManyAttempts: () =>
    new ApiError(429, "too_many_attempts", "Too many wrong codes. Remove this device and add it again."),
  rateLimited: (retryAfterSeconds: number) =>
    new ApiError(429, "rate_limited", `Too many codes were sent. Try again in ${retryAfterSeconds} seconds.`, undefined, {
      "Retry-After": String(retryAfterSeconds),
    }),
  deliveryFailed: (channel: "sms" | "email") =>
    new ApiError(502, "delivery_failed",
      `The ${channel === "sms" ? "text message" : "email"} could not be sent. Check the ${channel === "sms" ? "number" : "address"} or try again later.`),
  /** A verified profile field's new address can't be sent its code: no SMTP or SMS gateway is configured. */
  verificationUnavailable: (channel: "sms" | "email") =>
    new ApiError(503, "verification_unavailable",
      `${channel === "sms" ? "Text messages" : "Emails"} can't be sent from here, so this ${channel === "sms" ? "phone number" : "email address"} can't be confirmed. Keep the current one for now.`),
  /** A pending profile change after five wrong codes: a new one is opened by saving the field again. */
  changeLocked: () =>
    new ApiError(429, "too_many_attempts", "Too many wrong codes. Save the new value again to get a new code, or cancel the change."),
  challengeExpired: () =>
    new ApiError(410, "challenge_expired", "This passkey request has expired or was already used. Start again."),
  passkeyInvalid: () => new ApiError(400, "passkey_invalid", "The passkey could not be verified. Try again."),
  passkeyAlreadyRegistered: () =>
    new ApiError(409, "passkey_already_registered", "This passkey is already registered."),
  mfaNotEnabled: () =>
    new ApiError(409, "mfa_not_enabled", "MFA is not on for this account, or it has no verified device yet."),
  noRecoveryCodes: () =>
    new ApiError(409, "no_recovery_codes", "This account has no unused recovery codes."),
  verificationExpired: () =>
    new ApiError(410, "challenge_expired", "This verification has expired or was already used. Start again."),
  verificationLocked: () =>
    new ApiError(429, "too_many_attempts", "Too many wrong codes for this verification. Start again with a new one."),
  verificationsLocked: (retryAfterSeconds: number) =>
    new ApiError(429, "too_many_attempts",
      `Too many failed verifications. Try again in ${Math.ceil(retryAfterSeconds / 60)} ${Math.ceil(retryAfterSeconds / 60) === 1 ? "minute" : "minutes"}.`,
      undefined, { "Retry-After": String(retryAfterSeconds) }),
  unavailable: () => new ApiError(503, "service_unavailable", "The service is briefly unavailable. Try again shortly."),
  internal: () => new ApiError(500, "internal_error", "Something went wrong on our side. Try again shortly."),
} as const;
