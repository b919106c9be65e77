import { createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from "node:crypto";
import { calculateJwkThumbprint, type JWK } from "jose";
import { openSecret, sealSecret } from "../mfa/secret-box";
import type { Store } from "./db";

/** The HKDF purpose the private parts are encrypted under (mfa/secret-box.ts), bound to each kid. */
const PURPOSE = "mfa-signing-key";
/** How long a process signs with the current key it read before looking again (a rotation elsewhere). */
const CURRENT_KEY_CACHE_MS = 30_000;

export interface SigningKey {
  kid: string;
  privateKey: KeyObject;
}

/** A public key as the JWKS serves it. */
export type PublicSigningJwk = JWK & { kid: string; alg: "ES256"; use: "sig" };

export interface SigningKeyRing {
  /** The key that signs now; made (once, whatever the number of processes) on first use. */
  current(): Promise<SigningKey>;
  /** The published public keys: the current one and, after a rotation, the one before it. */
  jwks(): Promise<{ keys: PublicSigningJwk[] }>;
  /** Makes a new current key; the previous one stays published, older ones leave the JWKS. Returns the new kid. */
  rotate(): Promise<string>;
}

export interface SigningKeyOptions {
  secretsKey: Buffer;
  /** MFA_SIGNING_KEY (PEM or JWK, validated by loadConfig): used instead of a stored key. */
  configuredKey?: string;
  now?: () => Date;
}

/** A P-256 private key from PEM or JWK text (loadConfig has checked it). */
export function parseSigningKey(text: string): { privateKey: KeyObject; kid?: string } {
  const trimmed = text.trim();
  if (trimmed.startsWith("{")) {
    const jwk = JSON.parse(trimmed) as JWK;
    return { privateKey: createPrivateKey({ key: jwk as never, format: "jwk" }), kid: typeof jwk.kid === "string" ? jwk.kid : undefined };
  }
  return { privateKey: createPrivateKey(trimmed.replace(/\\n/g, "\n")) };
}

/** Why `text` is not a usable MFA signing key, or null when it is. */
export function signingKeyProblem(text: string): string | null {
  const trimmed = text.trim();
  if (/-----BEGIN [A-Z ]*PUBLIC KEY-----|-----BEGIN CERTIFICATE-----/.test(trimmed)) return "this is a public key; give the private P-256 key";
  let key: KeyObject;
  try {
    if (trimmed.startsWith("{")) {
      const jwk = JSON.parse(trimmed) as Record<string, unknown>;
      if (!("d" in jwk)) return "this is a public key; give the private P-256 key";
    }
    key = parseSigningKey(trimmed).privateKey;
  } catch {
    return "must be a private key, as PEM (PKCS#8 or SEC1) or JWK";
  }
  if (key.asymmetricKeyType !== "ec" || key.asymmetricKeyDetails?.namedCurve !== "prime256v1") {
    return "must be a P-256 (ES256) key";
  }
  return null;
}

async function publicJwkOf(privateKey: KeyObject, kid?: string): Promise<PublicSigningJwk> {
  const { kty, crv, x, y } = createPublicKey(privateKey).export({ format: "jwk" }) as JWK;
  const jwk: JWK = { kty, crv, x, y };
  return { ...jwk, kid: kid ?? (await calculateJwkThumbprint(jwk, "sha256")), alg: "ES256", use: "sig" };
}

/**
 * The MFA assertion keys, kept in the database (`mfa_signing_keys`) with their private parts encrypted
 * under SECRETS_KEY, so every process sharing the database signs with the same key and serves the same JWKS.
 */
export function signingKeyRing(store: Pick<Store, "db" | "transact">, options: SigningKeyOptions): SigningKeyRing {
  const now = options.now ?? (() => new Date());
  const configured = options.configuredKey ? parseSigningKey(options.configuredKey) : undefined;
  const configuredJwk = configured ? publicJwkOf(configured.privateKey, configured.kid) : undefined;

  let cached: { key: Promise<SigningKey>; at: number } | undefined;

  async function newKeyRow(current: number) {
    const { privateKey } = generateKeyPairSync("ec", { namedCurve: "P-256" });
    const jwk = await publicJwkOf(privateKey);
    const der = privateKey.export({ type: "pkcs8", format: "der" });
    return {
      kid: jwk.kid,
      public_jwk: JSON.stringify(jwk),
      private_key: sealSecret(options.secretsKey, PURPOSE, jwk.kid, der),
      is_current: current,
      published: 1,
      created_at: now().toISOString(),
    };
  }

  async function readCurrent(): Promise<SigningKey | undefined> {
    const row = await store.db
      .selectFrom("mfa_signing_keys")
      .select(["kid", "private_key"])
      .where("is_current", "=", 1)
      .executeTakeFirst();
    if (!row?.private_key) return undefined;
    const der = openSecret(options.secretsKey, PURPOSE, row.kid, row.private_key);
    return { kid: row.kid, privateKey: createPrivateKey({ key: der, format: "der", type: "pkcs8" }) };
  }

  async function loadOrCreate(): Promise<SigningKey> {
    if (configured) return { kid: (await configuredJwk!).kid, privateKey: configured.privateKey };
    const existing = await readCurrent();
    if (existing) return existing;
    // Several processes may get here at once: the unique index on is_current lets one insert win; all read it back.
    await store.db.insertInto("mfa_signing_keys").values(await newKeyRow(1)).onConflict((oc) => oc.doNothing()).execute();
    const created = await readCurrent();
    if (!created) throw new Error("the MFA signing key could not be created");
    return created;
  }

  return {
    current() {
      if (!cached || now().getTime() - cached.at > CURRENT_KEY_CACHE_MS) {
        const key = loadOrCreate();
        cached = { key, at: now().getTime() };
        key.catch(() => {
          if (cached?.key === key) cached = undefined;
        });
      }
      return cached.key;
    },

    async jwks() {
      if (configuredJwk) return { keys: [await configuredJwk] };
      await this.current();
      const rows = await store.db
        .selectFrom("mfa_signing_keys")
        .select(["public_jwk"])
        .where("published", "=", 1)
        .orderBy("is_current", "desc")
        .orderBy("created_at", "desc")
        .execute();
      return { keys: rows.map((r) => JSON.parse(r.public_jwk) as PublicSigningJwk) };
    },

    async rotate() {
      if (configured) throw new Error("MFA_SIGNING_KEY is set: rotate by giving it a new key");
      const row = await newKeyRow(1);
      await store.transact(async (trx) => {
        // Older keys leave the JWKS; the current one stops signing (its private part is dropped) but stays published.
        await trx.updateTable("mfa_signing_keys").set({ published: 0, private_key: null }).where("is_current", "=", 0).execute();
        await trx.updateTable("mfa_signing_keys").set({ is_current: 0, private_key: null }).where("is_current", "=", 1).execute();
        await trx.insertInto("mfa_signing_keys").values(row).execute();
      });
      cached = undefined;
      return row.kid;
    },
  };
}
