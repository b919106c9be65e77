import type { ProfileTranslation } from "./en.js";

const de: ProfileTranslation = {
  problems: {
    required: "Dieses Feld ist erforderlich.",
    minLength: (limit) => (limit === 1 ? "Dieses Feld ist erforderlich." : `Mindestens ${limit} Zeichen.`),
    maxLength: (limit) => `Höchstens ${limit} Zeichen.`,
    pattern: "Geben Sie einen Wert im erwarteten Format ein.",
    email: "Geben Sie eine gültige E-Mail-Adresse ein, z. B. name@example.com.",
    tel: "Geben Sie die Nummer im internationalen Format ein: + gefolgt von Ländervorwahl und Rufnummer, z. B. +4915112345678.",
    date: "Geben Sie ein Datum ein.",
    uri: "Geben Sie eine vollständige Webadresse ein, z. B. https://example.com.",
    enum: "Wählen Sie einen der aufgeführten Werte.",
    integer: "Geben Sie eine ganze Zahl ein.",
    number: "Geben Sie eine Zahl ein.",
    minimum: (limit) => `Mindestens ${limit}.`,
    maximum: (limit) => `Höchstens ${limit}.`,
    minItems: (limit) => `Wählen Sie mindestens ${limit}.`,
    maxItems: (limit) => `Wählen Sie höchstens ${limit}.`,
    displaySafe: "Ohne Zeilenumbrüche, Steuerzeichen oder unsichtbare Zeichen.",
    country: "Wählen Sie ein Land aus der Liste.",
    readOnly: "Dieses Feld kann nicht geändert werden.",
    other: "Dieser Wert wird nicht angenommen.",
  },
  codeSent: (target) => `Geben Sie den Code ein, den wir an ${target} gesendet haben.`,
  waitingNote: "Ihre bisherige Adresse gilt, bis die neue bestätigt ist.",
  code: "Code",
  verify: "Bestätigen",
  verifying: "Wird bestätigt …",
  noCode: "Keinen Code erhalten?",
  resend: "Code erneut senden",
  resendIn: (seconds) => `Erneut senden in ${seconds} s`,
  sending: "Wird gesendet …",
  cancel: "Abbrechen",
  invalidCode: "Geben Sie die 6 Ziffern des Codes ein.",
  resent: (target) => `Wir haben einen neuen Code an ${target} gesendet.`,
  codeNeeded: "Fast geschafft: Geben Sie den gesendeten Code ein, um Ihre neue Adresse zu bestätigen.",
  applied: (field) => `${field} bestätigt und gespeichert.`,
  cancelled: (field) => `Die Änderung von ${field} wurde abgebrochen.`,
  errors: {
    otp_invalid: (attemptsLeft) =>
      attemptsLeft === undefined
        ? "Dieser Code ist nicht korrekt. Prüfen Sie ihn und versuchen Sie es erneut."
        : `Dieser Code ist nicht korrekt. Noch ${attemptsLeft} ${attemptsLeft === 1 ? "Versuch" : "Versuche"}.`,
    otp_expired: "Dieser Code ist abgelaufen. Fordern Sie einen neuen an.",
    too_many_attempts: "Zu viele falsche Codes. Brechen Sie die Änderung ab und beginnen Sie von vorn.",
    rate_limited: "Warten Sie einen Moment, bevor Sie einen neuen Code anfordern.",
    not_found: "Diese Änderung wartet nicht mehr. Laden Sie die Seite neu, um Ihr Profil zu sehen.",
  },
};

export default de;
