import type { Readable } from "node:stream";
import type { Context } from "hono";
import { errors } from "../errors";

/** The largest request body accepted, in bytes. */
export const MAX_BODY_BYTES = 64 * 1024;

/** Refuses (413) a request whose Content-Length is over MAX_BODY_BYTES, before anything is read. */
export function refuseDeclaredOversize(c: Context): void {
  if (Number(c.req.header("Content-Length") ?? 0) > MAX_BODY_BYTES) throw errors.payloadTooLarge(MAX_BODY_BYTES);
}

/**
 * The request body as text, refused with 413 past MAX_BODY_BYTES however it is sent (the app's
 * write guard has already refused an oversized Content-Length). On Node the bytes are read straight
 * from the socket's message, which spares building a web Request and stream for a few hundred bytes.
 */
export async function readBodyText(c: Context): Promise<string> {
  const incoming = (c.env as { incoming?: Readable } | undefined)?.incoming;
  const source: AsyncIterable<Uint8Array> | null =
    incoming && incoming.readableDidRead === false ? incoming : (c.req.raw.body as AsyncIterable<Uint8Array> | null);
  if (!source) return "";
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of source) {
    size += chunk.byteLength;
    if (size > MAX_BODY_BYTES) throw errors.payloadTooLarge(MAX_BODY_BYTES);
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString("utf8");
}

/** Parses the JSON body (`whenEmpty` for an empty one); the Content-Type was already enforced by the app's write guard. */
async function parseJsonBody(c: Context, whenEmpty: () => unknown): Promise<unknown> {
  const text = await readBodyText(c);
  if (text.trim() === "") return whenEmpty();
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw errors.invalidJson();
  }
}

/** The JSON body; an empty one is invalid. */
export const readJson = (c: Context) =>
  parseJsonBody(c, () => {
    throw errors.invalidJson();
  });

/** Actions without parameters take `{}`, or an empty body (still sent as application/json). */
export const readOptionalJson = (c: Context) => parseJsonBody(c, () => ({}));

/** A catch-all for a path's other methods: 405 with `Allow`. */
export const methodNotAllowed = (allow: string[]) => () => {
  throw errors.methodNotAllowed([...allow, ...(allow.includes("GET") ? ["HEAD"] : []), "OPTIONS"]);
};

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** The `{id}` of a device's or a challenge's path; a malformed one names nothing (404). */
export function idParam(c: Context): string {
  const id = c.req.param("id") ?? "";
  if (!UUID.test(id)) throw errors.notFound();
  return id;
}
