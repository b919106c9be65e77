#!/usr/bin/env node
// `npm run rotate-mfa-key`: makes a new key to sign MFA assertions with, in the database the server uses
// (DATABASE_URL, with SECRETS_KEY). The previous key's public part stays in /.well-known/jwks.json, so
// assertions it signed still verify; keys older than that leave the JWKS. Running servers sign with the
// new key within 30 seconds. Runs on the built library: `npm run build` first.
import { existsSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const library = join(root, "dist/server/index.js");
if (!existsSync(library)) {
  console.error("rotate-mfa-key: dist/server/index.js is missing: run `npm run build` first");
  process.exit(1);
}
const { ConfigError, loadConfig, openStore, signingKeyRing } = await import(library);

try {
  // Only the database, SECRETS_KEY and MFA_SIGNING_KEY matter here, so the session settings may be left out.
  const config = loadConfig(process.env, { demo: true });
  if (config.mfa.signingKey) throw new ConfigError("MFA_SIGNING_KEY: is set, so the key is not stored: rotate by giving it a new key");
  const sqlitePath = config.databaseUrl.match(/^sqlite:(?!:memory:)(.+)$/)?.[1];
  const demoKeyPath = join(sqlitePath ? dirname(resolve(sqlitePath)) : resolve("data"), "secrets-key");
  // Demo mode keeps its SECRETS_KEY beside the database (see main.ts).
  const secretsKey = config.secretsKey ?? (existsSync(demoKeyPath) ? readFileSync(demoKeyPath, "utf8").trim() : undefined);
  if (!secretsKey) throw new ConfigError("SECRETS_KEY: required (the signing keys are encrypted with it)");
  const store = await openStore(config.databaseUrl);
  try {
    const keys = signingKeyRing(store, { secretsKey: Buffer.from(secretsKey, "base64") });
    await keys.current();
    const kid = await keys.rotate();
    const { keys: published } = await keys.jwks();
    process.stdout.write(`rotate-mfa-key: the new signing key is ${kid}; published: ${published.map((k) => k.kid).join(", ")}\n`);
  } finally {
    await store.close();
  }
} catch (err) {
  console.error(`rotate-mfa-key: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
}
