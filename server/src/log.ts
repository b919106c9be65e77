import pino, { type DestinationStream, type Level, type Logger } from "pino";

/** One structured log entry: `msg` says what happened, `level` defaults to info, the rest is context. */
export type LogEntry = Record<string, unknown> & { msg?: string; level?: Level };
export type Log = (entry: LogEntry) => void;

/**
 * Keys whose values are never written, wherever a caller puts them (top level or one object down).
 * Nothing logs them today; this is the net under a future mistake.
 */
const SECRET_KEYS = [
  "authorization",
  "cookie",
  "token",
  "accessToken",
  "idToken",
  "otp",
  "code",
  "secret",
  "totpSecret",
  "secretsKey",
  "password",
  "credential",
  "attestationObject",
  "clientDataJSON",
  "publicKey",
];
export const REDACTED_PATHS = [
  ...SECRET_KEYS,
  ...SECRET_KEYS.map((k) => `*.${k}`),
  "headers.authorization",
  "headers.cookie",
  "headers[\"x-signature\"]",
];

const LEVELS = new Set<string>(["trace", "debug", "info", "warn", "error", "fatal"]);

const ACCESS_KEYS = new Set(["level", "msg", "requestId", "method", "path", "status", "ms"]);
const isAccessLine = (entry: LogEntry) =>
  entry.msg === "request" &&
  Object.keys(entry).every((key) => ACCESS_KEYS.has(key)) &&
  Object.values(entry).every((value) => typeof value === "string" || typeof value === "number");

/**
 * JSON lines (pino) with ISO times and level names; secrets redacted by key. Writes to stdout
 * unless given a destination (tests pass one to read what was logged).
 */
export function createLogger(options: { destination?: DestinationStream; level?: string } = {}): {
  logger: Logger;
  log: Log;
} {
  // Asynchronous: lines written while a write is in flight go out together in the next one
  // (one system call per batch, not per line); pino flushes what is left when the process exits.
  const destination = options.destination ?? pino.destination({ dest: 1, sync: false });
  const settings = {
    level: options.level ?? "info",
    base: { pid: process.pid },
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label: string) => ({ level: label }) },
  };
  const logger = pino({ ...settings, redact: { paths: REDACTED_PATHS, censor: "[redacted]" } }, destination);
  // The per-request line has a fixed shape of values the server itself makes, so it skips the
  // redaction walk (the costliest part of a line); anything else goes through the redacting logger.
  const access = pino(settings, destination);
  const log: Log = (entry) => {
    const { level, msg, ...rest } = entry;
    const method = level && LEVELS.has(level) ? level : "info";
    (isAccessLine(entry) ? access : logger)[method](rest, msg);
  };
  return { logger, log };
}
