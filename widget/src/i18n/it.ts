import profile from "./profile/it.js";
import type { Translation } from "./en.js";

const it: Translation = {
  lang: "it",
  dir: "ltr",

  profileHeading: "Profilo",
  profileSubtitle: "Gestisci i tuoi dati personali",
  signedInAs: (username) => `Accesso eseguito come ${username}`,
  loading: "Caricamento del profilo…",

  nameSection: "Nome",
  contactSection: "Contatti",
  addressSection: "Indirizzo",
  givenName: "Nome",
  familyName: "Cognome",
  email: "Email",
  phone: "Telefono",
  phoneHint: "Formato internazionale, ad es. +393123456789",
  protectedNote: "Per modificare email o telefono devi aver effettuato l’accesso di recente.",
  protectedNoteAny: "Per modificare questi dati devi aver effettuato l’accesso di recente.",
  streetAddress: "Via e numero civico",
  locality: "Città",
  region: "Provincia / Regione",
  postalCode: "Codice postale",
  countryCode: "Paese",
  selectCountry: "Seleziona un paese",
  detailsSection: "Altri dati",
  selectOption: "Scegli…",
  requiredNote: "Obbligatorio",
  yes: "Sì",
  no: "No",
  notSet: "Non indicato",

  save: "Salva",
  saving: "Salvataggio…",
  discard: "Annulla modifiche",
  tryAgain: "Riprova",
  confirmIdentity: "Conferma la tua identità",
  signInAgain: "Accedi di nuovo",
  reauthConfirm: "Per la tua sicurezza, conferma la tua identità per modificare email o telefono. Le tue modifiche sono state conservate.",
  saved: "Il tuo profilo è stato salvato.",
  changesKept: "Le tue modifiche sono state conservate.",

  invalidEmail: "Inserisci un indirizzo email valido, ad es. nome@example.com.",
  invalidPhone: "Inizia il numero con + e il prefisso internazionale.",
  invalidField: {
    givenName: "Massimo 100 caratteri, su una sola riga.",
    familyName: "Massimo 100 caratteri, su una sola riga.",
    email: "Inserisci un indirizzo email valido, ad es. nome@example.com.",
    phone: "Inserisci il numero in formato internazionale: + seguito dal prefisso del paese e dal numero, ad es. +393123456789.",
    "address.streetAddress": "Massimo 200 caratteri, su una sola riga.",
    "address.locality": "Massimo 100 caratteri, su una sola riga.",
    "address.region": "Massimo 100 caratteri, su una sola riga.",
    "address.postalCode": "Inserisci un codice postale valido: lettere, cifre, spazi e trattini.",
    "address.countryCode": "Scegli un paese dall’elenco.",
  },

  profile,


  notSignedInTitle: "Non hai effettuato l’accesso",
  signedOutTitle: "La tua sessione è terminata",
  wrongAccountTitle: "Account errato",
  loadErrorTitle: "Impossibile caricare il profilo",

  devicesHeading: "Autenticazione a più fattori",
  devicesSubtitle: "Un secondo passaggio per proteggere il tuo account",
  loadingDevices: "Caricamento dei dispositivi…",
  loadingActivity: "Caricamento delle attività…",
  devicesLoadErrorTitle: "Impossibile caricare i dispositivi",

  errors: {
    session_missing: "Accedi per visualizzare e modificare il tuo profilo.",
    session_invalid: "Non è stato possibile verificare il tuo accesso. Accedi di nuovo per continuare.",
    session_expired: "La sessione è scaduta. Accedi di nuovo per continuare.",
    username_mismatch:
      "Hai effettuato l’accesso con un account diverso da quello previsto da questa pagina. Accedi di nuovo con l’account corretto.",
    reauthentication_required:
      "Per sicurezza, accedi di nuovo per modificare email o telefono. Le tue modifiche sono state conservate.",
    version_conflict:
      "Il tuo profilo è stato modificato altrove. Abbiamo caricato la versione più recente mantenendo le tue modifiche: controllale e salva di nuovo.",
    validation_failed: "Alcuni dati richiedono la tua attenzione.",
    precondition_required: "Non è stato possibile salvare il profilo. Ricarica la pagina e riprova.",
    network_error: "Impossibile raggiungere il server. Controlla la connessione e riprova.",
    rate_limited: "Troppi tentativi. Attendi un momento e riprova.",
    service_unavailable: "Il servizio è momentaneamente non disponibile. Riprova tra poco.",
    internal_error: "Si è verificato un problema da parte nostra. Riprova tra poco.",
    unknown: "Si è verificato un errore. Riprova tra poco.",
  },
};

export default it;
