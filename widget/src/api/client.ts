import type {
  AddedDevice as ContractAddedDevice,
  Address,
  Device,
  DeviceType,
  FieldProblemDetail,
  MfaState,
  PendingChange,
  Profile,
  PublicConfig,
} from "../../../contract/api";

export type { Address, Device, DeviceType, FieldProblemDetail, MfaState, PendingChange, Profile };

/** A JSON merge patch of the editable fields: only what changed, `null` clears. */
export type ProfilePatch = Partial<Omit<Profile, "username" | "updatedAt" | "address">> & {
  address?: Partial<Address> | null;
};

/** GET /api/config: the device types that can be added here, and the sign-in windows. */
export type MfaConfig = Pick<PublicConfig, "methods" | "maxDevices" | "reauthMaxAgeMinutes">;

/** POST /api/mfa/devices: the pending device, plus what an authenticator app or a passkey needs to finish. */
export type AddedDevice = ContractAddedDevice;

/**
 * What some errors carry besides their code: wrong codes left (`otp_invalid`), the wait (`rate_limited`), each
 * field's problem as a JSON Schema keyword and its parameters (`validation_failed`).
 */
export interface ApiErrorDetails {
  attemptsRemaining?: number;
  retryAfterSeconds?: number;
  problems?: Record<string, FieldProblemDetail>;
}

/** Every failure the client reports: the server's `{"error":{code,message,fields?}}`, or `network_error`. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly fields?: Record<string, string>,
    readonly details: ApiErrorDetails = {},
  ) {
    super(message);
    this.name = "ApiError";
  }
}

export interface ApiRequest {
  method?: "GET" | "PATCH" | "POST" | "DELETE";
  body?: unknown;
  headers?: Record<string, string>;
  signal?: AbortSignal;
}

export interface ApiResponse<T> {
  data: T;
  etag: string | null;
  /** All of the answer's headers the server lets the page read (e.g. the data export's Content-Disposition). */
  headers: Headers;
}

/**
 * The one fetch wrapper: `baseUrl` may carry a path prefix; `token` goes in the Authorization header only (none for
 * a public resource, such as the profile schema: a simple request, which needs no preflight and caches).
 * Aborts are rethrown untouched so callers can ignore them.
 */
export async function apiRequest<T>(
  baseUrl: string,
  path: string,
  token: string,
  { method = "GET", body, headers, signal }: ApiRequest = {},
): Promise<ApiResponse<T>> {
  let response: Response;
  try {
    response = await fetch(baseUrl.replace(/\/+$/, "") + path, {
      method,
      signal,
      credentials: "omit",
      headers: {
        Accept: "application/json",
        ...(token ? { Authorization: `Bearer ${token}` } : {}),
        ...(body === undefined ? {} : { "Content-Type": "application/json" }),
        ...headers,
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch (error) {
    if (signal?.aborted) throw error;
    throw new ApiError(0, "network_error", error instanceof Error ? error.message : String(error));
  }
  const json: unknown = response.status === 204 ? undefined : await response.json().catch(() => undefined);
  if (!response.ok) {
    const error = (json as { error?: Record<string, unknown> } | undefined)?.error;
    const retryAfter = Number(response.headers.get("Retry-After") || NaN);
    throw new ApiError(
      response.status,
      typeof error?.code === "string" ? error.code : "unknown",
      typeof error?.message === "string" ? error.message : response.statusText,
      error?.fields && typeof error.fields === "object" ? (error.fields as Record<string, string>) : undefined,
      {
        ...(typeof error?.attemptsRemaining === "number" ? { attemptsRemaining: error.attemptsRemaining } : {}),
        ...(retryAfter >= 0 ? { retryAfterSeconds: retryAfter } : {}),
        ...(error?.details && typeof error.details === "object" ? { problems: error.details as Record<string, FieldProblemDetail> } : {}),
      },
    );
  }
  return { data: json as T, etag: response.headers.get("ETag"), headers: response.headers };
}
