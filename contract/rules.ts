/**
 * Field rules both sides check: the widget before it sends, the server before it stores. Plain patterns and
 * limits, so the widget can use them without a validation library.
 */
export { HIDDEN_CHARACTERS_MESSAGE, isDisplaySafe } from "./text";

/** E.164: +, a country code and number, 8 to 15 digits in all. */
export const E164 = /^\+[1-9]\d{6,14}$/;
/** What people type around the digits of a phone number, removed before E164 is checked. */
export const normalizePhone = (typed: string): string => typed.replace(/[\s().-]/g, "");

/** One @, something either side, a dot in the domain, no spaces. */
export const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
export const EMAIL_MAX_LENGTH = 254;

export const NICKNAME_MAX_LENGTH = 40;

/**
 * The nickname a device gets when it is added without one (server/src/mfa/*-method.ts). The widget shows a device
 * that still has it under its type's name in the person's language, so nobody sees "Authenticator app" in German.
 */
export const DEFAULT_NICKNAMES = {
  sms: "Phone",
  email: "Email",
  totp: "Authenticator app",
  passkey: "Passkey",
} as const;

/** The server's messages for these rules (the widget says them in its own language). */
export const RULE_MESSAGES = {
  phone: "Enter the number in international format: + then country code and number, like +14155550123.",
  email: "Enter a valid email address, like name@example.com.",
} as const;
