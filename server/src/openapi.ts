import { toJsonSchemaDefs, type ConversionConfig, type JsonSchema } from "@valibot/to-json-schema";
import type * as v from "valibot";
import { version } from "../../package.json";
import {
  AddedDeviceSchema,
  AddressSchema,
  DeviceResponseSchema,
  DeviceSchema,
  ErrorBodySchema,
  HealthSchema,
  MfaStateSchema,
  ProfileSchema,
  PublicConfigSchema,
  ReadinessSchema,
} from "./api-schemas";
import { MAX_TOKEN_LENGTH } from "./auth/verify-session";
import { errors, type ApiError } from "./errors";
import type { MfaMethod } from "./mfa/method";
import { ADD_DEVICE_EXAMPLES, ADD_DEVICE_SCHEMAS, METHODS } from "./mfa/methods";
import { Empty, OtpActivation, PasskeyActivation, Rename } from "./routes/mfa";
import { ProfilePatchSchema } from "./services/profile-schema";

/**
 * The OpenAPI 3.1 document of the HTTP API. Every schema in it is converted from the valibot
 * schemas the server validates requests with (and describes its answers with, api-schemas.ts);
 * this file only says which route takes and answers which, and which error codes it can send.
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

const SCHEMAS = {
  PublicConfig: PublicConfigSchema,
  Profile: ProfileSchema,
  Address: AddressSchema,
  ProfilePatch: ProfilePatchSchema,
  MfaState: MfaStateSchema,
  Device: DeviceSchema,
  DeviceResponse: DeviceResponseSchema,
  AddedDevice: AddedDeviceSchema,
  ...ADD_DEVICE_SCHEMAS,
  OtpActivation,
  PasskeyActivation,
  RenameDevice: Rename,
  EmptyBody: Empty,
  ErrorBody: ErrorBodySchema,
  Health: HealthSchema,
  Readiness: ReadinessSchema,
} satisfies Record<string, v.GenericSchema>;

/** The named schemas, and each MFA method's add-device body (`Add…Device`, from the registry of methods). */
type SchemaName = keyof typeof SCHEMAS | MfaMethod["schemaName"];

/** Actions that reshape a value before it is checked; JSON Schema describes the shape, so they add nothing. */
const NORMALIZING_ACTIONS = new Set(["trim", "to_upper_case", "to_lower_case", "transform"]);

/**
 * Converts the valibot schemas to JSON Schema 2020-12 (OpenAPI 3.1's dialect). What JSON Schema
 * cannot say is handled here on purpose, and anything else unconvertible fails the generation
 * (and so the server's start and the tests) instead of being dropped silently.
 */
function convertSchemas(): Record<SchemaName, JsonSchema> {
  const unconvertible: string[] = [];
  const config: ConversionConfig = {
    target: "draft-2020-12",
    // Pipes with a second schema (a normalized value checked again) are converted whole, on purpose.
    errorMode: "ignore",
    overrideRef: ({ referenceId }) => `#/components/schemas/${referenceId}`,
    overrideAction({ valibotAction, jsonSchema, errors: problems }) {
      if (!problems) return undefined;
      if (NORMALIZING_ACTIONS.has(valibotAction.type)) return jsonSchema;
      if (valibotAction.type === "check") {
        // A check's message says what it checks: the best description JSON Schema can carry.
        const message = (valibotAction as { message?: unknown }).message;
        return typeof message === "string" ? { ...jsonSchema, description: joinText(jsonSchema.description, message) } : jsonSchema;
      }
      unconvertible.push(`action "${valibotAction.type}": ${problems.join("; ")}`);
      return undefined;
    },
    overrideSchema({ valibotSchema, jsonSchema, errors: problems }) {
      // v.custom only guards the object schema that follows it in the pipe, which carries the shape.
      if (valibotSchema.type === "custom") return {};
      if (valibotSchema.type === "nullable" && jsonSchema.type === "string" && Array.isArray(jsonSchema.anyOf)) {
        return clearableText(jsonSchema);
      }
      if (problems) unconvertible.push(`schema "${valibotSchema.type}": ${problems.join("; ")}`);
      return undefined;
    },
  };
  const converted = toJsonSchemaDefs(SCHEMAS, config);
  if (unconvertible.length > 0) throw new Error(`OpenAPI: cannot describe ${unconvertible.join(", ")}`);
  return converted;
}

/**
 * The profile's text fields are `string → trimmed → "" becomes null → checked again as
 * string-or-null`. Converted whole, that reads "a string that is a string or null"; what a client
 * may send is a string meeting the checks, or a blank string, which clears the field.
 */
function clearableText(schema: JsonSchema): JsonSchema {
  const { anyOf, ...outer } = schema;
  const checked = (anyOf as JsonSchema[]).filter((branch) => branch.type !== "null");
  const constrained = checked.filter((branch) => Object.keys(branch).some((key) => key !== "type"));
  const description = joinText(outer.description, 'A blank string clears it, like null.');
  if (constrained.length === 0) return { ...outer, description };
  return { ...outer, description, anyOf: [...constrained, { type: "string", pattern: "^\\s*$" }] };
}

function joinText(first: unknown, second: string): string {
  return typeof first === "string" && first !== "" ? `${first} ${second}` : second;
}

const ref = (name: SchemaName) => ({ $ref: `#/components/schemas/${name}` });

/** Response headers, named once in components. */
const HEADERS = {
  "X-Request-Id": { description: "This request's id, as logged by the server.", schema: { type: "string", format: "uuid" } },
  ETag: { description: "The profile's version; send it back in If-Match to change the profile.", schema: { type: "string" } },
  Location: { description: "The new device's URL.", schema: { type: "string" } },
  "Retry-After": { description: "Seconds to wait before trying again.", schema: { type: "integer", minimum: 0 } },
  "WWW-Authenticate": { description: 'Bearer challenge, like `Bearer error="invalid_token"`.', schema: { type: "string" } },
  "Cache-Control": { description: "How long the answer may be cached.", schema: { type: "string" } },
};
type HeaderName = keyof typeof HEADERS;
const headerRefs = (names: HeaderName[]) =>
  Object.fromEntries(names.map((name) => [name, { $ref: `#/components/headers/${name}` }]));

const SAMPLE_FIELDS = { "address.postalCode": "Enter a valid postal code: letters, digits, spaces and hyphens." };

/** Errors every route of a kind can answer: sessions, request bodies, the database. */
const SESSION_ERRORS = [errors.sessionMissing(), errors.sessionInvalid(), errors.sessionExpired()];
const BODY_ERRORS = [errors.invalidJson(), errors.payloadTooLarge(64 * 1024), errors.unsupportedMediaType()];
const OBJECT_BODY_ERRORS = [
  errors.invalidBody("The body must be a JSON object."),
  errors.unknownFields({ colour: "Unknown field." }),
  errors.validationFailed(SAMPLE_FIELDS),
];

interface Route {
  method: "get" | "post" | "patch" | "delete";
  /** OpenAPI form: `{id}` for a path parameter. */
  path: string;
  operationId: string;
  tag: "Configuration" | "Profile" | "MFA" | "Devices" | "Operations";
  summary: string;
  description?: string;
  /** Whether a session token is needed (the default). */
  session?: boolean;
  body?: { schemas: SchemaName[]; required: boolean; examples?: Record<string, unknown> };
  ifMatch?: boolean;
  ok: { status: 200 | 201 | 202 | 204; description: string; schema?: SchemaName; headers?: HeaderName[] };
  errors?: ApiError[];
}

const DEVICE_ID = { $ref: "#/components/parameters/DeviceId" };

const ROUTES: Route[] = [
  {
    method: "get",
    path: "/api/config",
    operationId: "getConfig",
    tag: "Configuration",
    summary: "What this server offers",
    description: "Public: the device types that can be added, the device limit and the re-authentication window.",
    session: false,
    ok: { status: 200, description: "The public configuration.", schema: "PublicConfig", headers: ["Cache-Control"] },
  },
  {
    method: "get",
    path: "/api/profile",
    operationId: "getProfile",
    tag: "Profile",
    summary: "Read the signed-in user's profile",
    description: "The user is found by the token's `sub`, and created on the first visit.",
    ok: { status: 200, description: "The profile.", schema: "Profile", headers: ["ETag"] },
  },
  {
    method: "patch",
    path: "/api/profile",
    operationId: "updateProfile",
    tag: "Profile",
    summary: "Change the profile",
    description:
      "A JSON merge patch (RFC 7396) of the editable fields: send only what changes; null or a blank string clears " +
      "a field; `address` is merged field by field, and `\"address\": null` clears it all. `username` and other " +
      "read-only fields answer 400. A change of email or phone needs a recent sign-in (`auth_time`).",
    ifMatch: true,
    body: {
      schemas: ["ProfilePatch"],
      required: true,
      examples: {
        name: { givenName: "Ada", familyName: "Lovelace" },
        address: { address: { streetAddress: "12 St James's Square", locality: "London", postalCode: "SW1Y 4JH", countryCode: "GB" } },
        contact: { email: "ada@example.com", phone: "+442071234567" },
      },
    },
    ok: { status: 200, description: "The saved profile.", schema: "Profile", headers: ["ETag"] },
    errors: [
      ...OBJECT_BODY_ERRORS,
      errors.reauthenticationRequired(),
      errors.versionConflict(),
      errors.preconditionRequired(),
    ],
  },
  {
    method: "get",
    path: "/api/mfa",
    operationId: "getMfa",
    tag: "MFA",
    summary: "MFA state and devices",
    ok: { status: 200, description: "The user's MFA switch and devices.", schema: "MfaState" },
  },
  {
    method: "post",
    path: "/api/mfa/enable",
    operationId: "enableMfa",
    tag: "MFA",
    summary: "Turn MFA on",
    description: "No device is needed yet: the flow adds one next.",
    body: { schemas: ["EmptyBody"], required: false },
    ok: { status: 200, description: "The new MFA state.", schema: "MfaState" },
    errors: [errors.invalidBody("The body must be a JSON object."), errors.unknownFields({ colour: "Unknown field." })],
  },
  {
    method: "post",
    path: "/api/mfa/disable",
    operationId: "disableMfa",
    tag: "MFA",
    summary: "Turn MFA off",
    description: "Needs a recent sign-in.",
    body: { schemas: ["EmptyBody"], required: false },
    ok: { status: 200, description: "The new MFA state.", schema: "MfaState" },
    errors: [
      errors.invalidBody("The body must be a JSON object."),
      errors.unknownFields({ colour: "Unknown field." }),
      errors.reauthenticationRequired(),
    ],
  },
  {
    method: "post",
    path: "/api/mfa/devices",
    operationId: "addDevice",
    tag: "Devices",
    summary: "Start adding a device",
    description:
      "Creates a device awaiting activation. SMS and email devices are sent a 6-digit code; an authenticator app " +
      "gets its secret (`totp`, shown only now); a passkey gets WebAuthn creation options (`webauthn`). " +
      "Finish with POST /api/mfa/devices/{id}/activate. Needs a recent sign-in (`auth_time` within " +
      "REAUTH_MAX_AGE_MINUTES), so an old session cannot bind a second factor of its own.",
    body: {
      schemas: METHODS.map((m) => m.schemaName),
      required: true,
      examples: ADD_DEVICE_EXAMPLES,
    },
    ok: { status: 201, description: "The pending device (status ACTIVATION_REQUIRED).", schema: "AddedDevice", headers: ["Location"] },
    errors: [
      ...OBJECT_BODY_ERRORS,
      errors.methodDisabled("sms"),
      errors.reauthenticationRequired(),
      errors.deviceLimitReached(5),
      errors.rateLimited(30),
      errors.deliveryFailed("sms"),
    ],
  },
  {
    method: "post",
    path: "/api/mfa/devices/{id}/activate",
    operationId: "activateDevice",
    tag: "Devices",
    summary: "Activate a device",
    description:
      "With the code that was sent (SMS, email) or shown by the authenticator app, or with the passkey the " +
      "browser created (navigator.credentials.create() with the options from adding it). Five wrong codes lock it.",
    body: {
      schemas: ["OtpActivation", "PasskeyActivation"],
      required: true,
      examples: { otp: { otp: "123456" } },
    },
    ok: { status: 200, description: "The device, now ACTIVE.", schema: "DeviceResponse" },
    errors: [
      ...OBJECT_BODY_ERRORS,
      errors.otpInvalid(4),
      errors.passkeyInvalid(),
      errors.methodDisabled("totp"),
      errors.notFound(),
      errors.deviceAlreadyActive(),
      errors.passkeyAlreadyRegistered(),
      errors.otpExpired(),
      errors.challengeExpired(),
      errors.tooManyAttempts(),
    ],
  },
  {
    method: "post",
    path: "/api/mfa/devices/{id}/resend",
    operationId: "resendCode",
    tag: "Devices",
    summary: "Send a new code",
    description: "SMS and email devices awaiting activation only; rate limited per device and per user.",
    body: { schemas: ["EmptyBody"], required: false },
    ok: { status: 202, description: "A new code is on its way.", schema: "DeviceResponse" },
    errors: [
      errors.invalidBody("The body must be a JSON object."),
      errors.unknownFields({ colour: "Unknown field." }),
      errors.methodDisabled("email"),
      errors.notFound(),
      errors.deviceAlreadyActive(),
      errors.resendNotSupported(),
      errors.rateLimited(30),
      errors.tooManyAttempts(),
      errors.deliveryFailed("email"),
    ],
  },
  {
    method: "post",
    path: "/api/mfa/devices/{id}/default",
    operationId: "makeDefaultDevice",
    tag: "Devices",
    summary: "Make a device the default",
    body: { schemas: ["EmptyBody"], required: false },
    ok: { status: 200, description: "The device, now the default.", schema: "DeviceResponse" },
    errors: [
      errors.invalidBody("The body must be a JSON object."),
      errors.unknownFields({ colour: "Unknown field." }),
      errors.notFound(),
      errors.deviceNotActive(),
    ],
  },
  {
    method: "patch",
    path: "/api/mfa/devices/{id}",
    operationId: "renameDevice",
    tag: "Devices",
    summary: "Rename a device",
    body: { schemas: ["RenameDevice"], required: true, examples: { rename: { nickname: "Work phone" } } },
    ok: { status: 200, description: "The renamed device.", schema: "DeviceResponse" },
    errors: [...OBJECT_BODY_ERRORS, errors.notFound()],
  },
  {
    method: "delete",
    path: "/api/mfa/devices/{id}",
    operationId: "removeDevice",
    tag: "Devices",
    summary: "Remove a device",
    description:
      "An active device needs a recent sign-in; one still awaiting activation does not (that is how an unfinished " +
      "setup is cancelled). While MFA is on, the last active device cannot be removed. Removing the default " +
      "promotes the next active device.",
    ok: { status: 204, description: "Removed." },
    errors: [errors.reauthenticationRequired(), errors.notFound(), errors.lastDevice()],
  },
  {
    method: "get",
    path: "/healthz",
    operationId: "getHealth",
    tag: "Operations",
    summary: "The process is up",
    session: false,
    ok: { status: 200, description: "Up.", schema: "Health" },
  },
  {
    method: "get",
    path: "/readyz",
    operationId: "getReadiness",
    tag: "Operations",
    summary: "The database answers",
    session: false,
    ok: { status: 200, description: "Ready to serve.", schema: "Readiness" },
    errors: [errors.unavailable()],
  },
];

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

function operationOf(route: Route): OpenApiOperation {
  const api = route.path.startsWith("/api/");
  const session = route.session ?? true;
  const parameters: unknown[] = [];
  if (route.path.includes("{id}")) parameters.push(DEVICE_ID);
  if (route.ifMatch) parameters.push({ $ref: "#/components/parameters/IfMatch" });

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

let base: Omit<OpenApiDocument, "servers"> | undefined;

/** Builds the document once per process; `serverUrl` is the server's external origin (PUBLIC_URL). */
export function createOpenApiDocument(options: { serverUrl?: string } = {}): OpenApiDocument {
  base ??= buildDocument();
  return { ...base, ...(options.serverUrl ? { servers: [{ url: options.serverUrl }] } : {}) } as OpenApiDocument;
}

function buildDocument(): Omit<OpenApiDocument, "servers"> {
  const paths: OpenApiDocument["paths"] = {};
  for (const route of ROUTES) (paths[route.path] ??= {})[route.method] = operationOf(route);
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
      { name: "Operations", description: "Health checks and this document." },
    ],
    paths,
    components: {
      schemas: convertSchemas(),
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
