import type { PublicConfig } from "../api-schemas";
import { errors } from "../errors";
import type { ApiRoute } from "./route";

/** GET /api/config, and the health checks. */
export const CONFIG_ROUTES: ApiRoute[] = [
  {
    method: "get",
    path: "/api/config",
    operationId: "getConfig",
    tag: "Configuration",
    summary: "What this server offers",
    description: "Public: the device types that can be added, the device limit and the re-authentication window.",
    session: false,
    ok: { status: 200, description: "The public configuration.", schema: "PublicConfig", headers: ["Cache-Control"] },
    handle(c, { config, methods }) {
      c.header("Cache-Control", "public, max-age=60");
      return c.json({
        // What can actually be added: enabled, and deliverable (SMS, email).
        methods: { ...methods },
        maxDevices: config.mfa.maxDevices,
        reauthMaxAgeMinutes: config.auth.reauthMaxAgeSeconds / 60,
        sessionMaxAgeMinutes: config.auth.sessionMaxAgeSeconds / 60,
      } satisfies PublicConfig);
    },
  },
];

export const OPERATIONS_ROUTES: ApiRoute[] = [
  {
    method: "get",
    path: "/healthz",
    operationId: "getHealth",
    tag: "Operations",
    summary: "The process is up",
    session: false,
    ok: { status: 200, description: "Up.", schema: "Health" },
    handle: (c) => c.json({ status: "ok" }),
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
    async handle(c, { store }) {
      try {
        await store.ping();
        return c.json({ status: "ready", database: store.engine });
      } catch {
        throw errors.unavailable();
      }
    },
  },
  {
    method: "get",
    path: "/.well-known/jwks.json",
    operationId: "getJwks",
    tag: "Operations",
    summary: "The keys that sign MFA assertions",
    description:
      "Public: the ES256 public keys a host backend checks MFA assertions with (the current key, and the previous one after a rotation). Cacheable for 5 minutes; any origin may read it.",
    session: false,
    ok: { status: 200, description: "A JSON Web Key Set (RFC 7517).", schema: "Jwks", headers: ["Cache-Control"] },
    async handle(c, { signingKeys }) {
      const jwks = await signingKeys.jwks();
      c.header("Cache-Control", "public, max-age=300");
      c.header("Access-Control-Allow-Origin", "*");
      c.header("Cross-Origin-Resource-Policy", "cross-origin");
      return c.json(jwks);
    },
  },
];
