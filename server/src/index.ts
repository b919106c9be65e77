/**
 * `profile-widget/server`: the API as a library, to mount inside an existing Hono or Node app.
 *
 *   const config = loadConfig(process.env);
 *   const api = createApp({ config, store: await openStore(config.databaseUrl),
 *     verifySession: await createSessionVerifier(config.auth), notifiers: { email: smtpNotifier(config.smtp!) } });
 *   parent.route("/account", api);          // Hono
 *   // or: http.createServer(getRequestListener(api.fetch))   (@hono/node-server)
 *
 * Nothing here reads the environment, opens a port or writes a file until called.
 */
export { createApp, MAX_BODY_BYTES, type AppDeps } from "./app";
export { ConfigError, loadConfig, type Config } from "./config";
export { createLogger, type Log, type LogEntry } from "./log";
export { openStore, type Store } from "./store/db";
export { signingKeyRing, type SigningKeyRing, type SigningKeyOptions } from "./store/signing-keys";
export { createSessionVerifier, type SessionVerifier } from "./auth/verify-session";
export { cacheVerifiedSessions, SESSION_CACHE_BOUNDS, type SessionCacheOptions } from "./auth/session-cache";
export type { Session } from "./services/session";
export { smtpNotifier } from "./notify/email";
export { smsWebhookNotifier, webhookSignature } from "./notify/sms";
export { DeliveryError, type Notifier, type Notifiers, type OtpMessage } from "./notify/types";
export { loadStaticFiles, type StaticFiles } from "./routes/static";
export { createOpenApiDocument, type OpenApiDocument } from "./openapi/document";
export { ApiError, type ErrorBody } from "./errors";
export type { Profile, Address } from "./services/profile";
export type { Device, MfaState, AddedDevice } from "./mfa/types";
export {
  verifyMfaAssertion, MfaAssertionError, type MfaAssertionClaims, type VerifyMfaAssertionOptions,
} from "./mfa/assertions";
