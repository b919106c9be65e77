import type { Context } from "hono";
import { Hono } from "hono";
import * as v from "valibot";
import { errors } from "../errors";
import { HIDDEN_CHARACTERS_MESSAGE, isDisplaySafe } from "../services/text";
import { MAX_CREDENTIAL_ID_LENGTH } from "../services/webauthn";
import { DEVICE_TYPES, type ActivationProof, type MfaService, type NewDevice } from "../services/mfa";
import { methodNotAllowed, readJson, readOptionalJson } from "./http";


const Nickname = v.pipe(
  v.string("Must be text."),
  v.trim(),
  v.minLength(1, "Enter a name for the device."),
  v.maxLength(40, "Must be 40 characters or fewer."),
  v.check(isDisplaySafe, HIDDEN_CHARACTERS_MESSAGE),
);

const Phone = v.pipe(
  v.string("Enter a phone number."),
  // People type spaces, dashes, dots and brackets; E.164 keeps digits only.
  v.transform((s) => s.replace(/[\s().-]/g, "")),
  v.regex(/^\+[1-9]\d{6,14}$/, "Enter the number in international format: + then country code and number, like +14155550123."),
  v.description("E.164. Spaces, dashes, dots and brackets are removed first: +1 (415) 555-0123 is +14155550123."),
);

const Email = v.pipe(
  v.string("Enter an email address."),
  v.trim(),
  v.maxLength(254, "Must be 254 characters or fewer."),
  v.email("Enter a valid email address, like name@example.com."),
  v.regex(/^[^\s@]+@[^\s@]+\.[^\s@]+$/, "Enter a valid email address, like name@example.com."),
);

/** Request bodies, exported for the OpenAPI document (server/src/openapi.ts). */
export const AddDeviceBodies = {
  sms: v.strictObject({ type: v.literal("sms"), phone: Phone, nickname: v.optional(Nickname) }),
  email: v.strictObject({ type: v.literal("email"), email: Email, nickname: v.optional(Nickname) }),
  totp: v.strictObject({ type: v.literal("totp"), nickname: v.optional(Nickname) }),
  passkey: v.strictObject({ type: v.literal("passkey"), nickname: v.optional(Nickname) }),
} satisfies Record<(typeof DEVICE_TYPES)[number], v.GenericSchema<unknown, NewDevice>>;

export const OtpActivation = v.strictObject({
  otp: v.pipe(v.string("Enter the 6-digit code."), v.trim(), v.regex(/^\d{6}$/, "Enter the 6-digit code.")),
});

/** The browser's RegistrationResponseJSON; the library checks it in depth, this only its outline. */
export const PasskeyActivation = v.strictObject({
  credential: v.looseObject({
    id: v.pipe(v.string(), v.maxLength(MAX_CREDENTIAL_ID_LENGTH)),
    rawId: v.pipe(v.string(), v.maxLength(MAX_CREDENTIAL_ID_LENGTH)),
    type: v.literal("public-key"),
    response: v.looseObject({
      clientDataJSON: v.string(),
      attestationObject: v.string(),
      transports: v.optional(v.array(v.string())),
    }),
    clientExtensionResults: v.optional(v.record(v.string(), v.unknown()), {}),
    authenticatorAttachment: v.optional(v.string()),
  }),
});

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
  const type = body.type;
  if (typeof type !== "string" || !Object.hasOwn(AddDeviceBodies, type)) {
    throw errors.validationFailed({ type: `Choose one of: ${DEVICE_TYPES.join(", ")}.` });
  }
  return parseBody(AddDeviceBodies[type as keyof typeof AddDeviceBodies], body) as NewDevice;
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
