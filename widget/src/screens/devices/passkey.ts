import { startRegistration } from "@simplewebauthn/browser";
import type { PublicKeyCredentialCreationOptionsJSON, RegistrationResponseJSON } from "@simplewebauthn/browser";

/** Runs the browser's passkey ceremony with the server's creation options; its own chunk, loaded on demand. */
export function createPasskey(options: Record<string, unknown>): Promise<RegistrationResponseJSON> {
  return startRegistration({ optionsJSON: options as unknown as PublicKeyCredentialCreationOptionsJSON });
}
