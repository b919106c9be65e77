/** A one-time code on its way to a person, or a notice that carries none. */
export interface OtpMessage {
  /** E.164 phone number or email address. */
  to: string;
  /** Absent in a notice (`address_changed`). */
  code?: string;
  /** The whole message as the person reads it (SMS text, email body). */
  text: string;
  /** Email subject; SMS ignores it. */
  subject: string;
  /**
   * Why it was sent: to activate a new device, to verify an active one (sign-in, step-up), to confirm a new email
   * address or phone number of the profile, to tell the old one that it was replaced, or to tell the account of a
   * security change (email only).
   */
  purpose: "mfa_device_activation" | "mfa_verification" | "verify_address" | "address_changed" | "security_notice";
}

export interface Notifier {
  /** Resolves once the message was accepted for delivery; rejects with DeliveryError otherwise. */
  send(message: OtpMessage): Promise<void>;
}

/** Where each channel's messages go; a missing channel cannot be offered to users. */
export interface Notifiers {
  sms?: Notifier;
  email?: Notifier;
}

/** The gateway or mail server refused or could not be reached. */
export class DeliveryError extends Error {
  override name = "DeliveryError";
  constructor(
    readonly channel: "sms" | "email",
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}
