import type { JsonSchema } from "@valibot/to-json-schema";
import type * as v from "valibot";
import { version } from "../../../package.json";
import { MAX_TOKEN_LENGTH } from "../auth/verify-session";
import { errors, type ApiError } from "../errors";
import { API_ROUTES } from "../routes/api";
import { BODY_ERRORS } from "../routes/body";
import type { ApiRoute, HeaderName } from "../routes/route";
import { builtinProfile, type ProfileDefinition } from "../profile-schema/definition";
import { convertSchemas, SCHEMAS, type SchemaName } from "./schemas";

/**
 * The OpenAPI 3.1 document of the HTTP API, generated from the routes' own declarations (routes/*.ts:
 * what each takes, answers and which error codes it can send) and from the valibot schemas the server
 * validates with (schemas.ts).
 */

export type OpenApiDocument = Record<string, unknown> & {
  openapi: string;
  paths: Record<string, Record<string, OpenApiOperation>>;
  components: { schemas: Record<string, JsonSchema> } & Record<string, unknown>;
};

export interface OpenApiOperation {
  operationId: string;
  summary: string;
  description?: string;
  tags: string[];
  security?: Array<Record<string, string[]>>;
  parameters?: unknown[];
  requestBody?: { required: boolean; description?: string; content: Record<string, { schema: JsonSchema; examples?: Record<string, unknown> }> };
  responses: Record<string, OpenApiResponse>;
}

export interface OpenApiResponse {
  description: string;
  headers?: Record<string, unknown>;
  content?: Record<string, { schema: JsonSchema; examples?: Record<string, { summary: string; value: unknown }> }>;
}

const ref = (name: SchemaName) => ({ $ref: `#/components/schemas/${name}` });

/** Response headers, named once in components. */
const HEADERS: Record<HeaderName, { description: string; schema: Record<string, unknown> }> = {
  "X-Request-Id": { description: "This request's id, as logged by the server.", schema: { type: "string", format: "uuid" } },
  ETag: { description: "The profile's version; send it back in If-Match to change the profile.", schema: { type: "string" } },
  Location: { description: "The new device's URL.", schema: { type: "string" } },
  "Retry-After": { description: "Seconds to wait before trying again.", schema: { type: "integer", minimum: 0 } },
  "WWW-Authenticate": { description: 'Bearer challenge, like `Bearer error="invalid_token"`.', schema: { type: "string" } },
  "Cache-Control": { description: "How long the answer may be cached.", schema: { type: "string" } },
  "Content-Disposition": { description: 'A download: `attachment; filename="…"`.', schema: { type: "string" } },
};
const headerRefs = (names: HeaderName[]) =>
  Object.fromEntries(names.map((name) => [name, { $ref: `#/components/headers/${name}` }]));

/** Every route that reads the user can fail on the session. */
const SESSION_ERRORS = [errors.sessionMissing(), errors.sessionInvalid(), errors.sessionExpired()];

const STATUS_TEXT: Record<number, string> = {
  400: "Bad request",
  401: "Not signed in",
  403: "Forbidden",
  404: "Not found",
  409: "Conflict",
  410: "Gone",
  412: "Precondition failed",
  413: "Payload too large",
  415: "Unsupported media type",
  422: "Validation failed",
  428: "Precondition required",
  429: "Too many requests",
  502: "Bad gateway",
  503: "Unavailable",
};

/** One response per status; each error code it can carry is an example, with the server's own message. */
function errorResponses(list: ApiError[], api: boolean): Record<string, OpenApiResponse> {
  const byStatus = new Map<number, ApiError[]>();
  for (const error of list) {
    const same = byStatus.get(error.status) ?? [];
    if (!same.some((e) => e.code === error.code)) same.push(error);
    byStatus.set(error.status, same);
  }
  const responses: Record<string, OpenApiResponse> = {};
  for (const [status, list] of [...byStatus].sort(([a], [b]) => a - b)) {
    const names: HeaderName[] = api ? ["X-Request-Id"] : [];
    if (status === 401 || list.some((e) => e.code === "reauthentication_required")) names.push("WWW-Authenticate");
    if (status === 429 || status === 503) names.push("Retry-After");
    responses[status] = {
      description: `${STATUS_TEXT[status] ?? "Error"}: ${list.map((e) => `\`${e.code}\``).join(", ")}.`,
      headers: headerRefs(names),
      content: {
        "application/json": {
          schema: ref("ErrorBody"),
          examples: Object.fromEntries(list.map((e) => [e.code, { summary: e.message, value: e.toBody() }])),
        },
      },
    };
  }
  return responses;
}

const DEVICE_ID = { $ref: "#/components/parameters/DeviceId" };

function operationOf(route: ApiRoute): OpenApiOperation {
  const api = route.path.startsWith("/api/");
  const session = route.session ?? true;
  const parameters: unknown[] = [];
  if (route.path.includes("{id}")) parameters.push(DEVICE_ID);
  if (route.ifMatch) parameters.push({ $ref: "#/components/parameters/IfMatch" });
  for (const q of route.query ?? []) parameters.push({ name: q.name, in: "query", required: false, description: q.description, schema: q.schema });

  const listed = [...(session ? SESSION_ERRORS : []), ...(route.body ? BODY_ERRORS : []), ...(route.errors ?? [])];
  // The session and the database can fail on every route that reads the user.
  if (session) listed.push(errors.unavailable());

  const ok = route.ok;
  const okHeaders = headerRefs([...(api ? (["X-Request-Id"] as HeaderName[]) : []), ...(ok.headers ?? [])]);
  const responses: Record<string, OpenApiResponse> = {
    [ok.status]: {
      description: ok.description,
      headers: okHeaders,
      ...(ok.schema ? { content: { "application/json": { schema: ref(ok.schema) } } } : {}),
    },
    ...errorResponses(listed, api),
    default: {
      description: `Anything else, like \`${errors.internal().code}\` (500), in the one error shape.`,
      content: { "application/json": { schema: ref("ErrorBody") } },
    },
  };

  const body = route.body;
  return {
    operationId: route.operationId,
    summary: route.summary,
    ...(route.description ? { description: route.description } : {}),
    tags: [route.tag],
    security: session ? [{ sessionToken: [] }] : [],
    ...(parameters.length ? { parameters } : {}),
    ...(body
      ? {
          requestBody: {
            required: body.required,
            ...(body.required ? {} : { description: "Optional: `{}` or nothing, still sent as `Content-Type: application/json`." }),
            content: {
              "application/json": {
                schema:
                  body.schemas.length === 1
                    ? ref(body.schemas[0] as SchemaName)
                    : { oneOf: body.schemas.map(ref), ...discriminatorOf(body.schemas) },
                ...(body.examples
                  ? { examples: Object.fromEntries(Object.entries(body.examples).map(([k, value]) => [k, { value }])) }
                  : {}),
              },
            },
          },
        }
      : {}),
    responses,
  };
}

/** The add-device bodies are told apart by `type`. */
function discriminatorOf(names: SchemaName[]): Record<string, unknown> {
  const schemas: Record<string, v.GenericSchema> = SCHEMAS;
  const byType = names.map((name) => [name, (schemas[name] as { entries?: { type?: { literal?: unknown } } }).entries?.type?.literal]);
  if (!byType.every(([, literal]) => typeof literal === "string")) return {};
  return {
    discriminator: {
      propertyName: "type",
      mapping: Object.fromEntries(byType.map(([name, literal]) => [literal as string, `#/components/schemas/${name as string}`])),
    },
  };
}

const built = new WeakMap<ProfileDefinition, Omit<OpenApiDocument, "servers">>();

/**
 * Builds the document once per profile schema; `serverUrl` is the server's external origin (PUBLIC_URL), `profile`
 * the active profile schema (the built-in one by default), which the profile's schemas are generated from.
 */
export function createOpenApiDocument(options: { serverUrl?: string; profile?: ProfileDefinition } = {}): OpenApiDocument {
  const profile = options.profile ?? builtinProfile();
  let base = built.get(profile);
  if (!base) {
    base = buildDocument(profile);
    built.set(profile, base);
  }
  return { ...base, ...(options.serverUrl ? { servers: [{ url: options.serverUrl }] } : {}) } as OpenApiDocument;
}

function buildDocument(profile: ProfileDefinition): Omit<OpenApiDocument, "servers"> {
  const paths: OpenApiDocument["paths"] = {};
  for (const route of API_ROUTES) (paths[route.path] ??= {})[route.method] = operationOf(route);
  paths["/openapi.json"] = {
    get: {
      operationId: "getOpenApiDocument",
      summary: "This document",
      description: "OpenAPI 3.1, generated at start from the schemas the server validates with. A readable version is at /docs.",
      tags: ["Operations"],
      security: [],
      responses: {
        200: { description: "The OpenAPI document.", content: { "application/json": { schema: { type: "object" } } } },
      },
    },
  };

  return {
    openapi: "3.1.1",
    jsonSchemaDialect: "https://spec.openapis.org/oas/3.1/dialect/base",
    info: {
      title: "profile-widget API",
      version,
      summary: "Self-service profile and MFA device management for the signed-in user.",
      description:
        "JSON in and out. Send the user's session token (a JWT from your identity provider) as " +
        "`Authorization: Bearer <token>`; never in a query string, body or cookie. Writes (POST, PATCH) must send " +
        "`Content-Type: application/json` and at most 64 KB. Every error has one shape, `ErrorBody`, with a stable " +
        "`code` to branch on. A method a path does not accept answers 405 `method_not_allowed` with `Allow`; an " +
        "unknown path 404 `not_found`.",
      license: { name: "MIT", identifier: "MIT" },
    },
    tags: [
      { name: "Configuration", description: "What this server offers." },
      { name: "Profile", description: "The signed-in user's name, contact details and address." },
      { name: "MFA", description: "The user's multi-factor switch." },
      { name: "Devices", description: "SMS, email, authenticator-app and passkey devices." },
      {
        name: "Verification",
        description: "Proving a device (or a recovery code) at sign-in or before a sensitive change; a signed MFA assertion for the host's backend.",
      },
      { name: "Activity", description: "The user's own security events, and a copy of everything stored about them." },
      { name: "Operations", description: "Health checks and this document." },
    ],
    paths,
    components: {
      schemas: convertSchemas(profile),
      securitySchemes: {
        sessionToken: {
          type: "http",
          scheme: "bearer",
          bearerFormat: "JWT",
          description:
            `The user's session JWT (at most ${MAX_TOKEN_LENGTH} characters), checked against the configured JWKS or ` +
            "public key, AUTH_ISSUER, AUTH_AUDIENCE and the session age (auth_time, else iat).",
        },
      },
      parameters: {
        DeviceId: {
          name: "id",
          in: "path",
          required: true,
          description: "The device's id. Another user's device, or a malformed id, answers 404.",
          schema: { type: "string", format: "uuid" },
        },
        IfMatch: {
          name: "If-Match",
          in: "header",
          required: true,
          description: "The ETag of the profile this change is based on (or `*`). Missing: 428; outdated: 412.",
          schema: { type: "string" },
        },
      },
      headers: HEADERS,
    },
  };
}
