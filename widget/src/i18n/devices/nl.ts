import type { DevicesTranslation } from "./en.js";

const nl: DevicesTranslation = {
  types: { sms: "Sms", email: "E-mail", totp: "Authenticator-app", passkey: "Passkey" },
  nicknames: { sms: "Telefoon", email: "E-mail", totp: "Authenticator-app", passkey: "Passkey" },
  typeHints: {
    sms: "Ontvang een code per sms",
    email: "Ontvang een code per e-mail",
    totp: "Gebruik een code uit een app zoals Google Authenticator of 1Password",
    passkey: "Gebruik je vingerafdruk, gezicht of schermvergrendeling",
  },

  enableTitle: "Beveilig je account met MFA",
  enableText:
    "Multifactorauthenticatie (MFA) vraagt bij het inloggen om een tweede stap – een code of een passkey – zodat een gestolen wachtwoord alleen niet genoeg is om in je account te komen.",
  enable: "MFA inschakelen",
  enabling: "Inschakelen…",

  listTitle: "Je apparaten",
  listText: "Als je inlogt, vragen we je met een van deze apparaten te bevestigen dat jij het bent.",
  mfaOn: "MFA staat aan",
  emptyTitle: "Nog geen apparaten",
  addDevice: "Apparaat toevoegen",
  limitReached: (max) =>
    `Je kunt maximaal ${max} ${max === 1 ? "apparaat" : "apparaten"} hebben. Verwijder er een om een nieuw apparaat toe te voegen.`,
  addUnavailable: "Je kunt hier op dit moment geen nieuwe apparaten toevoegen.",
  defaultBadge: "Standaard",
  pending: "Wacht op verificatie",
  done: "Klaar",
  cancel: "Annuleren",
  disableMfa: "MFA uitschakelen",

  chooseTitle: "Een apparaat toevoegen",
  chooseText: "Kies hoe je wilt bevestigen dat jij het bent.",
  passkeyUnsupported: "Deze browser kan geen passkeys maken.",

  targetText: {
    sms: "Voer het mobiele nummer in waarop je je inlogcodes wilt ontvangen.",
    email: "Voer het e-mailadres in waarop je je inlogcodes wilt ontvangen.",
  },
  phone: "Telefoon",
  phoneHint: "Internationaal formaat, bijv. +31612345678",
  email: "E-mail",
  sendCode: "Code versturen",
  sending: "Versturen…",
  invalidPhone: "Begin het nummer met + en de landcode, bijv. +31612345678.",
  countryCode: "Landcode",
  phoneHintCountry: "Typ het nummer zoals je het in dat land zou bellen, of begin met + en een andere landcode.",
  invalidPhoneIn: (country) => `Dat is geen volledig telefoonnummer voor ${country}. Controleer het of kies een andere landcode.`,
  invalidEmail: "Voer een geldig e-mailadres in, bijv. naam@example.com.",

  codeTitle: "Voer de code in",
  codeSent: (target) => `We hebben een code van 6 cijfers gestuurd naar ${target}.`,
  code: "Code",
  codeHint: "De code verloopt over 10 minuten.",
  invalidCode: "Voer de 6 cijfers van de code in.",
  verify: "Verifiëren",
  verifying: "Verifiëren…",
  noCode: "Niets ontvangen?",
  resend: "Code opnieuw sturen",
  resendIn: (seconds) => `Opnieuw sturen over ${seconds} s`,
  resent: (target) => `We hebben een nieuwe code gestuurd naar ${target}.`,

  totpTitle: "Je authenticator-app instellen",
  totpScan: "Scan deze QR-code met je authenticator-app.",
  qrLabel: "QR-afbeelding voor je authenticator-app",
  totpManual: "Lukt scannen niet? Voer dan deze instelsleutel in:",
  copy: "Kopiëren",
  copied: "Gekopieerd",
  copyFailed: "Kopiëren is niet gelukt. Selecteer de sleutel en kopieer hem zelf.",
  totpEnter: "Voer de code van 6 cijfers in die de app toont.",

  passkeyTitle: "Een passkey maken",
  passkeyText:
    "Met een passkey bevestig je dat jij het bent met je vingerafdruk, gezicht, pincode of schermvergrendeling. Je hoeft niets te typen en phishing is onmogelijk.",
  createPasskey: "Passkey maken",
  creatingPasskey: "Wachten op je apparaat…",
  passkeyCancelled: "Het maken van de passkey is geannuleerd. Probeer het opnieuw wanneer je klaar bent.",
  passkeyExists: "Dit apparaat heeft al een passkey voor je account.",
  passkeyFailed: "Je browser kon geen passkey maken. Probeer het opnieuw of kies een ander soort apparaat.",

  recoveryTitle: "Herstelcodes",
  recoveryNone:
    "Codes waarmee je kunt inloggen als je je apparaten kwijtraakt. Maak ze aan en bewaar ze op een veilige plek.",
  recoveryCount: (remaining, total) => `Nog ${remaining} van ${total} over`,
  recoveryLow: (remaining) =>
    remaining === 0
      ? "Je hebt alle herstelcodes gebruikt. Maak nieuwe aan."
      : `Nog maar ${remaining} over. Maak binnenkort nieuwe aan.`,
  createRecovery: "Codes aanmaken",
  replaceRecovery: "Nieuwe codes aanmaken",
  creatingRecovery: "Aanmaken…",
  recoveryShowTitle: "Bewaar je herstelcodes",
  recoveryShowText:
    "Met elke code kun je één keer inloggen als je je apparaten niet kunt gebruiken. Bewaar ze op een veilige plek: ze worden niet opnieuw getoond en oudere codes werken niet meer.",
  recoveryListLabel: "Je herstelcodes",
  copyCodes: "Kopiëren",
  downloadCodes: "Downloaden",
  printCodes: "Afdrukken",
  savedCodes: "Ik heb ze bewaard",
  recoveryFile: (account, date) =>
    `Herstelcodes voor ${account}, aangemaakt op ${date}.\nElke code werkt maar één keer. Bewaar ze op een veilige plek.`,
  recoveryCreated: "Herstelcodes aangemaakt.",
  activityLink: "Recente activiteit",
  activityLinkText: "Inlogactiviteit en wijzigingen in je account",

  back: "Alle apparaten",
  type: "Type",
  added: "Toegevoegd",
  addedOn: (date) => `Toegevoegd op ${date}`,
  lastUsed: "Laatst gebruikt",
  never: "Nooit",
  nickname: "Naam",
  nicknameHint: "Zo houd je je apparaten makkelijk uit elkaar.",
  invalidNickname: "Voer een naam in van maximaal 40 tekens.",
  save: "Opslaan",
  saving: "Opslaan…",
  defaultTitle: "Standaardapparaat",
  isDefault: "Dit is je standaardapparaat: hier vragen we als eerste om wanneer je inlogt.",
  makeDefaultText: "Maak dit het apparaat waar we als eerste om vragen wanneer je inlogt.",
  setDefault: "Als standaard instellen",
  pendingText:
    "Dit apparaat is nooit geverifieerd en kan dus niet worden gebruikt om in te loggen. Verwijder het en voeg het opnieuw toe.",
  removeTitle: "Apparaat verwijderen",
  removeText: "Je kunt het daarna niet meer gebruiken om in te loggen.",
  remove: "Verwijderen",
  removing: "Verwijderen…",
  confirmRemoveTitle: "Dit apparaat verwijderen?",
  confirmRemoveText: (nickname) =>
    `Je kunt ‘${nickname}’ daarna niet meer gebruiken om in te loggen. Je kunt het later opnieuw toevoegen.`,

  confirmDisableTitle: "MFA uitschakelen?",
  confirmDisableText:
    "Je logt dan alleen nog in met je wachtwoord. Je apparaten blijven bewaard, dus je kunt MFA altijd weer inschakelen.",
  disabling: "Uitschakelen…",

  deviceAdded: "Apparaat toegevoegd",
  deviceRenamed: "Naam van apparaat gewijzigd",
  defaultChanged: "Standaardapparaat gewijzigd",
  deviceRemoved: "Apparaat verwijderd",
  mfaDisabled: "MFA staat uit.",

  setupUnfinished: "Niet afgerond",
  protectedBy: (count) =>
    count === 1 ? "Inloggen is beschermd met 1 apparaat." : `Inloggen is beschermd met ${count} apparaten.`,
  notProtected: "Voeg een apparaat toe om het instellen af te ronden — inloggen is nog niet beschermd.",
  startWith: "Of begin meteen met een apparaat:",
  lastUsedOn: (when) => `Laatst gebruikt: ${when}`,
  usedJustNow: "Zojuist gebruikt",
  neverUsed: "Nog nooit gebruikt",
  nicknameTooLong: (length, max) => `Dat zijn ${length} tekens. Een naam mag maximaal ${max} tekens hebben.`,
  charactersLimit: (max) => `Maximaal ${max} tekens.`,
  charactersLeft: (left) => (left >= 0 ? `Tekens over: ${left}` : `Tekens te veel: ${-left}`),
  signInAgain: "Opnieuw inloggen",
  confirmToContinue:
    "Bevestig voor je veiligheid dat jij het bent om deze wijziging te maken. Zodra je dat doet, wordt ze afgerond.",

  errors: {
    session_missing: "Log in om je inlogapparaten te beheren.",
    reauthentication_required:
      "Log voor je veiligheid opnieuw in om deze wijziging door te voeren. Zodra je dat doet, wordt ze afgerond.",
    otp_invalid: (attemptsLeft) =>
      attemptsLeft === undefined
        ? "Die code klopt niet. Controleer hem en probeer het opnieuw."
        : `Die code klopt niet. Nog ${attemptsLeft} ${attemptsLeft === 1 ? "poging" : "pogingen"} over.`,
    otp_expired: "Deze code is verlopen. Vraag een nieuwe aan.",
    too_many_attempts: "Te veel verkeerde codes. Annuleer en begin opnieuw.",
    rate_limited: (seconds) =>
      seconds === undefined
        ? "Er zijn te veel codes verstuurd. Wacht even en probeer het opnieuw."
        : seconds < 90
          ? `Er zijn te veel codes verstuurd. Over ${seconds} ${seconds === 1 ? "seconde" : "seconden"} kun je een nieuwe aanvragen.`
          : `Er zijn te veel codes verstuurd. Over ${Math.ceil(seconds / 60)} minuten kun je een nieuwe aanvragen.`,
    delivery_failed: "We konden de code niet versturen. Controleer het nummer of adres, of probeer het later opnieuw.",
    device_limit_reached: "Je hebt al het maximale aantal apparaten. Verwijder er een om een nieuw apparaat toe te voegen.",
    method_disabled: "Dit soort apparaat kan hier niet worden toegevoegd.",
    last_device:
      "Voor MFA is minstens één apparaat nodig. Voeg eerst een ander apparaat toe, of schakel MFA uit om dit apparaat te verwijderen.",
    device_not_active: "Verifieer dit apparaat voordat je het als standaard instelt.",
    device_already_active: "Dit apparaat is al geverifieerd.",
    challenge_expired: "Dit passkeyverzoek is verlopen. Probeer het opnieuw.",
    passkey_invalid: "Je passkey kon niet worden geverifieerd. Probeer het opnieuw.",
    passkey_already_registered: "Deze passkey is al geregistreerd.",
    resend_not_supported: "Alleen sms- en e-mailapparaten krijgen codes toegestuurd.",
    not_found: "Dit apparaat bestaat niet meer. Misschien is het ergens anders verwijderd.",
    validation_failed: "Controleer wat je hebt ingevuld.",
  },
};

export default nl;
