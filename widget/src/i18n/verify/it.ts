import type { VerifyTranslation } from "./en.js";

const it: VerifyTranslation = {
  heading: "Verifica la tua identità",
  subtitle: "Ancora un passaggio per proteggere il tuo account",
  stepUpText:
    "Questa modifica richiede un accesso recente. Conferma la tua identità con uno dei tuoi dispositivi e verrà applicata.",

  types: {
    sms: "SMS",
    email: "Email",
    totp: "App di autenticazione",
    passkey: "Passkey",
    recovery_code: "Codice di recupero",
  },

  codeTitle: "Inserisci il codice",
  codeSent: (target) => `Abbiamo inviato un codice di 6 cifre a ${target}.`,
  totpText: "Apri la tua app di autenticazione e inserisci il codice di 6 cifre che mostra.",
  code: "Codice",
  invalidCode: "Inserisci le 6 cifre del codice.",
  verify: "Verifica",
  verifying: "Verifica in corso…",
  noCode: "Non l’hai ricevuto?",
  resend: "Invia di nuovo il codice",
  resendIn: (seconds) => `Invia di nuovo tra ${seconds} s`,
  resent: (target) => `Abbiamo inviato un nuovo codice a ${target}.`,
  sending: "Invio…",

  passkeyTitle: "Usa la tua passkey",
  passkeyText:
    "Conferma con l’impronta digitale, il volto, un PIN o una chiave di sicurezza quando il browser te lo chiede.",
  usePasskey: "Usa passkey",
  waitingPasskey: "In attesa della passkey…",
  passkeyCancelled: "La richiesta della passkey è stata annullata. Riprova quando vuoi oppure usa un altro metodo.",
  passkeyFailed: "Il browser non è riuscito a usare la passkey. Riprova oppure usa un altro metodo.",
  passkeyUnsupported: "Questo browser non può usare le passkey. Usa un altro metodo.",

  recoveryTitle: "Usa un codice di recupero",
  recoveryText: "Inserisci uno dei codici di recupero che hai salvato. Ogni codice funziona una sola volta.",
  recoveryLabel: "Codice di recupero",
  invalidRecovery: "Inserisci un codice di recupero, ad es. 7k2m-q9xd-4hwa.",
  recoveryLeft: (count) => (count === 1 ? "Rimane 1 codice" : `Rimangono ${count} codici`),
  recoveryLow: (count) =>
    count === 0
      ? "Era il tuo ultimo codice di recupero. Creane di nuovi nelle impostazioni di sicurezza."
      : count === 1
        ? "Ti rimane solo 1 codice di recupero. Creane di nuovi nelle impostazioni di sicurezza."
        : `Ti rimangono solo ${count} codici di recupero. Creane di nuovi nelle impostazioni di sicurezza.`,

  anotherMethod: "Usa un altro metodo",
  chooseTitle: "Scegli un metodo",
  chooseText: "Come vuoi confermare la tua identità?",
  defaultBadge: "Predefinito",
  cancel: "Annulla",
  back: "Indietro",

  verifiedTitle: "Identità verificata",
  verifiedText: "Grazie per aver confermato la tua identità.",
  confirmed: "Confermato. Completamento della modifica…",

  errors: {
    session_missing: "Accedi prima, poi verifica la tua identità.",
    mfa_not_enabled:
      "Questo account non ha ancora un dispositivo di accesso con cui verificare la tua identità. Configurane prima uno nelle impostazioni di sicurezza.",
    otp_invalid: (attemptsLeft) =>
      attemptsLeft === undefined
        ? "Il codice non è corretto. Controllalo e riprova."
        : attemptsLeft === 1
          ? "Il codice non è corretto. Ti rimane 1 tentativo."
          : `Il codice non è corretto. Ti rimangono ${attemptsLeft} tentativi.`,
    recovery_invalid: (attemptsLeft) =>
      attemptsLeft === undefined
        ? "Il codice di recupero non è corretto oppure è già stato usato."
        : attemptsLeft === 1
          ? "Il codice di recupero non è corretto oppure è già stato usato. Ti rimane 1 tentativo."
          : `Il codice di recupero non è corretto oppure è già stato usato. Ti rimangono ${attemptsLeft} tentativi.`,
    challenge_expired: "Questo codice è scaduto. Richiedine uno nuovo per continuare.",
    too_many_attempts: "Troppi codici errati. Richiedi un nuovo codice oppure usa un altro metodo.",
    locked: (minutes) =>
      `Troppi tentativi non riusciti. Per sicurezza, riprova tra ${minutes} ${minutes === 1 ? "minuto" : "minuti"}.`,
    rate_limited: (seconds) =>
      seconds === undefined
        ? "Sono stati inviati troppi codici. Attendi un momento e riprova."
        : seconds < 90
          ? `Sono stati inviati troppi codici. Potrai richiederne un altro tra ${seconds} ${seconds === 1 ? "secondo" : "secondi"}.`
          : `Sono stati inviati troppi codici. Potrai richiederne un altro tra ${Math.ceil(seconds / 60)} minuti.`,
    delivery_failed: "Non è stato possibile inviare il codice. Riprova più tardi oppure usa un altro metodo.",
    passkey_invalid: "Non è stato possibile verificare la passkey. Riprova oppure usa un altro metodo.",
    no_recovery_codes: "Non hai più codici di recupero inutilizzati. Usa un altro metodo.",
    not_found: "Questo dispositivo non è più disponibile. Usa un altro metodo.",
    method_disabled: "Questo metodo non è disponibile al momento. Usa un altro metodo.",
  },
};

export default it;
