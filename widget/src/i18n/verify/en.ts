/**
 * The English strings of the verify flow (`data-flow="verify"`, and confirming it's you before a sensitive change).
 * They load with the flow's own chunk; this table defines the `VerifyTranslation` type every other language satisfies.
 */
const en = {
  heading: "Verify it's you",
  subtitle: "One more step to keep your account safe",
  stepUpText: "This change needs a recent sign-in. Confirm it's you with one of your devices and it goes ahead.",

  /** How each method is named in "Use another method". */
  types: {
    sms: "Text message",
    email: "Email",
    totp: "Authenticator app",
    passkey: "Passkey",
    recovery_code: "Recovery code",
  },

  codeTitle: "Enter your code",
  codeSent: (target: string) => `We sent a 6-digit code to ${target}.`,
  totpText: "Open your authenticator app and enter the 6-digit code it shows.",
  code: "Code",
  invalidCode: "Enter the 6 digits of the code.",
  verify: "Verify",
  verifying: "Verifying…",
  noCode: "Didn't get it?",
  resend: "Resend code",
  resendIn: (seconds: number) => `Resend code in ${seconds}s`,
  resent: (target: string) => `We sent a new code to ${target}.`,
  sending: "Sending…",

  passkeyTitle: "Use your passkey",
  passkeyText: "Confirm with your fingerprint, face, PIN or security key when your browser asks.",
  usePasskey: "Use passkey",
  waitingPasskey: "Waiting for your passkey…",
  passkeyCancelled: "The passkey request was cancelled. Try again when you're ready, or use another method.",
  passkeyFailed: "Your browser couldn't use the passkey. Try again, or use another method.",
  passkeyUnsupported: "This browser can't use passkeys. Use another method.",

  recoveryTitle: "Use a recovery code",
  recoveryText: "Enter one of the recovery codes you saved. Each code works once.",
  recoveryLabel: "Recovery code",
  invalidRecovery: "Enter a recovery code, like 7k2m-q9xd-4hwa.",
  recoveryLeft: (count: number) => (count === 1 ? "1 code left" : `${count} codes left`),
  recoveryLow: (count: number) =>
    count === 0
      ? "That was your last recovery code. Create new ones in your security settings."
      : `Only ${count} recovery ${count === 1 ? "code is" : "codes are"} left. Create new ones in your security settings.`,

  anotherMethod: "Use another method",
  chooseTitle: "Choose a method",
  chooseText: "How would you like to confirm it's you?",
  defaultBadge: "Default",
  cancel: "Cancel",
  back: "Back",

  verifiedTitle: "You're verified",
  verifiedText: "Thanks for confirming it's you.",
  confirmed: "Confirmed. Finishing your change…",

  /** Messages of the codes this flow meets; the widget's shared table covers sessions and the network. */
  errors: {
    session_missing: "Sign in first, then verify it's you.",
    mfa_not_enabled: "This account has no sign-in device to verify yet. Set one up in your security settings first.",
    otp_invalid: (attemptsLeft: number | undefined) =>
      attemptsLeft === undefined
        ? "That code isn't right. Check it and try again."
        : `That code isn't right. ${attemptsLeft} ${attemptsLeft === 1 ? "attempt" : "attempts"} left.`,
    recovery_invalid: (attemptsLeft: number | undefined) =>
      attemptsLeft === undefined
        ? "That recovery code isn't right, or it was already used."
        : `That recovery code isn't right, or it was already used. ${attemptsLeft} ${attemptsLeft === 1 ? "attempt" : "attempts"} left.`,
    challenge_expired: "This code has expired. Get a new one to continue.",
    too_many_attempts: "Too many wrong codes. Get a new code, or use another method.",
    locked: (minutes: number) =>
      `Too many failed attempts. For your security, try again in ${minutes} ${minutes === 1 ? "minute" : "minutes"}.`,
    rate_limited: (seconds: number | undefined) =>
      seconds === undefined
        ? "Too many codes were sent. Wait a moment and try again."
        : seconds < 90
          ? `Too many codes were sent. You can ask for another in ${seconds} seconds.`
          : `Too many codes were sent. You can ask for another in ${Math.ceil(seconds / 60)} minutes.`,
    delivery_failed: "We couldn't send the code. Try again later, or use another method.",
    passkey_invalid: "Your passkey couldn't be verified. Try again, or use another method.",
    no_recovery_codes: "You have no unused recovery codes left. Use another method.",
    not_found: "This device is no longer available. Use another method.",
    method_disabled: "This method isn't available right now. Use another method.",
  },
};

export type VerifyTranslation = typeof en;
export default en;
