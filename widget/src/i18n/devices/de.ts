import type { DevicesTranslation } from "./en.js";

const de: DevicesTranslation = {
  types: { sms: "SMS", email: "E-Mail", totp: "Authenticator-App", passkey: "Passkey" },
  nicknames: { sms: "Telefon", email: "E-Mail", totp: "Authenticator-App", passkey: "Passkey" },
  typeHints: {
    sms: "Code per SMS erhalten",
    email: "Code per E-Mail erhalten",
    totp: "Code aus einer App wie Google Authenticator oder 1Password verwenden",
    passkey: "Mit Fingerabdruck, Gesichtserkennung oder Displaysperre bestätigen",
  },

  enableTitle: "Schützen Sie Ihr Konto mit MFA",
  enableText:
    "Die Multi-Faktor-Authentifizierung (MFA) verlangt bei der Anmeldung einen zweiten Schritt – einen Code oder einen Passkey. So reicht ein gestohlenes Passwort allein nicht aus, um Ihr Konto zu öffnen.",
  enable: "MFA aktivieren",
  enabling: "Wird aktiviert …",

  listTitle: "Ihre Geräte",
  listText: "Bei der Anmeldung bitten wir Sie, sich mit einem dieser Geräte zu bestätigen.",
  mfaOn: "MFA ist aktiv",
  emptyTitle: "Noch keine Geräte",
  addDevice: "Gerät hinzufügen",
  limitReached: (max) =>
    `Sie können höchstens ${max} ${max === 1 ? "Gerät" : "Geräte"} haben. Entfernen Sie eines, um ein neues hinzuzufügen.`,
  addUnavailable: "Neue Geräte können hier derzeit nicht hinzugefügt werden.",
  defaultBadge: "Standard",
  pending: "Bestätigung ausstehend",
  done: "Fertig",
  cancel: "Abbrechen",
  disableMfa: "MFA deaktivieren",

  chooseTitle: "Gerät hinzufügen",
  chooseText: "Wählen Sie, wie Sie bestätigen möchten, dass Sie es sind.",
  passkeyUnsupported: "Dieser Browser kann keine Passkeys erstellen.",

  targetText: {
    sms: "Geben Sie die Mobilnummer ein, an die Ihre Anmeldecodes gesendet werden sollen.",
    email: "Geben Sie die E-Mail-Adresse ein, an die Ihre Anmeldecodes gesendet werden sollen.",
  },
  phone: "Telefon",
  phoneHint: "Internationales Format, z. B. +4915112345678",
  email: "E-Mail",
  sendCode: "Code senden",
  sending: "Wird gesendet …",
  invalidPhone: "Beginnen Sie die Nummer mit + und der Ländervorwahl, z. B. +4915112345678.",
  countryCode: "Ländervorwahl",
  phoneHintCountry: "Geben Sie die Nummer so ein, wie Sie sie in diesem Land wählen würden, oder beginnen Sie mit + und einer anderen Ländervorwahl.",
  invalidPhoneIn: (country) => `Das ist keine vollständige Telefonnummer für ${country}. Prüfen Sie sie oder wählen Sie eine andere Ländervorwahl.`,
  invalidEmail: "Geben Sie eine gültige E-Mail-Adresse ein, z. B. name@example.com.",

  codeTitle: "Code eingeben",
  codeSent: (target) => `Wir haben einen 6-stelligen Code an ${target} gesendet.`,
  code: "Code",
  codeHint: "Er ist 10 Minuten lang gültig.",
  invalidCode: "Geben Sie die 6 Ziffern des Codes ein.",
  verify: "Bestätigen",
  verifying: "Wird bestätigt …",
  noCode: "Keinen Code erhalten?",
  resend: "Code erneut senden",
  resendIn: (seconds) => `Erneut senden in ${seconds} s`,
  resent: (target) => `Wir haben einen neuen Code an ${target} gesendet.`,

  totpTitle: "Authenticator-App einrichten",
  totpScan: "Scannen Sie diesen QR-Code mit Ihrer Authenticator-App.",
  qrLabel: "QR-Bild für Ihre Authenticator-App",
  totpManual: "Scannen nicht möglich? Geben Sie stattdessen diesen Einrichtungsschlüssel ein:",
  copy: "Kopieren",
  copied: "Kopiert",
  copyFailed: "Kopieren nicht möglich. Markieren Sie den Schlüssel und kopieren Sie ihn selbst.",
  totpEnter: "Geben Sie den 6-stelligen Code ein, den die App anzeigt.",

  passkeyTitle: "Passkey erstellen",
  passkeyText:
    "Mit einem Passkey bestätigen Sie Ihre Identität per Fingerabdruck, Gesichtserkennung, PIN oder Displaysperre. Sie müssen nichts eintippen, und Phishing ist ausgeschlossen.",
  createPasskey: "Passkey erstellen",
  creatingPasskey: "Warten auf Ihr Gerät …",
  passkeyCancelled: "Die Passkey-Erstellung wurde abgebrochen. Versuchen Sie es erneut, wenn Sie so weit sind.",
  passkeyExists: "Auf diesem Gerät gibt es bereits einen Passkey für Ihr Konto.",
  passkeyFailed: "Ihr Browser konnte keinen Passkey erstellen. Versuchen Sie es erneut oder wählen Sie eine andere Geräteart.",

  recoveryTitle: "Wiederherstellungscodes",
  recoveryNone:
    "Codes, mit denen Sie sich anmelden können, wenn Sie Ihre Geräte verlieren. Erstellen Sie sie und bewahren Sie sie an einem sicheren Ort auf.",
  recoveryCount: (remaining, total) => `Noch ${remaining} von ${total}`,
  recoveryLow: (remaining) =>
    remaining === 0
      ? "Sie haben alle Wiederherstellungscodes verbraucht. Erstellen Sie neue."
      : `Nur noch ${remaining} übrig. Erstellen Sie bald neue.`,
  createRecovery: "Codes erstellen",
  replaceRecovery: "Neue Codes erstellen",
  creatingRecovery: "Wird erstellt …",
  recoveryShowTitle: "Speichern Sie Ihre Wiederherstellungscodes",
  recoveryShowText:
    "Mit jedem Code können Sie sich einmal anmelden, wenn Sie Ihre Geräte nicht verwenden können. Bewahren Sie sie an einem sicheren Ort auf: Sie werden nicht noch einmal angezeigt, und ältere Codes funktionieren nicht mehr.",
  recoveryListLabel: "Ihre Wiederherstellungscodes",
  copyCodes: "Kopieren",
  downloadCodes: "Herunterladen",
  printCodes: "Drucken",
  savedCodes: "Ich habe sie gespeichert",
  recoveryFile: (account, date) =>
    `Wiederherstellungscodes für ${account}, erstellt am ${date}.\nJeder Code funktioniert nur einmal. Bewahren Sie sie an einem sicheren Ort auf.`,
  recoveryCreated: "Wiederherstellungscodes erstellt.",
  activityLink: "Letzte Aktivitäten",
  activityLinkText: "Anmeldungen und Änderungen an Ihrem Konto",

  back: "Alle Geräte",
  type: "Art",
  added: "Hinzugefügt",
  addedOn: (date) => `Hinzugefügt am ${date}`,
  lastUsed: "Zuletzt verwendet",
  never: "Nie",
  nickname: "Name",
  nicknameHint: "Hilft Ihnen, Ihre Geräte auseinanderzuhalten.",
  invalidNickname: "Geben Sie einen Namen mit höchstens 40 Zeichen ein.",
  save: "Speichern",
  saving: "Wird gespeichert …",
  defaultTitle: "Standardgerät",
  isDefault: "Dies ist Ihr Standardgerät: Bei der Anmeldung fragen wir zuerst danach.",
  makeDefaultText: "Machen Sie dieses Gerät zu dem, nach dem wir bei der Anmeldung zuerst fragen.",
  setDefault: "Als Standard festlegen",
  pendingText:
    "Dieses Gerät wurde nie bestätigt und kann daher nicht zur Anmeldung verwendet werden. Entfernen Sie es und fügen Sie es erneut hinzu.",
  removeTitle: "Gerät entfernen",
  removeText: "Sie können es danach nicht mehr zur Anmeldung verwenden.",
  remove: "Entfernen",
  removing: "Wird entfernt …",
  confirmRemoveTitle: "Dieses Gerät entfernen?",
  confirmRemoveText: (nickname) =>
    `Sie können „${nickname}“ danach nicht mehr zur Anmeldung verwenden. Sie können es später wieder hinzufügen.`,

  confirmDisableTitle: "MFA deaktivieren?",
  confirmDisableText:
    "Sie melden sich dann nur noch mit Ihrem Passwort an. Ihre Geräte bleiben gespeichert, sodass Sie MFA jederzeit wieder aktivieren können.",
  disabling: "Wird deaktiviert …",

  deviceAdded: "Gerät hinzugefügt",
  deviceRenamed: "Gerät umbenannt",
  defaultChanged: "Standardgerät geändert",
  deviceRemoved: "Gerät entfernt",
  mfaDisabled: "MFA ist deaktiviert.",

  setupUnfinished: "Nicht abgeschlossen",
  protectedBy: (count) =>
    count === 1 ? "Anmeldungen sind durch 1 Gerät geschützt." : `Anmeldungen sind durch ${count} Geräte geschützt.`,
  notProtected: "Fügen Sie ein Gerät hinzu, um die Einrichtung abzuschließen – Anmeldungen sind noch nicht geschützt.",
  startWith: "Oder gleich mit einem Gerät beginnen:",
  lastUsedOn: (when) => `Zuletzt verwendet: ${when}`,
  usedJustNow: "Gerade eben verwendet",
  neverUsed: "Noch nie verwendet",
  nicknameTooLong: (length, max) => `Das sind ${length} Zeichen. Ein Name darf höchstens ${max} Zeichen lang sein.`,
  charactersLimit: (max) => `Höchstens ${max} Zeichen.`,
  charactersLeft: (left) => (left >= 0 ? `Verbleibende Zeichen: ${left}` : `Zeichen zu viel: ${-left}`),
  signInAgain: "Erneut anmelden",
  confirmToContinue:
    "Bestätigen Sie zu Ihrer Sicherheit Ihre Identität, um diese Änderung vorzunehmen. Sie wird abgeschlossen, sobald Sie das getan haben.",

  errors: {
    session_missing: "Melden Sie sich an, um Ihre Anmeldegeräte zu verwalten.",
    reauthentication_required:
      "Melden Sie sich zu Ihrer Sicherheit erneut an, um diese Änderung vorzunehmen. Sie wird abgeschlossen, sobald Sie angemeldet sind.",
    otp_invalid: (attemptsLeft) =>
      attemptsLeft === undefined
        ? "Dieser Code ist nicht korrekt. Prüfen Sie ihn und versuchen Sie es erneut."
        : `Dieser Code ist nicht korrekt. Noch ${attemptsLeft} ${attemptsLeft === 1 ? "Versuch" : "Versuche"}.`,
    otp_expired: "Dieser Code ist abgelaufen. Fordern Sie einen neuen an.",
    too_many_attempts: "Zu viele falsche Codes. Brechen Sie ab und beginnen Sie von vorn.",
    rate_limited: (seconds) =>
      seconds === undefined
        ? "Es wurden zu viele Codes gesendet. Warten Sie einen Moment und versuchen Sie es erneut."
        : seconds < 90
          ? `Es wurden zu viele Codes gesendet. In ${seconds} ${seconds === 1 ? "Sekunde" : "Sekunden"} können Sie einen neuen anfordern.`
          : `Es wurden zu viele Codes gesendet. In ${Math.ceil(seconds / 60)} Minuten können Sie einen neuen anfordern.`,
    delivery_failed: "Der Code konnte nicht gesendet werden. Prüfen Sie die Nummer bzw. Adresse oder versuchen Sie es später erneut.",
    device_limit_reached: "Sie haben bereits die maximale Anzahl an Geräten. Entfernen Sie eines, um ein neues hinzuzufügen.",
    method_disabled: "Diese Geräteart kann hier nicht hinzugefügt werden.",
    last_device:
      "Für MFA ist mindestens ein Gerät erforderlich. Fügen Sie zuerst ein weiteres Gerät hinzu oder deaktivieren Sie MFA, um dieses zu entfernen.",
    device_not_active: "Bestätigen Sie dieses Gerät, bevor Sie es als Standard festlegen.",
    device_already_active: "Dieses Gerät ist bereits bestätigt.",
    challenge_expired: "Diese Passkey-Anfrage ist abgelaufen. Versuchen Sie es erneut.",
    passkey_invalid: "Ihr Passkey konnte nicht überprüft werden. Versuchen Sie es erneut.",
    passkey_already_registered: "Dieser Passkey ist bereits registriert.",
    resend_not_supported: "Codes werden nur an SMS- und E-Mail-Geräte gesendet.",
    not_found: "Dieses Gerät existiert nicht mehr. Möglicherweise wurde es an anderer Stelle entfernt.",
    validation_failed: "Prüfen Sie Ihre Eingabe.",
  },
};

export default de;
