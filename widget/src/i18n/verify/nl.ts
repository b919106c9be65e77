import type { VerifyTranslation } from "./en.js";

const nl: VerifyTranslation = {
  heading: "Bevestig je identiteit",
  subtitle: "Nog één stap om je account veilig te houden",
  stepUpText:
    "Voor deze wijziging moet je recent zijn ingelogd. Bevestig met een van je apparaten dat jij het bent, dan wordt de wijziging doorgevoerd.",

  types: {
    sms: "Sms",
    email: "E-mail",
    totp: "Authenticator-app",
    passkey: "Passkey",
    recovery_code: "Herstelcode",
  },

  codeTitle: "Voer je code in",
  codeSent: (target) => `We hebben een code van 6 cijfers gestuurd naar ${target}.`,
  totpText: "Open je authenticator-app en voer de code van 6 cijfers in die de app toont.",
  code: "Code",
  invalidCode: "Voer de 6 cijfers van de code in.",
  verify: "Verifiëren",
  verifying: "Verifiëren…",
  noCode: "Niets ontvangen?",
  resend: "Code opnieuw sturen",
  resendIn: (seconds) => `Opnieuw sturen over ${seconds} s`,
  resent: (target) => `We hebben een nieuwe code gestuurd naar ${target}.`,
  sending: "Versturen…",

  passkeyTitle: "Je passkey gebruiken",
  passkeyText: "Bevestig met je vingerafdruk, gezicht, pincode of beveiligingssleutel wanneer je browser erom vraagt.",
  usePasskey: "Passkey gebruiken",
  waitingPasskey: "Wachten op je passkey…",
  passkeyCancelled:
    "Het passkeyverzoek is geannuleerd. Probeer het opnieuw wanneer je klaar bent, of gebruik een andere methode.",
  passkeyFailed: "Je browser kon de passkey niet gebruiken. Probeer het opnieuw of gebruik een andere methode.",
  passkeyUnsupported: "Deze browser kan geen passkeys gebruiken. Gebruik een andere methode.",

  recoveryTitle: "Een herstelcode gebruiken",
  recoveryText: "Voer een van de herstelcodes in die je hebt bewaard. Elke code werkt maar één keer.",
  recoveryLabel: "Herstelcode",
  invalidRecovery: "Voer een herstelcode in, bijv. 7k2m-q9xd-4hwa.",
  recoveryLeft: (count) => `Nog ${count} ${count === 1 ? "code" : "codes"} over`,
  recoveryLow: (count) =>
    count === 0
      ? "Dat was je laatste herstelcode. Maak nieuwe aan in je beveiligingsinstellingen."
      : `Nog maar ${count} ${count === 1 ? "herstelcode" : "herstelcodes"} over. Maak nieuwe aan in je beveiligingsinstellingen.`,

  anotherMethod: "Een andere methode gebruiken",
  chooseTitle: "Kies een methode",
  chooseText: "Hoe wil je bevestigen dat jij het bent?",
  defaultBadge: "Standaard",
  cancel: "Annuleren",
  back: "Terug",

  verifiedTitle: "Je bent geverifieerd",
  verifiedText: "Bedankt voor het bevestigen dat jij het bent.",
  confirmed: "Bevestigd. Je wijziging wordt afgerond…",

  errors: {
    session_missing: "Log eerst in en bevestig dan dat jij het bent.",
    mfa_not_enabled:
      "Dit account heeft nog geen inlogapparaat om mee te verifiëren. Stel er eerst een in via je beveiligingsinstellingen.",
    otp_invalid: (attemptsLeft) =>
      attemptsLeft === undefined
        ? "Die code klopt niet. Controleer hem en probeer het opnieuw."
        : `Die code klopt niet. Nog ${attemptsLeft} ${attemptsLeft === 1 ? "poging" : "pogingen"} over.`,
    recovery_invalid: (attemptsLeft) =>
      attemptsLeft === undefined
        ? "Die herstelcode klopt niet of is al gebruikt."
        : `Die herstelcode klopt niet of is al gebruikt. Nog ${attemptsLeft} ${attemptsLeft === 1 ? "poging" : "pogingen"} over.`,
    challenge_expired: "Deze code is verlopen. Vraag een nieuwe aan om verder te gaan.",
    too_many_attempts: "Te veel verkeerde codes. Vraag een nieuwe code aan of gebruik een andere methode.",
    locked: (minutes) =>
      `Te veel mislukte pogingen. Probeer het voor je veiligheid over ${minutes} ${minutes === 1 ? "minuut" : "minuten"} opnieuw.`,
    rate_limited: (seconds) =>
      seconds === undefined
        ? "Er zijn te veel codes verstuurd. Wacht even en probeer het opnieuw."
        : seconds < 90
          ? `Er zijn te veel codes verstuurd. Over ${seconds} ${seconds === 1 ? "seconde" : "seconden"} kun je een nieuwe aanvragen.`
          : `Er zijn te veel codes verstuurd. Over ${Math.ceil(seconds / 60)} minuten kun je een nieuwe aanvragen.`,
    delivery_failed: "We konden de code niet versturen. Probeer het later opnieuw of gebruik een andere methode.",
    passkey_invalid: "Je passkey kon niet worden geverifieerd. Probeer het opnieuw of gebruik een andere methode.",
    no_recovery_codes: "Je hebt geen ongebruikte herstelcodes meer. Gebruik een andere methode.",
    not_found: "Dit apparaat is niet meer beschikbaar. Gebruik een andere methode.",
    method_disabled: "Deze methode is op dit moment niet beschikbaar. Gebruik een andere methode.",
  },
};

export default nl;
