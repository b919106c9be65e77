import profile from "./profile/nl.js";
import type { Translation } from "./en.js";

const nl: Translation = {
  lang: "nl",
  dir: "ltr",

  profileHeading: "Profiel",
  profileSubtitle: "Beheer je persoonlijke gegevens",
  signedInAs: (username) => `Ingelogd als ${username}`,
  loading: "Je profiel wordt geladen…",

  nameSection: "Naam",
  contactSection: "Contact",
  addressSection: "Adres",
  givenName: "Voornaam",
  familyName: "Achternaam",
  email: "E-mail",
  phone: "Telefoon",
  phoneHint: "Internationaal formaat, bijv. +31612345678",
  protectedNote: "Om je e-mailadres of telefoonnummer te wijzigen, moet je kort geleden zijn ingelogd.",
  protectedNoteAny: "Om deze gegevens te wijzigen, moet je kort geleden zijn ingelogd.",
  streetAddress: "Straat en huisnummer",
  locality: "Plaats",
  region: "Provincie / Staat",
  postalCode: "Postcode",
  countryCode: "Land",
  selectCountry: "Kies een land",
  detailsSection: "Overige gegevens",
  selectOption: "Kies…",
  requiredNote: "Verplicht",
  yes: "Ja",
  no: "Nee",
  notSet: "Niet ingevuld",

  save: "Opslaan",
  saving: "Opslaan…",
  discard: "Wijzigingen negeren",
  tryAgain: "Opnieuw proberen",
  confirmIdentity: "Bevestigen dat jij het bent",
  signInAgain: "Opnieuw inloggen",
  reauthConfirm: "Bevestig voor je veiligheid dat jij het bent om je e-mailadres of telefoonnummer te wijzigen. Je wijzigingen blijven bewaard.",
  saved: "Je profiel is opgeslagen.",
  changesKept: "Je wijzigingen blijven bewaard.",

  invalidEmail: "Voer een geldig e-mailadres in, bijv. naam@example.com.",
  invalidPhone: "Begin het nummer met + en de landcode.",
  invalidField: {
    givenName: "Gebruik maximaal 100 tekens, op één regel.",
    familyName: "Gebruik maximaal 100 tekens, op één regel.",
    email: "Voer een geldig e-mailadres in, bijv. naam@example.com.",
    phone: "Voer het nummer in internationaal formaat in: + gevolgd door de landcode en het nummer, bijv. +31612345678.",
    "address.streetAddress": "Gebruik maximaal 200 tekens, op één regel.",
    "address.locality": "Gebruik maximaal 100 tekens, op één regel.",
    "address.region": "Gebruik maximaal 100 tekens, op één regel.",
    "address.postalCode": "Voer een geldige postcode in: letters, cijfers, spaties en koppeltekens.",
    "address.countryCode": "Kies een land uit de lijst.",
  },

  profile,


  notSignedInTitle: "Je bent niet ingelogd",
  signedOutTitle: "Je bent uitgelogd",
  wrongAccountTitle: "Verkeerd account",
  loadErrorTitle: "We konden je profiel niet laden",

  devicesHeading: "Multifactorauthenticatie",
  devicesSubtitle: "Een extra stap die je account veilig houdt",
  loadingDevices: "Je apparaten worden geladen…",
  loadingActivity: "Je activiteit wordt geladen…",
  devicesLoadErrorTitle: "We konden je apparaten niet laden",

  errors: {
    session_missing: "Log in om je profiel te bekijken en te bewerken.",
    session_invalid: "We konden je aanmelding niet verifiëren. Log opnieuw in om door te gaan.",
    session_expired: "Je sessie is verlopen. Log opnieuw in om door te gaan.",
    username_mismatch:
      "Je bent ingelogd met een ander account dan deze pagina verwacht. Log opnieuw in met het juiste account.",
    reauthentication_required:
      "Log voor je veiligheid opnieuw in om je e-mailadres of telefoonnummer te wijzigen. Je wijzigingen blijven bewaard.",
    version_conflict:
      "Je profiel is ergens anders gewijzigd. We hebben de nieuwste versie geladen en je wijzigingen bewaard: controleer ze en sla opnieuw op.",
    validation_failed: "Sommige gegevens moeten nog worden aangepast.",
    precondition_required: "Je profiel kon niet worden opgeslagen. Laad de pagina opnieuw en probeer het nog eens.",
    network_error: "Kan de server niet bereiken. Controleer je verbinding en probeer het opnieuw.",
    rate_limited: "Te veel pogingen. Wacht even en probeer het opnieuw.",
    service_unavailable: "De dienst is tijdelijk niet beschikbaar. Probeer het zo nog eens.",
    internal_error: "Er ging iets mis aan onze kant. Probeer het zo nog eens.",
    unknown: "Er ging iets mis. Probeer het zo nog eens.",
  },
};

export default nl;
