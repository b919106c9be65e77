import { startAuthentication } from "@simplewebauthn/browser";
import type { AuthenticationResponseJSON, PublicKeyCredentialRequestOptionsJSON } from "@simplewebauthn/browser";

/** Runs the browser's passkey prompt with the server's request options; its own chunk, loaded when a passkey is used. */
export function getPasskey(options: Record<string, unknown>): Promise<AuthenticationResponseJSON> {
  return startAuthentication({ optionsJSON: options as unknown as PublicKeyCredentialRequestOptionsJSON });
}
