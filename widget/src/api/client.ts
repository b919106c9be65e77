/** The profile as the server returns it (GET/PATCH /api/profile). */
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

/** A JSON merge patch of the editable fields: only what changed, `null` clears. */
export type ProfilePatch = Partial<Omit<Profile, "username" | "updatedAt" | "address">> & {
  address?: Partial<Address> | null;
};

/** Every failure the client reports: the server's `{"error":{code,message,fields?}}`, or `network_error`. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly fields?: Record<string, string>,
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
}

/**
 * The one fetch wrapper: `baseUrl` may carry a path prefix; `token` goes in the Authorization header only.
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
        Authorization: `Bearer ${token}`,
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
    const error = (json as { error?: { code?: unknown; message?: unknown; fields?: unknown } } | undefined)?.error;
    throw new ApiError(
      response.status,
      typeof error?.code === "string" ? error.code : "unknown",
      typeof error?.message === "string" ? error.message : response.statusText,
      error?.fields && typeof error.fields === "object" ? (error.fields as Record<string, string>) : undefined,
    );
  }
  return { data: json as T, etag: response.headers.get("ETag") };
}
