import type { ProfileTranslation } from "./en.js";

const nl: ProfileTranslation = {
  problems: {
    required: "Dit veld is verplicht.",
    minLength: (limit) => (limit === 1 ? "Dit veld is verplicht." : `Minstens ${limit} tekens.`),
    maxLength: (limit) => `Hoogstens ${limit} tekens.`,
    pattern: "Voer een waarde in de verwachte vorm in.",
    email: "Voer een geldig e-mailadres in, bijvoorbeeld naam@example.com.",
    tel: "Voer het nummer in internationale vorm in: + gevolgd door landcode en nummer, bijvoorbeeld +31612345678.",
    date: "Voer een datum in.",
    uri: "Voer een volledig webadres in, bijvoorbeeld https://example.com.",
    enum: "Kies een van de genoemde waarden.",
    integer: "Voer een geheel getal in.",
    number: "Voer een getal in.",
    minimum: (limit) => `Minstens ${limit}.`,
    maximum: (limit) => `Hoogstens ${limit}.`,
    minItems: (limit) => `Kies er minstens ${limit}.`,
    maxItems: (limit) => `Kies er hoogstens ${limit}.`,
    displaySafe: "Zonder regeleinden, stuurtekens of onzichtbare tekens.",
    country: "Kies een land uit de lijst.",
    readOnly: "Dit veld kan niet worden gewijzigd.",
    other: "Deze waarde wordt niet geaccepteerd.",
  },
  codeSent: (target) => `Voer de code in die we naar ${target} hebben gestuurd.`,
  waitingNote: "Je huidige adres blijft gelden tot het nieuwe is bevestigd.",
  code: "Code",
  verify: "Verifiëren",
  verifying: "Verifiëren…",
  noCode: "Niets ontvangen?",
  resend: "Code opnieuw sturen",
  resendIn: (seconds) => `Opnieuw sturen over ${seconds} s`,
  sending: "Versturen…",
  cancel: "Annuleren",
  invalidCode: "Voer de 6 cijfers van de code in.",
  resent: (target) => `We hebben een nieuwe code gestuurd naar ${target}.`,
  codeNeeded: "Bijna klaar: voer de code in die we stuurden om je nieuwe adres te bevestigen.",
  applied: (field) => `${field} bevestigd en opgeslagen.`,
  cancelled: (field) => `De wijziging van ${field} is geannuleerd.`,
  errors: {
    otp_invalid: (attemptsLeft) =>
      attemptsLeft === undefined
        ? "Die code klopt niet. Controleer hem en probeer het opnieuw."
        : `Die code klopt niet. Nog ${attemptsLeft} ${attemptsLeft === 1 ? "poging" : "pogingen"} over.`,
    otp_expired: "Deze code is verlopen. Vraag een nieuwe aan.",
    too_many_attempts: "Te veel verkeerde codes. Annuleer de wijziging en begin opnieuw.",
    rate_limited: "Wacht even voordat je een nieuwe code vraagt.",
    not_found: "Deze wijziging wacht niet meer. Laad de pagina opnieuw om je profiel te zien.",
  },
};

export default nl;
