import profile from "./profile/de.js";
import type { Translation } from "./en.js";

const de: Translation = {
  lang: "de",
  dir: "ltr",

  profileHeading: "Profil",
  profileSubtitle: "Verwalten Sie Ihre persönlichen Daten",
  signedInAs: (username) => `Angemeldet als ${username}`,
  loading: "Ihr Profil wird geladen …",

  nameSection: "Name",
  contactSection: "Kontakt",
  addressSection: "Adresse",
  givenName: "Vorname",
  familyName: "Nachname",
  email: "E-Mail",
  phone: "Telefon",
  phoneHint: "Internationales Format, z. B. +4915112345678",
  protectedNote: "Zum Ändern von E-Mail-Adresse oder Telefonnummer müssen Sie sich kürzlich angemeldet haben.",
  protectedNoteAny: "Zum Ändern dieser Angaben müssen Sie sich kürzlich angemeldet haben.",
  streetAddress: "Straße und Hausnummer",
  locality: "Ort",
  region: "Bundesland / Region",
  postalCode: "Postleitzahl",
  countryCode: "Land",
  selectCountry: "Land auswählen",
  detailsSection: "Weitere Angaben",
  selectOption: "Bitte wählen …",
  requiredNote: "Pflichtfeld",
  yes: "Ja",
  no: "Nein",
  notSet: "Nicht angegeben",

  save: "Speichern",
  saving: "Wird gespeichert …",
  discard: "Änderungen verwerfen",
  tryAgain: "Erneut versuchen",
  confirmIdentity: "Identität bestätigen",
  signInAgain: "Erneut anmelden",
  reauthConfirm: "Bestätigen Sie zu Ihrer Sicherheit Ihre Identität, um E-Mail oder Telefonnummer zu ändern. Ihre Änderungen bleiben erhalten.",
  saved: "Ihr Profil wurde gespeichert.",
  changesKept: "Ihre Änderungen bleiben erhalten.",

  invalidEmail: "Geben Sie eine gültige E-Mail-Adresse ein, z. B. name@example.com.",
  invalidPhone: "Beginnen Sie die Nummer mit + und der Ländervorwahl.",
  invalidField: {
    givenName: "Höchstens 100 Zeichen in einer Zeile.",
    familyName: "Höchstens 100 Zeichen in einer Zeile.",
    email: "Geben Sie eine gültige E-Mail-Adresse ein, z. B. name@example.com.",
    phone: "Geben Sie die Nummer im internationalen Format ein: + gefolgt von Ländervorwahl und Rufnummer, z. B. +4915112345678.",
    "address.streetAddress": "Höchstens 200 Zeichen in einer Zeile.",
    "address.locality": "Höchstens 100 Zeichen in einer Zeile.",
    "address.region": "Höchstens 100 Zeichen in einer Zeile.",
    "address.postalCode": "Geben Sie eine gültige Postleitzahl ein: Buchstaben, Ziffern, Leerzeichen und Bindestriche.",
    "address.countryCode": "Wählen Sie ein Land aus der Liste.",
  },

  profile,


  notSignedInTitle: "Sie sind nicht angemeldet",
  signedOutTitle: "Sie wurden abgemeldet",
  wrongAccountTitle: "Falsches Konto",
  loadErrorTitle: "Ihr Profil konnte nicht geladen werden",

  devicesHeading: "Multi-Faktor-Authentifizierung",
  devicesSubtitle: "Ein zweiter Schritt, der Ihr Konto schützt",
  loadingDevices: "Ihre Geräte werden geladen …",
  loadingActivity: "Ihre Aktivitäten werden geladen …",
  devicesLoadErrorTitle: "Ihre Geräte konnten nicht geladen werden",

  errors: {
    session_missing: "Melden Sie sich an, um Ihr Profil anzusehen und zu bearbeiten.",
    session_invalid: "Ihre Anmeldung konnte nicht bestätigt werden. Bitte melden Sie sich erneut an.",
    session_expired: "Ihre Sitzung ist abgelaufen. Bitte melden Sie sich erneut an.",
    username_mismatch:
      "Sie sind mit einem anderen Konto angemeldet, als diese Seite erwartet. Melden Sie sich mit dem richtigen Konto an.",
    reauthentication_required:
      "Melden Sie sich zu Ihrer Sicherheit erneut an, um E-Mail-Adresse oder Telefonnummer zu ändern. Ihre Änderungen bleiben erhalten.",
    version_conflict:
      "Ihr Profil wurde an anderer Stelle geändert. Wir haben die aktuelle Version geladen und Ihre Änderungen beibehalten – prüfen Sie sie und speichern Sie erneut.",
    validation_failed: "Einige Angaben müssen noch korrigiert werden.",
    precondition_required: "Ihr Profil konnte nicht gespeichert werden. Laden Sie die Seite neu und versuchen Sie es noch einmal.",
    network_error: "Der Server ist nicht erreichbar. Prüfen Sie Ihre Verbindung und versuchen Sie es erneut.",
    rate_limited: "Zu viele Versuche. Warten Sie einen Moment und versuchen Sie es dann erneut.",
    service_unavailable: "Der Dienst ist kurzzeitig nicht verfügbar. Versuchen Sie es gleich noch einmal.",
    internal_error: "Bei uns ist ein Fehler aufgetreten. Versuchen Sie es gleich noch einmal.",
    unknown: "Etwas ist schiefgelaufen. Versuchen Sie es gleich noch einmal.",
  },
};

export default de;
