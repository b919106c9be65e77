import { randomUUID } from "node:crypto";
import * as v from "valibot";
import { errors } from "../errors";
import { advancePasskeyCounter, credentialIdTaken, listCredentialIds } from "../store/mfa-devices";
import { consumeWebauthnChallenge, insertWebauthnChallenge } from "../store/webauthn-challenges";
import { passkeyName } from "./aaguid";
import { Nickname } from "./fields";
import type { MfaMethod } from "./method";
import {
  MAX_CREDENTIAL_ID_LENGTH,
  passkeyCreationOptions,
  passkeyRequestOptions,
  verifyPasskeyAuthentication,
  verifyPasskeyRegistration,
  WEBAUTHN_CHALLENGE_TTL_MS,
} from "./webauthn";

/** A passkey's name until it is activated, when one that is still this is named from its authenticator (aaguid.ts). */
const DEFAULT_NICKNAME = "Passkey";

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

/** The browser's AuthenticationResponseJSON, in outline (the library checks every byte). */
export const PasskeyAssertion = v.strictObject({
  credential: v.looseObject({
    id: v.pipe(v.string(), v.maxLength(MAX_CREDENTIAL_ID_LENGTH)),
    rawId: v.pipe(v.string(), v.maxLength(MAX_CREDENTIAL_ID_LENGTH)),
    type: v.literal("public-key"),
    response: v.looseObject({
      clientDataJSON: v.pipe(v.string(), v.maxLength(8192)),
      authenticatorData: v.pipe(v.string(), v.maxLength(8192)),
      signature: v.pipe(v.string(), v.maxLength(2048)),
      userHandle: v.optional(v.pipe(v.string(), v.maxLength(1024))),
    }),
    clientExtensionResults: v.optional(v.record(v.string(), v.unknown()), {}),
    authenticatorAttachment: v.optional(v.string()),
  }),
});

/** A passkey (WebAuthn) created on the host page's origin for the configured relying party. */
export const passkeyMethod: MfaMethod<"passkey"> = {
  type: "passkey",
  method: "passkey",
  proof: "credential",
  defaultNickname: DEFAULT_NICKNAME,
  kind: "passkey",
  schemaName: "AddPasskeyDevice",
  example: { type: "passkey", nickname: "Laptop" },
  addBody: v.strictObject({ type: v.literal("passkey"), nickname: v.optional(Nickname) }),
  available: (options) => options.methods.passkey,
  verifiable: () => true,

  enrol(kit, session, input) {
    const id = randomUUID();
    return kit.inUserTransaction(session, async (trx, user) => {
      const row = await kit.insertPendingDevice(trx, user, { id, type: "passkey", nickname: input.nickname ?? DEFAULT_NICKNAME });
      const options = await passkeyCreationOptions(
        kit.options.relyingParty,
        { id: user.id, name: user.username },
        await listCredentialIds(trx, user.id),
      );
      await insertWebauthnChallenge(trx, {
        device_id: id,
        user_id: user.id,
        challenge: options.challenge,
        expires_at: new Date(kit.now().getTime() + WEBAUTHN_CHALLENGE_TTL_MS).toISOString(),
        consumed: 0,
      });
      return { row, extras: { webauthn: options } };
    });
  },

  async activate(kit, session, device, proof, client) {
    if (!("credential" in proof)) throw errors.validationFailed({ credential: "Send the passkey the browser created." });
    const challenge = await consumeWebauthnChallenge(kit.db, device.id, device.user_id, kit.now().toISOString());
    if (!challenge) throw errors.challengeExpired();
    const result = await verifyPasskeyRegistration(kit.options.relyingParty, proof.credential, challenge);
    if ("reason" in result) {
      kit.options.log?.({ msg: "passkey registration refused", deviceId: device.id, reason: result.reason });
      throw errors.passkeyInvalid();
    }
    const { passkey } = result;
    try {
      return await kit.inUserTransaction(session, async (trx) => {
        if (await credentialIdTaken(trx, passkey.credentialId)) throw errors.passkeyAlreadyRegistered();
        const active = await kit.finishActivation(trx, device, {
          credential_id: passkey.credentialId,
          credential_public_key: passkey.publicKey,
          credential_counter: passkey.counter,
          credential_transports: passkey.transports.join(",") || null,
          // Nobody named it: it is named after its provider, else the browser and system it was made on.
          ...(device.nickname === DEFAULT_NICKNAME ? { nickname: passkeyName({ aaguid: passkey.aaguid, ...client }) ?? DEFAULT_NICKNAME } : {}),
        });
        if (!active) throw errors.deviceAlreadyActive();
        return active;
      });
    } catch (err) {
      // Two users racing with the same credential: the unique index decides.
      if (isUniqueViolation(err)) throw errors.passkeyAlreadyRegistered();
      throw err;
    }
  },

  /** Request options for this one credential: the user's own passkey, no other. */
  async startVerification(kit, _trx, { device }) {
    if (!device?.credential_id) throw new Error("passkey device without a credential");
    const webauthn = await passkeyRequestOptions(kit.options.relyingParty, {
      id: device.credential_id,
      transports: device.credential_transports?.split(",") ?? [],
    });
    return { webauthnChallenge: webauthn.challenge, webauthn };
  },

  async checkProof(kit, trx, { device, challenge }, proof) {
    if (!("credential" in proof) || !device?.credential_id || !device.credential_public_key || !challenge.webauthn_challenge) {
      return { ok: false, reason: "no passkey" };
    }
    const previous = Number(device.credential_counter ?? 0);
    const result = await verifyPasskeyAuthentication(kit.options.relyingParty, proof.credential, {
      challenge: challenge.webauthn_challenge,
      credentialId: device.credential_id,
      publicKey: device.credential_public_key,
      counter: previous,
      transports: device.credential_transports?.split(",") ?? [],
    });
    if ("reason" in result) return { ok: false, reason: result.reason };
    // The library refused a counter that did not grow; this refuses one another verification moved meanwhile.
    if (!(await advancePasskeyCounter(trx, device.id, previous, result.counter))) return { ok: false, reason: "signature counter reused" };
    return { ok: true };
  },
};

function isUniqueViolation(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return code === "23505" || code === "SQLITE_CONSTRAINT_UNIQUE";
}
