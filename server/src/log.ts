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

/**
 * JSON lines (pino) with ISO times and level names; secrets redacted by key. Writes to stdout
 * unless given a destination (tests pass one to read what was logged).
 */
export function createLogger(options: { destination?: DestinationStream; level?: string } = {}): {
  logger: Logger;
  log: Log;
} {
  const logger = pino(
    {
      level: options.level ?? "info",
      base: { pid: process.pid },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      redact: { paths: REDACTED_PATHS, censor: "[redacted]" },
    },
    // Asynchronous: lines written while a write is in flight go out together in the next one
    // (one system call per batch, not per line); pino flushes what is left when the process exits.
    options.destination ?? pino.destination({ dest: 1, sync: false }),
  );
  const log: Log = ({ level, msg, ...rest }) => {
    const method = level && LEVELS.has(level) ? level : "info";
    logger[method](rest, msg);
  };
  return { logger, log };
}
