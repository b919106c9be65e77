import { createHash, randomBytes } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { decodeJwt, exportJWK, generateKeyPair } from "jose";
import Provider from "oidc-provider";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildTestApp, type TestApp } from "./helpers";

/**
 * The server against a real OpenID provider (node-oidc-provider) on loopback: a user signs in
 * through the provider's own interaction endpoints (authorization code flow with PKCE), and the
 * ID token it issues is the session token. Configured the way the README's recipes say.
 */

const CLIENT_ID = "profile-widget-host";
const REDIRECT_URI = "http://127.0.0.1/callback";
/** The provider's accounts: the login is the subject; the username claim differs on purpose. */
const ACCOUNTS: Record<string, { preferred_username: string; name: string }> = {
  grace: { preferred_username: "ghopper", name: "Grace Hopper" },
  alan: { preferred_username: "aturing", name: "Alan Turing" },
};

interface ProviderUnderTest {
  issuer: string;
  server: Server;
}

async function startProvider(): Promise<ProviderUnderTest> {
  const server = createServer();
  await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const { privateKey } = await generateKeyPair("ES256", { extractable: true });
  const signingKey = { ...(await exportJWK(privateKey)), kid: "test-es256", alg: "ES256", use: "sig" };

  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: CLIENT_ID,
        token_endpoint_auth_method: "none", // a public client (a single-page app): PKCE instead of a secret
        redirect_uris: [REDIRECT_URI],
        response_types: ["code"],
        grant_types: ["authorization_code"],
        id_token_signed_response_alg: "ES256",
        require_auth_time: true,
      },
    ],
    jwks: { keys: [signingKey] },
    cookies: { keys: [randomBytes(32).toString("hex")] },
    claims: { openid: ["sub"], profile: ["preferred_username", "name"], email: ["email", "email_verified"] },
    // Put the scopes' claims in the ID token itself, as most hosted providers do.
    conformIdTokenClaims: false,
    findAccount: (_ctx, id) =>
      ACCOUNTS[id] && { accountId: id, claims: () => ({ sub: id, ...ACCOUNTS[id], email: `${id}@example.test`, email_verified: true }) },
    ttl: { IdToken: 600, AccessToken: 600, AuthorizationCode: 60, Interaction: 600, Session: 3600, Grant: 3600 },
    features: { devInteractions: { enabled: true } },
  });
  server.on("request", provider.callback());
  return { issuer, server };
}

/** A browser's cookie jar, enough for one provider. */
class CookieJar {
  private readonly cookies = new Map<string, string>();
  store(response: Response) {
    for (const line of response.headers.getSetCookie()) {
      const [pair = ""] = line.split(";");
      const eq = pair.indexOf("=");
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      if (/expires=Thu, 01 Jan 1970/i.test(line) || value === "") this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }
  header() {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
  }
}

/**
 * Signs `login` in at the provider and returns its tokens: authorize → login form → consent
 * form → redirect with a code → token endpoint. Each form is read from the provider's own HTML.
 */
async function signIn(issuer: string, login: string, extra: Record<string, string> = {}, jar = new CookieJar()) {
  const discovery = (await (await fetch(`${issuer}/.well-known/openid-configuration`)).json()) as {
    authorization_endpoint: string;
    token_endpoint: string;
  };
  const verifier = randomBytes(32).toString("base64url");
  const state = randomBytes(8).toString("hex");
  const nonce = randomBytes(8).toString("hex");
  const authorize = new URL(discovery.authorization_endpoint);
  authorize.search = new URLSearchParams({
    client_id: CLIENT_ID,
    redirect_uri: REDIRECT_URI,
    response_type: "code",
    scope: "openid profile email",
    state,
    nonce,
    code_challenge: createHash("sha256").update(verifier).digest("base64url"),
    code_challenge_method: "S256",
    ...extra,
  }).toString();

  const visit = async (url: string, init: RequestInit = {}) => {
    const response = await fetch(url, { ...init, redirect: "manual", headers: { ...init.headers, cookie: jar.header() } });
    jar.store(response);
    return response;
  };
  /** Follows redirects until the provider shows a page (a form) or sends the browser back to the client. */
  const follow = async (response: Response): Promise<{ page?: string; callback?: URL }> => {
    let current = response;
    for (let hops = 0; hops < 10; hops++) {
      const location = current.headers.get("location");
      if (!location) return { page: await current.text() };
      const next = new URL(location, issuer);
      if (next.href.startsWith(REDIRECT_URI)) return { callback: next };
      current = await visit(next.href);
    }
    throw new Error("too many redirects");
  };
  const submit = async (page: string, fields: Record<string, string>) => {
    const action = page.match(/<form[^>]*action="([^"]+)"/)?.[1];
    if (!action) throw new Error(`no form on the provider's page: ${page.slice(0, 300)}`);
    return follow(
      await visit(new URL(action.replace(/&amp;/g, "&"), issuer).href, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams(fields).toString(),
      }),
    );
  };

  let step = await follow(await visit(authorize.href));
  const loginShown = step.page?.includes('name="prompt" value="login"') ?? false;
  if (loginShown && step.page) {
    step = await submit(step.page, { prompt: "login", login, password: "correct horse battery staple" });
  }
  if (step.page?.includes('name="prompt" value="consent"')) step = await submit(step.page, { prompt: "consent" });
  if (!step.callback) throw new Error(`sign-in did not finish: ${step.page?.slice(0, 300)}`);
  expect(step.callback.searchParams.get("state")).toBe(state);
  const code = step.callback.searchParams.get("code");
  if (!code) throw new Error(`no code: ${step.callback.href}`);

  const tokenResponse = await fetch(discovery.token_endpoint, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({
      grant_type: "authorization_code",
      code,
      redirect_uri: REDIRECT_URI,
      client_id: CLIENT_ID,
      code_verifier: verifier,
    }).toString(),
  });
  const tokens = (await tokenResponse.json()) as { id_token?: string; access_token?: string; error?: string };
  if (!tokens.id_token) throw new Error(`no ID token: ${JSON.stringify(tokens)}`);
  expect(decodeJwt(tokens.id_token).nonce).toBe(nonce);
  return { idToken: tokens.id_token, accessToken: tokens.access_token, jar, loginShown };
}

describe("with a real OpenID provider on loopback", () => {
  let idp: ProviderUnderTest;
  let t: TestApp;
  let jwksUri: string;

  beforeAll(async () => {
    idp = await startProvider();
    const discovery = (await (await fetch(`${idp.issuer}/.well-known/openid-configuration`)).json()) as {
      issuer: string;
      jwks_uri: string;
    };
    jwksUri = discovery.jwks_uri;
    // The README's recipe: JWKS from discovery, the issuer as is, the client id as audience.
    t = await buildTestApp({
      env: {
        AUTH_PUBLIC_KEY: "",
        AUTH_JWKS_URL: discovery.jwks_uri,
        AUTH_ISSUER: discovery.issuer,
        AUTH_AUDIENCE: CLIENT_ID,
        AUTH_USERNAME_CLAIM: "preferred_username",
      },
    });
  });
  afterAll(async () => {
    await t?.close();
    await new Promise((done) => idp?.server.close(done));
  });

  it("signs in, reads the profile and saves changes with the provider's ID token", async () => {
    const { idToken, accessToken } = await signIn(idp.issuer, "grace");
    const claims = decodeJwt(idToken);
    expect(claims).toMatchObject({ iss: idp.issuer, aud: CLIENT_ID, sub: "grace", preferred_username: "ghopper" });
    expect(Math.abs((claims.auth_time as number) - Date.now() / 1000)).toBeLessThan(60);
    expect(jwksUri).toMatch(/^http:\/\/127\.0\.0\.1:\d+\//);

    const read = await t.call("GET", "/api/profile", { token: idToken });
    expect(read.status).toBe(200);
    expect(await read.json()).toMatchObject({ username: "ghopper", givenName: null, email: null });

    const saved = await t.call("PATCH", "/api/profile", {
      token: idToken,
      headers: { "If-Match": read.headers.get("ETag") as string },
      body: { givenName: "Grace", familyName: "Hopper", address: { locality: "Arlington", countryCode: "US" } },
    });
    expect(saved.status).toBe(200);
    expect(await saved.json()).toMatchObject({ givenName: "Grace", familyName: "Hopper", address: { locality: "Arlington" } });

    // Email is protected: the ID token's auth_time is a fresh sign-in, so the change is accepted, and it applies with
    // the code sent to the new address.
    const emailed = await t.call("PATCH", "/api/profile", {
      token: idToken,
      headers: { "If-Match": saved.headers.get("ETag") as string },
      body: { email: "grace@navy.example" },
    });
    expect(emailed.status).toBe(200);
    const pending = (await emailed.json()) as { email: string | null; pendingChanges: Array<{ id: string; field: string }> };
    expect(pending).toMatchObject({ email: null, pendingChanges: [{ field: "email", target: "g•••@navy.example" }] });
    const verified = await t.call("POST", `/api/profile/changes/${pending.pendingChanges[0]!.id}/verify`, {
      token: idToken,
      body: { otp: await t.outboxCode("grace@navy.example") },
    });
    expect(verified.status).toBe(200);
    expect(await verified.json()).toMatchObject({ email: "grace@navy.example", givenName: "Grace", pendingChanges: [] });

    const again = await t.call("GET", "/api/profile", { token: idToken });
    expect(await again.json()).toMatchObject({ username: "ghopper", email: "grace@navy.example", familyName: "Hopper" });

    // The access token is not a session token for this API (opaque here, and never for this audience).
    expect(accessToken).toBeTruthy();
    const withAccessToken = await t.call("GET", "/api/profile", { token: accessToken as string });
    expect(withAccessToken.status).toBe(401);
  });

  it("tells users apart by the provider's subject, and refuses a token for another audience", async () => {
    const { idToken } = await signIn(idp.issuer, "alan");
    const res = await t.call("GET", "/api/profile", { token: idToken });
    expect(await res.json()).toMatchObject({ username: "aturing", givenName: null });

    const other = await buildTestApp({
      env: { AUTH_PUBLIC_KEY: "", AUTH_JWKS_URL: jwksUri, AUTH_ISSUER: idp.issuer, AUTH_AUDIENCE: "some-other-client" },
    });
    try {
      const refused = await other.call("GET", "/api/profile", { token: idToken });
      expect(refused.status).toBe(401);
      expect(await refused.json()).toMatchObject({ error: { code: "session_invalid" } });
    } finally {
      await other.close();
    }
  });

  it("asks for the password again with prompt=login or max_age=0, which is how a host gets a fresh auth_time", async () => {
    const first = await signIn(idp.issuer, "alan");
    expect(first.loginShown).toBe(true);
    // Same browser session: single sign-on, no form, the original auth_time.
    const silent = await signIn(idp.issuer, "alan", {}, first.jar);
    expect(silent.loginShown).toBe(false);
    expect(decodeJwt(silent.idToken).auth_time).toBe(decodeJwt(first.idToken).auth_time);
    for (const force of [{ prompt: "login" }, { max_age: "0" }] as Array<Record<string, string>>) {
      const fresh = await signIn(idp.issuer, "alan", force, first.jar);
      expect(fresh.loginShown, JSON.stringify(force)).toBe(true);
      expect(decodeJwt(fresh.idToken).auth_time as number).toBeGreaterThanOrEqual(decodeJwt(first.idToken).auth_time as number);
      expect((await t.call("GET", "/api/profile", { token: fresh.idToken })).status).toBe(200);
    }
  });
});
