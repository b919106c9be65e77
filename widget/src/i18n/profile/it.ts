import type { ProfileTranslation } from "./en.js";

const it: ProfileTranslation = {
  problems: {
    required: "Questo campo è obbligatorio.",
    minLength: (limit) => (limit === 1 ? "Questo campo è obbligatorio." : `Almeno ${limit} caratteri.`),
    maxLength: (limit) => `Al massimo ${limit} caratteri.`,
    pattern: "Inserisci un valore nel formato previsto.",
    email: "Inserisci un indirizzo email valido, ad esempio nome@example.com.",
    tel: "Inserisci il numero in formato internazionale: + seguito dal prefisso del paese e dal numero, ad esempio +393123456789.",
    date: "Inserisci una data.",
    uri: "Inserisci un indirizzo web completo, ad esempio https://example.com.",
    enum: "Scegli uno dei valori elencati.",
    integer: "Inserisci un numero intero.",
    number: "Inserisci un numero.",
    minimum: (limit) => `Almeno ${limit}.`,
    maximum: (limit) => `Al massimo ${limit}.`,
    minItems: (limit) => `Scegline almeno ${limit}.`,
    maxItems: (limit) => `Scegline al massimo ${limit}.`,
    displaySafe: "Senza a capo, caratteri di controllo o caratteri invisibili.",
    country: "Scegli un paese dall’elenco.",
    readOnly: "Questo campo non può essere modificato.",
    other: "Questo valore non è accettato.",
  },
  codeSent: (target) => `Inserisci il codice che abbiamo inviato a ${target}.`,
  waitingNote: "Il tuo indirizzo attuale resta valido finché non confermi quello nuovo.",
  code: "Codice",
  verify: "Verifica",
  verifying: "Verifica in corso…",
  noCode: "Non l’hai ricevuto?",
  resend: "Invia di nuovo il codice",
  resendIn: (seconds) => `Invia di nuovo tra ${seconds} s`,
  sending: "Invio…",
  cancel: "Annulla",
  invalidCode: "Inserisci le 6 cifre del codice.",
  resent: (target) => `Abbiamo inviato un nuovo codice a ${target}.`,
  codeNeeded: "Quasi fatto: inserisci il codice che abbiamo inviato per confermare il nuovo indirizzo.",
  applied: (field) => `${field}: confermato e salvato.`,
  cancelled: (field) => `La modifica di ${field} è stata annullata.`,
  errors: {
    otp_invalid: (attemptsLeft) =>
      attemptsLeft === undefined
        ? "Il codice non è corretto. Controllalo e riprova."
        : attemptsLeft === 1
          ? "Il codice non è corretto. Ti rimane 1 tentativo."
          : `Il codice non è corretto. Ti rimangono ${attemptsLeft} tentativi.`,
    otp_expired: "Questo codice è scaduto. Richiedine uno nuovo.",
    too_many_attempts: "Troppi codici errati. Annulla la modifica e ricomincia.",
    rate_limited: "Attendi un momento prima di chiedere un altro codice.",
    not_found: "Questa modifica non è più in attesa. Ricarica la pagina per vedere il tuo profilo.",
  },
};

export default it;
