import { errors } from "../errors";
import { ChallengeBody, EmptyBody, OtpActivation } from "../mfa/fields";
import type { VerificationProof } from "../mfa/method";
import { PasskeyAssertion } from "../mfa/passkey-method";
import { RecoveryCodeProof } from "../mfa/recovery-codes";
import { EMPTY_BODY_ERRORS, isPlainObject, OBJECT_BODY_ERRORS, parseBody } from "./body";
import { idParam, readJson, readOptionalJson } from "./http";
import type { ApiRoute } from "./route";

/** The proof: its one member (`otp`, `credential` or `recoveryCode`) picks the schema that checks it. */
function parseProof(body: unknown): VerificationProof {
  if (!isPlainObject(body)) throw errors.invalidBody("The body must be a JSON object.");
  if (Object.hasOwn(body, "credential")) return parseBody(PasskeyAssertion, body) as VerificationProof;
  if (Object.hasOwn(body, "recoveryCode")) return parseBody(RecoveryCodeProof, body);
  return parseBody(OtpActivation, body);
}

/** Verifying a device at sign-in or step-up, and the recovery codes. */
export const VERIFICATION_ROUTES: ApiRoute[] = [
  {
    method: "post",
    path: "/api/mfa/challenges",
    operationId: "startChallenge",
    tag: "Verification",
    summary: "Start a verification",
    description:
      "For the default device (no `deviceId`, no `method`), another active device (`deviceId`), or a recovery code " +
      '(`method: "recovery_code"`). SMS and email devices are sent a code (limited like resending); an authenticator ' +
      "app needs nothing sent; a passkey gets WebAuthn request options for its credential. The challenge expires " +
      'after 5 minutes and locks after 5 wrong proofs. `purpose: "step_up"` makes a success count as a recent ' +
      "sign-in for this session. After 10 failed verifications within 15 minutes the user's verifications are " +
      "locked for 15 minutes.",
    body: {
      schemas: ["StartChallenge"],
      required: false,
      examples: { default: {}, stepUp: { purpose: "step_up", nonce: "n-0S6_WzA2Mj" }, recovery: { method: "recovery_code" } },
    },
    ok: { status: 201, description: "The challenge.", schema: "MfaChallenge" },
    errors: [
      ...OBJECT_BODY_ERRORS,
      errors.methodDisabled("SMS"),
      errors.notFound(),
      errors.mfaNotEnabled(),
      errors.noRecoveryCodes(),
      errors.rateLimited(30),
      errors.verificationsLocked(900),
      errors.deliveryFailed("sms"),
    ],
    async handle(c, { verification }) {
      const request = parseBody(ChallengeBody, await readOptionalJson(c));
      return c.json(await verification.startChallenge(c.var.session, request), 201);
    },
  },
  {
    method: "post",
    path: "/api/mfa/challenges/{id}/verify",
    operationId: "verifyChallenge",
    tag: "Verification",
    summary: "Prove a verification",
    description:
      "With the code (SMS, email, authenticator app), the passkey's answer from navigator.credentials.get(), or " +
      "a recovery code. Answers the MFA assertion: a JWS the host's backend checks against /.well-known/jwks.json " +
      "(or with verifyMfaAssertion()). Sets the device's `lastUsedAt`. A proof of the wrong kind is refused (422) " +
      "and counts nothing.",
    body: {
      schemas: ["VerifyOtp", "VerifyPasskey", "VerifyRecoveryCode"],
      required: true,
      examples: { otp: { otp: "123456" }, recoveryCode: { recoveryCode: "7k2m-q9xd-4hwa" } },
    },
    ok: { status: 200, description: "Verified.", schema: "MfaVerified" },
    errors: [
      ...OBJECT_BODY_ERRORS,
      errors.otpInvalid(4),
      errors.passkeyInvalid(),
      errors.notFound(),
      errors.verificationExpired(),
      errors.verificationLocked(),
      errors.verificationsLocked(900),
    ],
    async handle(c, { verification }) {
      const id = idParam(c);
      return c.json(await verification.verify(c.var.session, id, parseProof(await readJson(c))));
    },
  },
  {
    method: "post",
    path: "/api/mfa/recovery-codes",
    operationId: "createRecoveryCodes",
    tag: "Verification",
    summary: "Make new recovery codes",
    description:
      "Ten codes, each usable once in place of a device; only their hashes are kept, so this answer is the only " +
      "time they are shown. Replacing existing codes needs a recent sign-in (or a step-up) and makes the old ones " +
      "stop working. Needs MFA on; turning MFA off deletes them.",
    body: { schemas: ["EmptyBody"], required: false },
    ok: { status: 201, description: "The new codes.", schema: "RecoveryCodes" },
    errors: [...EMPTY_BODY_ERRORS, errors.mfaNotEnabled(), errors.reauthenticationRequired()],
    async handle(c, { mfa }) {
      parseBody(EmptyBody, await readOptionalJson(c));
      return c.json(await mfa.createRecoveryCodes(c.var.session), 201);
    },
  },
];
