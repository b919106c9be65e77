import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import { calculateJwkThumbprint, exportJWK, generateKeyPair, importJWK, SignJWT, type JWK } from "jose";

/** The demo's own identity provider: one ES256 key, its JWKS, and signed session tokens. */
export interface DemoIssuer {
  jwks: { keys: JWK[] };
  issueToken(input: { username: string; authAgeSeconds: number }): Promise<{ token: string; expiresAt: number }>;
}

const TOKEN_LIFETIME_SECONDS = 60 * 60;

/** Loads the signing key from `keyPath` (creating it on first start) so tokens survive restarts. */
export async function createDemoIssuer(options: {
  keyPath: string | null;
  issuer: string;
  audience: string;
}): Promise<DemoIssuer> {
  let privateJwk: JWK;
  if (options.keyPath && existsSync(options.keyPath)) {
    privateJwk = JSON.parse(readFileSync(options.keyPath, "utf8")) as JWK;
  } else {
    const { privateKey } = await generateKeyPair("ES256", { extractable: true });
    privateJwk = await exportJWK(privateKey);
    privateJwk.kid = await calculateJwkThumbprint(privateJwk);
    privateJwk.alg = "ES256";
    if (options.keyPath) {
      mkdirSync(dirname(options.keyPath), { recursive: true });
      writeFileSync(options.keyPath, JSON.stringify(privateJwk), { mode: 0o600 });
    }
  }
  const { d: _d, ...publicJwk } = privateJwk;
  const signingKey = await importJWK(privateJwk, "ES256");
  const kid = privateJwk.kid ?? (await calculateJwkThumbprint(publicJwk));

  return {
    jwks: { keys: [{ ...publicJwk, kid, alg: "ES256", use: "sig" }] },
    async issueToken({ username, authAgeSeconds }) {
      const now = Math.floor(Date.now() / 1000);
      const expiresAt = now + TOKEN_LIFETIME_SECONDS;
      const token = await new SignJWT({ preferred_username: username, auth_time: now - authAgeSeconds })
        .setProtectedHeader({ alg: "ES256", kid, typ: "JWT" })
        .setIssuer(options.issuer)
        .setAudience(options.audience)
        .setSubject(`demo|${username}`)
        .setIssuedAt(now)
        .setExpirationTime(expiresAt)
        .sign(signingKey);
      return { token, expiresAt };
    },
  };
}
