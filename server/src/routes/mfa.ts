import { errors } from "../errors";
import { EmptyBody, OtpActivation, RenameBody } from "../mfa/fields";
import { DEVICE_TYPES, findMethod, METHODS, ADD_DEVICE_EXAMPLES } from "../mfa/methods";
import { PasskeyActivation } from "../mfa/passkey-method";
import type { ActivationProof, NewDevice } from "../mfa/types";
import { EMPTY_BODY_ERRORS, isPlainObject, OBJECT_BODY_ERRORS, parseBody } from "./body";
import { idParam, readJson, readOptionalJson } from "./http";
import type { ApiRoute } from "./route";

/** The add-device body: its `type` picks the method, whose schema checks the rest. */
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

/** /api/mfa: the MFA switch and the devices. */
export const MFA_ROUTES: ApiRoute[] = [
  {
    method: "get",
    path: "/api/mfa",
    operationId: "getMfa",
    tag: "MFA",
    summary: "MFA state and devices",
    ok: { status: 200, description: "The user's MFA switch and devices.", schema: "MfaState" },
    handle: async (c, { mfa }) => c.json(await mfa.getState(c.var.session)),
  },
  {
    method: "post",
    path: "/api/mfa/enable",
    operationId: "enableMfa",
    tag: "MFA",
    summary: "Turn MFA on",
    description: "No device is needed yet: the flow adds one next.",
    body: { schemas: ["EmptyBody"], required: false },
    ok: { status: 200, description: "The new MFA state.", schema: "MfaState" },
    errors: EMPTY_BODY_ERRORS,
    async handle(c, { mfa }) {
      parseBody(EmptyBody, await readOptionalJson(c));
      return c.json(await mfa.setEnabled(c.var.session, true));
    },
  },
  {
    method: "post",
    path: "/api/mfa/disable",
    operationId: "disableMfa",
    tag: "MFA",
    summary: "Turn MFA off",
    description: "Needs a recent sign-in.",
    body: { schemas: ["EmptyBody"], required: false },
    ok: { status: 200, description: "The new MFA state.", schema: "MfaState" },
    errors: [...EMPTY_BODY_ERRORS, errors.reauthenticationRequired()],
    async handle(c, { mfa }) {
      parseBody(EmptyBody, await readOptionalJson(c));
      return c.json(await mfa.setEnabled(c.var.session, false));
    },
  },
  {
    method: "post",
    path: "/api/mfa/devices",
    operationId: "addDevice",
    tag: "Devices",
    summary: "Start adding a device",
    description:
      "Creates a device awaiting activation. SMS and email devices are sent a 6-digit code; an authenticator app " +
      "gets its secret (`totp`, shown only now); a passkey gets WebAuthn creation options (`webauthn`). " +
      "Finish with POST /api/mfa/devices/{id}/activate. Needs a recent sign-in (`auth_time` within " +
      "REAUTH_MAX_AGE_MINUTES), so an old session cannot bind a second factor of its own.",
    body: { schemas: METHODS.map((m) => m.schemaName), required: true, examples: ADD_DEVICE_EXAMPLES },
    ok: { status: 201, description: "The pending device (status ACTIVATION_REQUIRED).", schema: "AddedDevice", headers: ["Location"] },
    errors: [
      ...OBJECT_BODY_ERRORS,
      errors.methodDisabled("SMS"),
      errors.reauthenticationRequired(),
      errors.deviceLimitReached(5),
      errors.rateLimited(30),
      errors.deliveryFailed("sms"),
    ],
    async handle(c, { mfa }) {
      const added = await mfa.addDevice(c.var.session, parseNewDevice(await readJson(c)));
      c.header("Location", `${c.req.path.replace(/\/$/, "")}/${added.device.id}`);
      return c.json(added, 201);
    },
  },
  {
    method: "post",
    path: "/api/mfa/devices/{id}/activate",
    operationId: "activateDevice",
    tag: "Devices",
    summary: "Activate a device",
    description:
      "With the code that was sent (SMS, email) or shown by the authenticator app, or with the passkey the " +
      "browser created (navigator.credentials.create() with the options from adding it). Five wrong codes lock it.",
    body: { schemas: ["OtpActivation", "PasskeyActivation"], required: true, examples: { otp: { otp: "123456" } } },
    ok: { status: 200, description: "The device, now ACTIVE.", schema: "DeviceResponse" },
    errors: [
      ...OBJECT_BODY_ERRORS,
      errors.otpInvalid(4),
      errors.passkeyInvalid(),
      errors.methodDisabled("authenticator app"),
      errors.notFound(),
      errors.deviceAlreadyActive(),
      errors.passkeyAlreadyRegistered(),
      errors.otpExpired(),
      errors.challengeExpired(),
      errors.tooManyAttempts(),
    ],
    async handle(c, { mfa }) {
      const id = idParam(c);
      // A passkey nobody named is named from its authenticator, else from the browser that made it (in its language).
      const client = { userAgent: c.req.header("user-agent"), acceptLanguage: c.req.header("accept-language") };
      return c.json({ device: await mfa.activateDevice(c.var.session, id, parseActivation(await readJson(c)), client) });
    },
  },
  {
    method: "post",
    path: "/api/mfa/devices/{id}/resend",
    operationId: "resendCode",
    tag: "Devices",
    summary: "Send a new code",
    description: "SMS and email devices awaiting activation only; rate limited per device and per user.",
    body: { schemas: ["EmptyBody"], required: false },
    ok: { status: 202, description: "A new code is on its way; `resendAvailableAt` is when another may be asked for.", schema: "ResentCode" },
    errors: [
      ...EMPTY_BODY_ERRORS,
      errors.methodDisabled("email"),
      errors.notFound(),
      errors.deviceAlreadyActive(),
      errors.resendNotSupported(),
      errors.rateLimited(30),
      errors.tooManyAttempts(),
      errors.deliveryFailed("email"),
    ],
    async handle(c, { mfa }) {
      const id = idParam(c);
      parseBody(EmptyBody, await readOptionalJson(c));
      return c.json(await mfa.resendCode(c.var.session, id), 202);
    },
  },
  {
    method: "post",
    path: "/api/mfa/devices/{id}/default",
    operationId: "makeDefaultDevice",
    tag: "Devices",
    summary: "Make a device the default",
    body: { schemas: ["EmptyBody"], required: false },
    ok: { status: 200, description: "The device, now the default.", schema: "DeviceResponse" },
    errors: [...EMPTY_BODY_ERRORS, errors.notFound(), errors.deviceNotActive()],
    async handle(c, { mfa }) {
      const id = idParam(c);
      parseBody(EmptyBody, await readOptionalJson(c));
      return c.json({ device: await mfa.makeDefault(c.var.session, id) });
    },
  },
  {
    method: "patch",
    path: "/api/mfa/devices/{id}",
    operationId: "renameDevice",
    tag: "Devices",
    summary: "Rename a device",
    body: { schemas: ["RenameDevice"], required: true, examples: { rename: { nickname: "Work phone" } } },
    ok: { status: 200, description: "The renamed device.", schema: "DeviceResponse" },
    errors: [...OBJECT_BODY_ERRORS, errors.notFound()],
    async handle(c, { mfa }) {
      const id = idParam(c);
      const { nickname } = parseBody(RenameBody, await readJson(c));
      return c.json({ device: await mfa.renameDevice(c.var.session, id, nickname) });
    },
  },
  {
    method: "delete",
    path: "/api/mfa/devices/{id}",
    operationId: "removeDevice",
    tag: "Devices",
    summary: "Remove a device",
    description:
      "An active device needs a recent sign-in; one still awaiting activation does not (that is how an unfinished " +
      "setup is cancelled). While MFA is on, the last active device cannot be removed. Removing the default " +
      "promotes the next active device.",
    ok: { status: 204, description: "Removed." },
    errors: [errors.reauthenticationRequired(), errors.notFound(), errors.lastDevice()],
    async handle(c, { mfa }) {
      await mfa.removeDevice(c.var.session, idParam(c));
      return c.body(null, 204);
    },
  },
];
