import type { Context, Hono, MiddlewareHandler } from "hono";
import type { Config } from "../config";
import type { ApiError } from "../errors";
import type { MfaService } from "../mfa/service";
import type { VerificationService } from "../mfa/verification";
import type { MethodAvailability } from "../mfa/types";
import type { SchemaName } from "../openapi/schemas";
import type { ActivityService } from "../services/activity";
import type { AccountExport } from "../services/export";
import type { ProfileService } from "../services/profile";
import type { Store } from "../store/db";
import type { SigningKeyRing } from "../store/signing-keys";
import { methodNotAllowed } from "./http";

/** What handlers work with. */
export interface Services {
  config: Config;
  store: Pick<Store, "ping" | "engine">;
  profiles: ProfileService;
  mfa: MfaService;
  verification: VerificationService;
  activity: ActivityService;
  exports: AccountExport;
  /** The device types that can be added here. */
  methods: MethodAvailability;
  /** The keys that sign MFA assertions (their public parts are the JWKS). */
  signingKeys: Pick<SigningKeyRing, "jwks">;
}

export type Tag = "Configuration" | "Profile" | "MFA" | "Devices" | "Verification" | "Activity" | "Operations";
/** Response headers the document describes once (openapi/document.ts). */
export type HeaderName = "X-Request-Id" | "ETag" | "Location" | "Retry-After" | "WWW-Authenticate" | "Cache-Control" | "Content-Disposition";

/**
 * One route, declared once: its handler beside what the OpenAPI document says of it. The app registers the
 * handler (mountRoutes), the document is generated from the same declaration (openapi/document.ts).
 */
export interface ApiRoute {
  method: "get" | "post" | "patch" | "delete";
  /** OpenAPI form: `{id}` for a path parameter. */
  path: string;
  operationId: string;
  tag: Tag;
  summary: string;
  description?: string;
  /** Whether a session token is needed (the default). */
  session?: boolean;
  body?: { schemas: SchemaName[]; required: boolean; examples?: Record<string, unknown> };
  /** Query parameters, all optional. */
  query?: Array<{ name: string; description: string; schema: Record<string, unknown> }>;
  ifMatch?: boolean;
  ok: { status: 200 | 201 | 202 | 204; description: string; schema?: SchemaName; headers?: HeaderName[] };
  /** The errors this route can answer besides the session's, the body's and the database's (added by the document). */
  errors?: ApiError[];
  handle(c: Context, services: Services): Response | Promise<Response>;
}

/**
 * Registers the routes on `app`: the session check on every path that needs one, each handler, and for each
 * path a 405 with `Allow` for its other methods.
 */
export function mountRoutes(app: Hono, routes: readonly ApiRoute[], services: Services, session: MiddlewareHandler): void {
  const byPath = new Map<string, ApiRoute[]>();
  for (const route of routes) byPath.set(route.path, [...(byPath.get(route.path) ?? []), route]);
  for (const [path, list] of byPath) {
    const honoPath = path.replace(/\{(\w+)\}/g, ":$1");
    const needsSession = list.map((route) => route.session ?? true);
    if (new Set(needsSession).size > 1) throw new Error(`${path}: every method of a path needs a session, or none does`);
    // Before the handlers and the 405, as a prefix would: no token, no answer beyond 401.
    if (needsSession[0]) app.use(honoPath, session);
    for (const route of list) app.on(route.method.toUpperCase(), honoPath, (c) => route.handle(c, services));
    app.all(honoPath, methodNotAllowed(list.map((route) => route.method.toUpperCase())));
  }
}
