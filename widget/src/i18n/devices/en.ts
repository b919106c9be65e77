/**
 * The English strings of the devices flow. They load with the flow's own chunk, so the profile flow never
 * downloads them; this table defines the `DevicesTranslation` type that every other language file satisfies.
 */
const en = {
  /** The four device types, as the add screen offers them and the list labels them. */
  types: {
    sms: "Text message (SMS)",
    email: "Email",
    totp: "Authenticator app",
    passkey: "Passkey",
  },
  /** The name a new device gets until the person renames it. */
  nicknames: {
    sms: "Phone",
    email: "Email",
    totp: "Authenticator app",
    passkey: "Passkey",
  },
  typeHints: {
    sms: "Get a code by text message",
    email: "Get a code by email",
    totp: "Use a code from an app like Google Authenticator or 1Password",
    passkey: "Use your fingerprint, face or screen lock",
  },

  enableTitle: "Protect your account with MFA",
  enableText:
    "Multi-factor authentication (MFA) asks for a second step when you sign in — a code or a passkey — so a stolen password alone can't open your account.",
  enable: "Enable MFA",
  enabling: "Turning on…",

  listTitle: "Your devices",
  listText: "When you sign in, we'll ask you to confirm it's you with one of these.",
  mfaOn: "MFA is on",
  emptyTitle: "No devices yet",
  addDevice: "Add device",
  limitReached: (max: number) => `You can have up to ${max} devices. Remove one to add another.`,
  addUnavailable: "New devices can't be added here right now.",
  defaultBadge: "Default",
  pending: "Pending verification",
  done: "Done",
  cancel: "Cancel",
  disableMfa: "Turn off MFA",

  chooseTitle: "Add a device",
  chooseText: "Choose how you'd like to confirm it's you.",
  passkeyUnsupported: "This browser can't create passkeys.",

  targetText: {
    sms: "Enter the mobile number that should receive your sign-in codes.",
    email: "Enter the email address that should receive your sign-in codes.",
  },
  phone: "Phone",
  phoneHint: "International format, e.g. +14155550123",
  email: "Email",
  sendCode: "Send code",
  sending: "Sending…",
  invalidPhone: "Start the number with + and the country code, e.g. +14155550123.",
  /** The phone step's country-code picker (methods/phone-field.ts). */
  countryCode: "Country code",
  phoneHintCountry: "Type the number as you'd dial it in that country, or start with + and another country code.",
  invalidPhoneIn: (country: string) => `That isn't a complete phone number for ${country}. Check it, or choose another country code.`,
  invalidEmail: "Enter a valid email address, e.g. name@example.com.",

  codeTitle: "Enter the code",
  codeSent: (target: string) => `We sent a 6-digit code to ${target}.`,
  code: "Code",
  codeHint: "It expires in 10 minutes.",
  invalidCode: "Enter the 6 digits of the code.",
  verify: "Verify",
  verifying: "Verifying…",
  noCode: "Didn't get it?",
  resend: "Resend code",
  resendIn: (seconds: number) => `Resend code in ${seconds}s`,
  resent: (target: string) => `We sent a new code to ${target}.`,

  totpTitle: "Set up your authenticator app",
  totpScan: "Scan this QR code with your authenticator app.",
  // Not "QR code": a field nearby is labelled "Code", and a label should find one control.
  qrLabel: "QR image for your authenticator app",
  totpManual: "Can't scan it? Enter this setup key instead:",
  copy: "Copy",
  copied: "Copied",
  copyFailed: "Couldn't copy. Select the key and copy it yourself.",
  totpEnter: "Enter the 6-digit code the app shows.",

  passkeyTitle: "Create a passkey",
  passkeyText:
    "A passkey lets you confirm it's you with your fingerprint, face, PIN or screen lock. Nothing to type, and it can't be phished.",
  createPasskey: "Create passkey",
  creatingPasskey: "Waiting for your device…",
  passkeyCancelled: "Passkey creation was cancelled. Try again when you're ready.",
  passkeyExists: "This device already has a passkey for your account.",
  passkeyFailed: "Your browser couldn't create a passkey. Try again, or choose another kind of device.",

  recoveryTitle: "Recovery codes",
  recoveryNone: "Codes you can use to sign in if you lose your devices. Create them and keep them somewhere safe.",
  recoveryCount: (remaining: number, total: number) => `${remaining} of ${total} left`,
  recoveryLow: (remaining: number) =>
    remaining === 0 ? "You've used every recovery code. Create new ones." : `Only ${remaining} left. Create new ones soon.`,
  createRecovery: "Create codes",
  replaceRecovery: "Create new codes",
  creatingRecovery: "Creating…",
  recoveryShowTitle: "Save your recovery codes",
  recoveryShowText:
    "Each code lets you sign in once if you can't use your devices. Keep them somewhere safe: they won't be shown again, and any older codes no longer work.",
  recoveryListLabel: "Your recovery codes",
  copyCodes: "Copy",
  downloadCodes: "Download",
  printCodes: "Print",
  savedCodes: "I've saved them",
  recoveryFile: (account: string, date: string) =>
    `Recovery codes for ${account}, created ${date}.\nEach code works once. Keep them somewhere safe.`,
  recoveryCreated: "Recovery codes created.",
  /** The device list's way to the activity screen (screens/activity/, a chunk of its own). */
  activityLink: "Recent activity",
  activityLinkText: "Sign-ins and changes to your account",

  back: "All devices",
  type: "Type",
  added: "Added",
  addedOn: (date: string) => `Added ${date}`,
  lastUsed: "Last used",
  never: "Never",
  nickname: "Nickname",
  nicknameHint: "Helps you tell your devices apart.",
  invalidNickname: "Enter a name of up to 40 characters.",
  save: "Save",
  saving: "Saving…",
  defaultTitle: "Default device",
  isDefault: "This is your default device: we ask for it first when you sign in.",
  makeDefaultText: "Make this the device we ask for first when you sign in.",
  setDefault: "Set as default",
  pendingText: "This device was never verified, so it can't be used to sign in. Remove it, then add it again.",
  removeTitle: "Remove device",
  removeText: "You won't be able to use it to sign in any more.",
  remove: "Remove",
  removing: "Removing…",
  confirmRemoveTitle: "Remove this device?",
  confirmRemoveText: (nickname: string) =>
    `You won't be able to use “${nickname}” to sign in any more. You can add it again later.`,

  confirmDisableTitle: "Turn off MFA?",
  confirmDisableText:
    "You'll sign in with just your password. Your devices are kept, so you can turn MFA back on at any time.",
  disabling: "Turning off…",

  deviceAdded: "Device added",
  deviceRenamed: "Device renamed",
  defaultChanged: "Default device changed",
  deviceRemoved: "Device removed",
  mfaDisabled: "MFA is off.",

  /** The list's state while no device is active: setting up MFA is not finished. */
  setupUnfinished: "Not finished",
  protectedBy: (count: number) =>
    count === 1 ? "Sign-ins are protected by 1 device." : `Sign-ins are protected by ${count} devices.`,
  notProtected: "Add a device to finish setting up — sign-ins are not protected yet.",
  /** Above the kinds of device on "Protect your account with MFA": each turns MFA on and starts adding one. */
  startWith: "Or start with a device:",
  /** `when`: "2 days ago", "yesterday", or a date (Intl). */
  lastUsedOn: (when: string) => `Last used ${when}`,
  usedJustNow: "Used just now",
  neverUsed: "Never used",
  nicknameTooLong: (length: number, max: number) => `That's ${length} characters. A nickname can have up to ${max}.`,
  charactersLimit: (max: number) => `Up to ${max} characters.`,
  charactersLeft: (left: number) => (left >= 0 ? `Characters left: ${left}` : `Too many characters: ${-left}`),
  signInAgain: "Sign in again",
  /** In place of "sign in again" when the person can confirm with one of their devices. */
  confirmToContinue: "For your security, confirm it's you to make this change. It will finish as soon as you do.",

  /** Messages of the codes this flow meets; the widget's shared table covers sessions and the network. */
  errors: {
    session_missing: "Sign in to manage your sign-in devices.",
    reauthentication_required: "For your security, sign in again to make this change. It will finish as soon as you do.",
    otp_invalid: (attemptsLeft: number | undefined) =>
      attemptsLeft === undefined
        ? "That code isn't right. Check it and try again."
        : `That code isn't right. ${attemptsLeft} ${attemptsLeft === 1 ? "attempt" : "attempts"} left.`,
    otp_expired: "This code has expired. Ask for a new one.",
    too_many_attempts: "Too many wrong codes. Cancel and start again.",
    rate_limited: (seconds: number | undefined) =>
      seconds === undefined
        ? "Too many codes were sent. Wait a moment and try again."
        : seconds < 90
          ? `Too many codes were sent. You can ask for another in ${seconds} seconds.`
          : `Too many codes were sent. You can ask for another in ${Math.ceil(seconds / 60)} minutes.`,
    delivery_failed: "We couldn't send the code. Check the number or address, or try again later.",
    device_limit_reached: "You already have the most devices allowed. Remove one to add another.",
    method_disabled: "This kind of device can't be added here.",
    last_device: "MFA needs at least one device. Add another device first, or turn off MFA to remove this one.",
    device_not_active: "Verify this device before making it the default.",
    device_already_active: "This device is already verified.",
    challenge_expired: "This passkey request expired. Try again.",
    passkey_invalid: "Your passkey couldn't be verified. Try again.",
    passkey_already_registered: "This passkey is already registered.",
    resend_not_supported: "Only text message and email devices are sent codes.",
    not_found: "This device no longer exists. It may have been removed elsewhere.",
    validation_failed: "Check what you entered.",
  },
};

export type DevicesTranslation = typeof en;
export type DevicesErrorCode = keyof DevicesTranslation["errors"];
export default en;
