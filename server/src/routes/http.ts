import type { Context } from "hono";
import { errors } from "../errors";

/** Parses the JSON body; the Content-Type was already enforced by the app's write guard. */
export async function readJson(c: Context): Promise<unknown> {
  const text = await c.req.text();
  if (text.trim() === "") throw errors.invalidJson();
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
