import type { VerifyTranslation } from "./en.js";

const de: VerifyTranslation = {
  heading: "Bestätigen Sie Ihre Identität",
  subtitle: "Noch ein Schritt, um Ihr Konto zu schützen",
  stepUpText:
    "Für diese Änderung ist eine aktuelle Anmeldung erforderlich. Bestätigen Sie mit einem Ihrer Geräte, dass Sie es sind, dann wird sie ausgeführt.",

  types: {
    sms: "SMS",
    email: "E-Mail",
    totp: "Authenticator-App",
    passkey: "Passkey",
    recovery_code: "Wiederherstellungscode",
  },

  codeTitle: "Code eingeben",
  codeSent: (target) => `Wir haben einen 6-stelligen Code an ${target} gesendet.`,
  totpText: "Öffnen Sie Ihre Authenticator-App und geben Sie den 6-stelligen Code ein, den sie anzeigt.",
  code: "Code",
  invalidCode: "Geben Sie die 6 Ziffern des Codes ein.",
  verify: "Bestätigen",
  verifying: "Wird bestätigt …",
  noCode: "Keinen Code erhalten?",
  resend: "Code erneut senden",
  resendIn: (seconds) => `Erneut senden in ${seconds} s`,
  resent: (target) => `Wir haben einen neuen Code an ${target} gesendet.`,
  sending: "Wird gesendet …",

  passkeyTitle: "Passkey verwenden",
  passkeyText:
    "Bestätigen Sie per Fingerabdruck, Gesichtserkennung, PIN oder Sicherheitsschlüssel, sobald Ihr Browser Sie dazu auffordert.",
  usePasskey: "Passkey verwenden",
  waitingPasskey: "Warten auf Ihren Passkey …",
  passkeyCancelled:
    "Die Passkey-Anfrage wurde abgebrochen. Versuchen Sie es erneut, wenn Sie so weit sind, oder verwenden Sie eine andere Methode.",
  passkeyFailed:
    "Ihr Browser konnte den Passkey nicht verwenden. Versuchen Sie es erneut oder verwenden Sie eine andere Methode.",
  passkeyUnsupported: "Dieser Browser kann keine Passkeys verwenden. Verwenden Sie eine andere Methode.",

  recoveryTitle: "Wiederherstellungscode verwenden",
  recoveryText:
    "Geben Sie einen der Wiederherstellungscodes ein, die Sie gespeichert haben. Jeder Code funktioniert nur einmal.",
  recoveryLabel: "Wiederherstellungscode",
  invalidRecovery: "Geben Sie einen Wiederherstellungscode ein, z. B. 7k2m-q9xd-4hwa.",
  recoveryLeft: (count) => `Noch ${count} ${count === 1 ? "Code" : "Codes"} übrig`,
  recoveryLow: (count) =>
    count === 0
      ? "Das war Ihr letzter Wiederherstellungscode. Erstellen Sie neue in Ihren Sicherheitseinstellungen."
      : `Nur noch ${count} ${count === 1 ? "Wiederherstellungscode" : "Wiederherstellungscodes"} übrig. Erstellen Sie neue in Ihren Sicherheitseinstellungen.`,

  anotherMethod: "Andere Methode verwenden",
  chooseTitle: "Methode wählen",
  chooseText: "Wie möchten Sie bestätigen, dass Sie es sind?",
  defaultBadge: "Standard",
  cancel: "Abbrechen",
  back: "Zurück",

  verifiedTitle: "Identität bestätigt",
  verifiedText: "Danke, dass Sie bestätigt haben, dass Sie es sind.",
  confirmed: "Bestätigt. Ihre Änderung wird abgeschlossen …",

  errors: {
    session_missing: "Melden Sie sich zuerst an und bestätigen Sie dann Ihre Identität.",
    mfa_not_enabled:
      "Für dieses Konto ist noch kein Anmeldegerät zur Bestätigung eingerichtet. Richten Sie zuerst eines in Ihren Sicherheitseinstellungen ein.",
    otp_invalid: (attemptsLeft) =>
      attemptsLeft === undefined
        ? "Dieser Code ist nicht korrekt. Prüfen Sie ihn und versuchen Sie es erneut."
        : `Dieser Code ist nicht korrekt. Noch ${attemptsLeft} ${attemptsLeft === 1 ? "Versuch" : "Versuche"}.`,
    recovery_invalid: (attemptsLeft) =>
      attemptsLeft === undefined
        ? "Dieser Wiederherstellungscode ist nicht korrekt oder wurde bereits verwendet."
        : `Dieser Wiederherstellungscode ist nicht korrekt oder wurde bereits verwendet. Noch ${attemptsLeft} ${attemptsLeft === 1 ? "Versuch" : "Versuche"}.`,
    challenge_expired: "Dieser Code ist abgelaufen. Fordern Sie einen neuen an, um fortzufahren.",
    too_many_attempts: "Zu viele falsche Codes. Fordern Sie einen neuen Code an oder verwenden Sie eine andere Methode.",
    locked: (minutes) =>
      `Zu viele fehlgeschlagene Versuche. Versuchen Sie es zu Ihrer Sicherheit in ${minutes} ${minutes === 1 ? "Minute" : "Minuten"} erneut.`,
    rate_limited: (seconds) =>
      seconds === undefined
        ? "Es wurden zu viele Codes gesendet. Warten Sie einen Moment und versuchen Sie es erneut."
        : seconds < 90
          ? `Es wurden zu viele Codes gesendet. In ${seconds} ${seconds === 1 ? "Sekunde" : "Sekunden"} können Sie einen neuen anfordern.`
          : `Es wurden zu viele Codes gesendet. In ${Math.ceil(seconds / 60)} Minuten können Sie einen neuen anfordern.`,
    delivery_failed:
      "Der Code konnte nicht gesendet werden. Versuchen Sie es später erneut oder verwenden Sie eine andere Methode.",
    passkey_invalid:
      "Ihr Passkey konnte nicht überprüft werden. Versuchen Sie es erneut oder verwenden Sie eine andere Methode.",
    no_recovery_codes: "Sie haben keine unbenutzten Wiederherstellungscodes mehr. Verwenden Sie eine andere Methode.",
    not_found: "Dieses Gerät ist nicht mehr verfügbar. Verwenden Sie eine andere Methode.",
    method_disabled: "Diese Methode ist derzeit nicht verfügbar. Verwenden Sie eine andere Methode.",
  },
};

export default de;
