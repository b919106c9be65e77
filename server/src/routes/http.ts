import type { Readable } from "node:stream";
import type { Context } from "hono";
import { errors } from "../errors";

/** The largest request body accepted, in bytes. */
export const MAX_BODY_BYTES = 64 * 1024;

/**
 * The request body as text, refused with 413 past MAX_BODY_BYTES however it is sent (a
 * Content-Length is checked before anything is read). On Node the bytes are read straight from
 * the socket's message, which spares building a web Request and stream for a few hundred bytes.
 */
export async function readBodyText(c: Context): Promise<string> {
  const declared = Number(c.req.header("Content-Length") ?? 0);
  if (declared > MAX_BODY_BYTES) throw errors.payloadTooLarge(MAX_BODY_BYTES);
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

/** Parses the JSON body; the Content-Type was already enforced by the app's write guard. */
export async function readJson(c: Context): Promise<unknown> {
  const text = await readBodyText(c);
  if (text.trim() === "") throw errors.invalidJson();
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw errors.invalidJson();
  }
}

/** Actions without parameters take `{}`, or an empty body (still sent as application/json). */
export async function readOptionalJson(c: Context): Promise<unknown> {
  const text = await readBodyText(c);
  if (text.trim() === "") return {};
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw errors.invalidJson();
  }
}

/** A catch-all for a path's other methods: 405 with `Allow`. */
export const methodNotAllowed = (allow: string[]) => () => {
  throw errors.methodNotAllowed([...allow, ...(allow.includes("GET") ? ["HEAD"] : []), "OPTIONS"]);
};
