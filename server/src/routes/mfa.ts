import type { Context } from "hono";
import { Hono } from "hono";
import * as v from "valibot";
import { errors } from "../errors";
import { Nickname, OtpActivation } from "../mfa/fields";
import { DEVICE_TYPES, findMethod } from "../mfa/methods";
import { PasskeyActivation } from "../mfa/passkey-method";
import type { MfaService } from "../mfa/service";
import type { ActivationProof, NewDevice } from "../mfa/types";
import { methodNotAllowed, readJson, readOptionalJson } from "./http";

export { OtpActivation, PasskeyActivation };

export const Rename = v.strictObject({ nickname: Nickname });
export const Empty = v.strictObject({});

const DEVICE_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

const isPlainObject = (x: unknown): x is Record<string, unknown> =>
  typeof x === "object" && x !== null && !Array.isArray(x);

/** Body checks in the profile PATCH's order: not an object → 400, unknown keys → 400, bad values → 422. */
function parseBody<S extends v.StrictObjectSchema<v.ObjectEntries, undefined>>(schema: S, body: unknown): v.InferOutput<S> {
  if (!isPlainObject(body)) throw errors.invalidBody("The body must be a JSON object.");
  const unknown = Object.keys(body).filter((key) => !Object.hasOwn(schema.entries, key));
  if (unknown.length > 0) throw errors.unknownFields(Object.fromEntries(unknown.map((k) => [k, "Unknown field."])));
  const result = v.safeParse(schema, body, { abortPipeEarly: true });
  if (result.success) return result.output;
  const fields: Record<string, string> = {};
  for (const issue of result.issues) fields[v.getDotPath(issue) ?? "body"] ??= issue.message;
  throw errors.validationFailed(fields);
}

function parseNewDevice(body: unknown): NewDevice {
  if (!isPlainObject(body)) throw errors.invalidBody("The body must be a JSON object.");
  const method = findMethod(body.type);
  if (!method) throw errors.validationFailed({ type: `Choose one of: ${DEVICE_TYPES.join(", ")}.` });
  return parseBody(method.addBody, body) as NewDevice;
}

function parseActivation(body: unknown): ActivationProof {
  if (isPlainObject(body) && Object.hasOwn(body, "credential")) {
    // The outline matches; the library verifies every byte of the rest.
    return parseBody(PasskeyActivation, body) as ActivationProof;
  }
  return parseBody(OtpActivation, body);
}

function deviceId(c: Context): string {
  const id = c.req.param("id") ?? "";
  if (!DEVICE_ID.test(id)) throw errors.notFound();
  return id;
}

/** /api/mfa and its devices (mounted behind the session middleware). */
export function mfaRoutes(mfa: MfaService) {
  return new Hono()
    .get("/", async (c) => c.json(await mfa.getState(c.var.session)))
    .all("/", methodNotAllowed(["GET"]))
    .post("/enable", async (c) => {
      parseBody(Empty, await readOptionalJson(c));
      return c.json(await mfa.setEnabled(c.var.session, true));
    })
    .all("/enable", methodNotAllowed(["POST"]))
    .post("/disable", async (c) => {
      parseBody(Empty, await readOptionalJson(c));
      return c.json(await mfa.setEnabled(c.var.session, false));
    })
    .all("/disable", methodNotAllowed(["POST"]))
    .post("/devices", async (c) => {
      const added = await mfa.addDevice(c.var.session, parseNewDevice(await readJson(c)));
      c.header("Location", `${c.req.path.replace(/\/$/, "")}/${added.device.id}`);
      return c.json(added, 201);
    })
    .all("/devices", methodNotAllowed(["POST"]))
    .post("/devices/:id/activate", async (c) => {
      const id = deviceId(c);
      const device = await mfa.activateDevice(c.var.session, id, parseActivation(await readJson(c)));
      return c.json({ device });
    })
    .all("/devices/:id/activate", methodNotAllowed(["POST"]))
    .post("/devices/:id/resend", async (c) => {
      const id = deviceId(c);
      parseBody(Empty, await readOptionalJson(c));
      return c.json({ device: await mfa.resendCode(c.var.session, id) }, 202);
    })
    .all("/devices/:id/resend", methodNotAllowed(["POST"]))
    .post("/devices/:id/default", async (c) => {
      const id = deviceId(c);
      parseBody(Empty, await readOptionalJson(c));
      return c.json({ device: await mfa.makeDefault(c.var.session, id) });
    })
    .all("/devices/:id/default", methodNotAllowed(["POST"]))
    .patch("/devices/:id", async (c) => {
      const id = deviceId(c);
      const { nickname } = parseBody(Rename, await readJson(c));
      return c.json({ device: await mfa.renameDevice(c.var.session, id, nickname) });
    })
    .delete("/devices/:id", async (c) => {
      await mfa.removeDevice(c.var.session, deviceId(c));
      return c.body(null, 204);
    })
    .all("/devices/:id", methodNotAllowed(["PATCH", "DELETE"]));
}
