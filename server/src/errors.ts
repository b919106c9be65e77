import type { ContentfulStatusCode } from "hono/utils/http-status";

/** The one error shape every failure is answered with. */
export interface ErrorBody {
  error: { code: string; message: string; fields?: Record<string, string> };
}

/** A failure meant for the client: status, a stable snake_case code, a human message. */
export class ApiError extends Error {
  override name = "ApiError";
  constructor(
    readonly status: ContentfulStatusCode,
    readonly code: string,
    message: string,
    readonly fields?: Record<string, string>,
    readonly headers?: Record<string, string>,
  ) {
    super(message);
  }

  toBody(): ErrorBody {
    return { error: { code: this.code, message: this.message, ...(this.fields ? { fields: this.fields } : {}) } };
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
  validationFailed: (fields: Record<string, string>) =>
    new ApiError(422, "validation_failed", "Some fields need attention.", fields),
  preconditionRequired: () =>
    new ApiError(428, "precondition_required", "Send the profile's ETag in an If-Match header to change it."),
  versionConflict: () =>
    new ApiError(412, "version_conflict", "The profile was changed elsewhere. Load it again and retry."),
  unavailable: () => new ApiError(503, "service_unavailable", "The service is briefly unavailable. Try again shortly."),
  internal: () => new ApiError(500, "internal_error", "Something went wrong on our side. Try again shortly."),
} as const;
