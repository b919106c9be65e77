import { fstatSync, write as writeFd, writeSync } from "node:fs";
import { isatty } from "node:tty";
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
 * unless given a destination (tests pass one to read what was logged). `flush` waits, at most
 * `timeoutMs`, for what was logged so far to be written out (a given destination: at once).
 */
export function createLogger(options: { destination?: DestinationStream; level?: string } = {}): {
  logger: Logger;
  log: Log;
  flush: (timeoutMs: number) => Promise<void>;
} {
  const output = options.destination ? undefined : stdoutLog();
  const destination = options.destination ?? output!;
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
  return { logger, log, flush: (timeoutMs) => output?.drained(timeoutMs) ?? Promise.resolve() };
}

/** Characters of log lines held while the output doesn't keep up (a stalled reader); lines beyond are dropped and counted. */
export const LOG_BUFFER_CHARS = 1 << 20;
/** At exit, how long a full pipe is waited for before the lines still held are given up. */
const EXIT_FLUSH_MS = 200;
/** A write refused for now (EAGAIN) is tried again after this long. */
const RETRY_MS = 50;
/** Errors after which the output will never take a line again: logging stops, the server does not. */
const GONE = new Set(["EPIPE", "EBADF", "ECONNRESET", "ENOTCONN", "ESHUTDOWN", "EIO", "EINVAL", "ENXIO", "ERR_STREAM_DESTROYED", "ERR_STREAM_WRITE_AFTER_END"]);
const TRY_AGAIN = new Set(["EAGAIN", "EWOULDBLOCK", "EBUSY", "EINTR"]);

type WriteError = (Error & { code?: string }) | null | undefined;
/** Where a LogOutput's batches go. */
export interface LogSink {
  /** Writes all of `text`, then calls `done`; never blocks the thread it runs on, nor one of the thread pool's. */
  write(text: string, done: (error: WriteError) => void): void;
  /** False while bytes handed over earlier still wait for the reader (writing more now would put them out of order). */
  caughtUp(): boolean;
}

let stdoutOutput: LogOutput | undefined;
/** The process's one log output, on file descriptor 1, flushed (within bounds) when the process exits. */
function stdoutLog(): LogOutput {
  if (!stdoutOutput) {
    const output = new LogOutput(stdoutSink(), 1);
    process.once("exit", () => output.flushSync());
    stdoutOutput = output;
  }
  return stdoutOutput;
}

/**
 * Pipes, sockets and terminals are written by the event loop (process.stdout, which puts the
 * descriptor in non-blocking mode), so a reader that stops reading holds up neither a thread nor
 * the exit; a thread pool write to a blocking pipe would wait for the reader, and the exit with it.
 * A file (or /dev/null) is written from the thread pool, as sonic-boom did: it never waits on a reader.
 */
function stdoutSink(): LogSink | undefined {
  let stream;
  try {
    const stat = fstatSync(1);
    if (!stat.isFIFO() && !stat.isSocket() && !isatty(1)) return fileSink(1);
    stream = process.stdout;
  } catch {
    return undefined;
  }
  // A write error reaches the write's callback too; unlistened, the 'error' event would crash the process.
  stream.on("error", () => {});
  return {
    write: (text, done) => void stream.write(text, done),
    caughtUp: () => stream.writableLength === 0,
  };
}

function fileSink(fd: number): LogSink {
  return {
    write(text, done) {
      let bytes = Buffer.from(text);
      const wrote = (error: WriteError, n: number) => {
        if (error) return done(error);
        bytes = bytes.subarray(n);
        if (bytes.length === 0) done(null);
        else writeFd(fd, bytes, wrote);
      };
      writeFd(fd, bytes, wrote);
    },
    // A file never waits on a reader: a write still under way at exit is done, or about to be.
    caughtUp: () => true,
  };
}

const sleeper = new Int32Array(new SharedArrayBuffer(4));

/**
 * Log lines on their way out. What is logged while a write is under way goes out together in the
 * next one (one system call per batch, not per line), LOG_BUFFER_CHARS at most: lines beyond are
 * dropped and counted (and the count logged once the output catches up), so a reader that falls
 * behind costs lines, never memory without bound nor a request's time. An output that is gone
 * (EPIPE, EBADF, ...) drops every line from then on and is never retried. At exit, what is left
 * is written synchronously for EXIT_FLUSH_MS at most, giving up at the first other error.
 */
export class LogOutput implements DestinationStream {
  private pending = "";
  private pendingLines = 0;
  /** A write is under way (or scheduled, or waiting to be retried). */
  private writing = false;
  private gone: boolean;
  private dropped = 0;
  private waiting: Array<() => void> = [];

  constructor(
    private readonly sink: LogSink | undefined,
    private readonly fd: number,
  ) {
    this.gone = !sink;
  }

  write(line: string): void {
    if (this.gone || this.pending.length + line.length > LOG_BUFFER_CHARS) {
      this.dropped++;
      return;
    }
    this.pending += line;
    this.pendingLines++;
    if (!this.writing) {
      this.writing = true;
      setImmediate(this.next);
    }
  }

  private readonly next = () => {
    if (this.pending.length === 0 || this.gone) return this.settled();
    const text = this.pending;
    const lines = this.pendingLines;
    this.pending = "";
    this.pendingLines = 0;
    this.send(text, lines);
  };

  private send(text: string, lines: number) {
    this.sink!.write(text, (error) => {
      const code = error?.code ?? "";
      if (error && TRY_AGAIN.has(code)) {
        setTimeout(() => this.send(text, lines), RETRY_MS).unref();
        return;
      }
      if (error) {
        // Never retried: these lines are lost, and if the output is gone, so is every later one.
        this.dropped += lines;
        if (GONE.has(code)) this.stop();
      }
      this.next();
    });
  }

  private stop() {
    this.gone = true;
    this.dropped += this.pendingLines;
    this.pending = "";
    this.pendingLines = 0;
  }

  /** Nothing left to write: logs how many lines were lost since it last did, and wakes drained(). */
  private settled() {
    this.writing = false;
    if (this.dropped > 0 && !this.gone) {
      const dropped = this.dropped;
      this.dropped = 0;
      this.write(`${JSON.stringify({ level: "warn", time: new Date().toISOString(), pid: process.pid, dropped, msg: "log lines dropped: the log output did not keep up" })}\n`);
      return;
    }
    for (const wake of this.waiting.splice(0)) wake();
  }

  /**
   * Resolves once every line logged so far is written (or lost), or after `timeoutMs`. (Not named
   * flush: pino's logger.flush(cb) would call that with its callback.)
   */
  drained(timeoutMs: number): Promise<void> {
    if (!this.writing) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, timeoutMs);
      this.waiting.push(() => {
        clearTimeout(timer);
        resolve();
      });
    });
  }

  /**
   * At exit, with no event loop left: writes the lines not yet handed over, unless earlier ones
   * still wait for the reader. A full pipe is waited for EXIT_FLUSH_MS at most; any other error
   * ends it at once.
   */
  flushSync(): void {
    if (this.gone || this.pending.length === 0 || !this.sink!.caughtUp()) return;
    const deadline = Date.now() + EXIT_FLUSH_MS;
    let bytes = Buffer.from(this.pending);
    this.stop();
    while (bytes.length > 0) {
      try {
        bytes = bytes.subarray(writeSync(this.fd, bytes));
      } catch (error) {
        if (!TRY_AGAIN.has((error as { code?: string }).code ?? "") || Date.now() >= deadline) return;
        Atomics.wait(sleeper, 0, 0, 5);
      }
    }
  }
}
