import type { DevicesTranslation } from "./en.js";

const it: DevicesTranslation = {
  types: { sms: "SMS", email: "Email", totp: "App di autenticazione", passkey: "Passkey" },
  nicknames: { sms: "Telefono", email: "Email", totp: "App di autenticazione", passkey: "Passkey" },
  typeHints: {
    sms: "Ricevi un codice via SMS",
    email: "Ricevi un codice via email",
    totp: "Usa un codice da un’app come Google Authenticator o 1Password",
    passkey: "Usa l’impronta digitale, il volto o il blocco schermo",
  },

  enableTitle: "Proteggi il tuo account con l’MFA",
  enableText:
    "L’autenticazione a più fattori (MFA) richiede un secondo passaggio quando accedi (un codice o una passkey), così una password rubata da sola non basta per entrare nel tuo account.",
  enable: "Attiva MFA",
  enabling: "Attivazione…",

  listTitle: "I tuoi dispositivi",
  listText: "Quando accedi, ti chiederemo di confermare la tua identità con uno di questi.",
  mfaOn: "MFA attiva",
  emptyTitle: "Ancora nessun dispositivo",
  addDevice: "Aggiungi dispositivo",
  limitReached: (max) =>
    `Puoi avere fino a ${max} ${max === 1 ? "dispositivo" : "dispositivi"}. Rimuovine uno per aggiungerne un altro.`,
  addUnavailable: "Al momento non è possibile aggiungere nuovi dispositivi qui.",
  defaultBadge: "Predefinito",
  pending: "In attesa di verifica",
  done: "Fine",
  cancel: "Annulla",
  disableMfa: "Disattiva MFA",

  chooseTitle: "Aggiungi un dispositivo",
  chooseText: "Scegli come vuoi confermare la tua identità.",
  passkeyUnsupported: "Questo browser non può creare passkey.",

  targetText: {
    sms: "Inserisci il numero di cellulare che riceverà i codici di accesso.",
    email: "Inserisci l’indirizzo email che riceverà i codici di accesso.",
  },
  phone: "Telefono",
  phoneHint: "Formato internazionale, ad es. +393123456789",
  email: "Email",
  sendCode: "Invia codice",
  sending: "Invio…",
  invalidPhone: "Inizia il numero con + e il prefisso internazionale, ad es. +393123456789.",
  countryCode: "Prefisso internazionale",
  phoneHintCountry: "Digita il numero come lo comporresti in quel Paese, oppure inizia con + e un altro prefisso.",
  invalidPhoneIn: (country) => `Non è un numero di telefono completo per ${country}. Controllalo o scegli un altro prefisso.`,
  invalidEmail: "Inserisci un indirizzo email valido, ad es. nome@example.com.",

  codeTitle: "Inserisci il codice",
  codeSent: (target) => `Abbiamo inviato un codice di 6 cifre a ${target}.`,
  code: "Codice",
  codeHint: "Scade tra 10 minuti.",
  invalidCode: "Inserisci le 6 cifre del codice.",
  verify: "Verifica",
  verifying: "Verifica in corso…",
  noCode: "Non l’hai ricevuto?",
  resend: "Invia di nuovo il codice",
  resendIn: (seconds) => `Invia di nuovo tra ${seconds} s`,
  resent: (target) => `Abbiamo inviato un nuovo codice a ${target}.`,

  totpTitle: "Configura l’app di autenticazione",
  totpScan: "Scansiona questo codice QR con la tua app di autenticazione.",
  qrLabel: "Immagine QR per la tua app di autenticazione",
  totpManual: "Non riesci a scansionarlo? Inserisci invece questa chiave di configurazione:",
  copy: "Copia",
  copied: "Copiata",
  copyFailed: "Impossibile copiare. Seleziona la chiave e copiala manualmente.",
  totpEnter: "Inserisci il codice di 6 cifre mostrato dall’app.",

  passkeyTitle: "Crea una passkey",
  passkeyText:
    "Una passkey ti permette di confermare la tua identità con l’impronta digitale, il volto, un PIN o il blocco schermo. Niente da digitare, e non può essere rubata con il phishing.",
  createPasskey: "Crea passkey",
  creatingPasskey: "In attesa del dispositivo…",
  passkeyCancelled: "La creazione della passkey è stata annullata. Riprova quando vuoi.",
  passkeyExists: "Questo dispositivo ha già una passkey per il tuo account.",
  passkeyFailed: "Il browser non è riuscito a creare una passkey. Riprova o scegli un altro tipo di dispositivo.",

  recoveryTitle: "Codici di recupero",
  recoveryNone: "Codici che puoi usare per accedere se perdi i tuoi dispositivi. Creali e conservali in un luogo sicuro.",
  recoveryCount: (remaining, total) =>
    remaining === 1 ? `Ne rimane 1 su ${total}` : `Ne rimangono ${remaining} su ${total}`,
  recoveryLow: (remaining) =>
    remaining === 0
      ? "Hai usato tutti i codici di recupero. Creane di nuovi."
      : remaining === 1
        ? "Ne rimane solo 1. Creane di nuovi al più presto."
        : `Ne rimangono solo ${remaining}. Creane di nuovi al più presto.`,
  createRecovery: "Crea codici",
  replaceRecovery: "Crea nuovi codici",
  creatingRecovery: "Creazione…",
  recoveryShowTitle: "Salva i tuoi codici di recupero",
  recoveryShowText:
    "Ogni codice ti permette di accedere una volta se non puoi usare i tuoi dispositivi. Conservali in un luogo sicuro: non verranno mostrati di nuovo e i codici precedenti non funzionano più.",
  recoveryListLabel: "I tuoi codici di recupero",
  copyCodes: "Copia",
  downloadCodes: "Scarica",
  printCodes: "Stampa",
  savedCodes: "Li ho salvati",
  recoveryFile: (account, date) =>
    `Codici di recupero per ${account}, creati il ${date}.\nOgni codice funziona una sola volta. Conservali in un luogo sicuro.`,
  recoveryCreated: "Codici di recupero creati.",
  activityLink: "Attività recenti",
  activityLinkText: "Accessi e modifiche al tuo account",

  back: "Tutti i dispositivi",
  type: "Tipo",
  added: "Aggiunto",
  addedOn: (date) => `Aggiunto il ${date}`,
  lastUsed: "Ultimo utilizzo",
  never: "Mai",
  nickname: "Nome",
  nicknameHint: "Ti aiuta a distinguere i tuoi dispositivi.",
  invalidNickname: "Inserisci un nome di massimo 40 caratteri.",
  save: "Salva",
  saving: "Salvataggio…",
  defaultTitle: "Dispositivo predefinito",
  isDefault: "Questo è il tuo dispositivo predefinito: è il primo che ti chiediamo quando accedi.",
  makeDefaultText: "Rendilo il dispositivo che ti chiediamo per primo quando accedi.",
  setDefault: "Imposta come predefinito",
  pendingText:
    "Questo dispositivo non è mai stato verificato, quindi non può essere usato per accedere. Rimuovilo e aggiungilo di nuovo.",
  removeTitle: "Rimuovi dispositivo",
  removeText: "Non potrai più usarlo per accedere.",
  remove: "Rimuovi",
  removing: "Rimozione…",
  confirmRemoveTitle: "Rimuovere questo dispositivo?",
  confirmRemoveText: (nickname) =>
    `Non potrai più usare «${nickname}» per accedere. Potrai aggiungerlo di nuovo in seguito.`,

  confirmDisableTitle: "Disattivare l’MFA?",
  confirmDisableText:
    "Accederai solo con la password. I tuoi dispositivi vengono conservati, quindi potrai riattivare l’MFA in qualsiasi momento.",
  disabling: "Disattivazione…",

  deviceAdded: "Dispositivo aggiunto",
  deviceRenamed: "Dispositivo rinominato",
  defaultChanged: "Dispositivo predefinito modificato",
  deviceRemoved: "Dispositivo rimosso",
  mfaDisabled: "L’MFA è disattivata.",

  setupUnfinished: "Non completata",
  protectedBy: (count) =>
    count === 1 ? "Gli accessi sono protetti da 1 dispositivo." : `Gli accessi sono protetti da ${count} dispositivi.`,
  notProtected: "Aggiungi un dispositivo per completare la configurazione: gli accessi non sono ancora protetti.",
  startWith: "Oppure inizia subito con un dispositivo:",
  lastUsedOn: (when) => `Ultimo utilizzo: ${when}`,
  usedJustNow: "Usato proprio ora",
  neverUsed: "Mai usato",
  nicknameTooLong: (length, max) => `Sono ${length} caratteri. Un nome può averne al massimo ${max}.`,
  charactersLimit: (max) => `Massimo ${max} caratteri.`,
  charactersLeft: (left) => (left >= 0 ? `Caratteri rimanenti: ${left}` : `Caratteri in eccesso: ${-left}`),
  signInAgain: "Accedi di nuovo",
  confirmToContinue:
    "Per la tua sicurezza, conferma la tua identità per fare questa modifica. Verrà completata non appena lo fai.",

  errors: {
    session_missing: "Accedi per gestire i tuoi dispositivi di accesso.",
    reauthentication_required:
      "Per sicurezza, accedi di nuovo per effettuare questa modifica. Verrà completata non appena lo farai.",
    otp_invalid: (attemptsLeft) =>
      attemptsLeft === undefined
        ? "Il codice non è corretto. Controllalo e riprova."
        : attemptsLeft === 1
          ? "Il codice non è corretto. Ti rimane 1 tentativo."
          : `Il codice non è corretto. Ti rimangono ${attemptsLeft} tentativi.`,
    otp_expired: "Questo codice è scaduto. Richiedine uno nuovo.",
    too_many_attempts: "Troppi codici errati. Annulla e ricomincia.",
    rate_limited: (seconds) =>
      seconds === undefined
        ? "Sono stati inviati troppi codici. Attendi un momento e riprova."
        : seconds < 90
          ? `Sono stati inviati troppi codici. Potrai richiederne un altro tra ${seconds} ${seconds === 1 ? "secondo" : "secondi"}.`
          : `Sono stati inviati troppi codici. Potrai richiederne un altro tra ${Math.ceil(seconds / 60)} minuti.`,
    delivery_failed: "Non è stato possibile inviare il codice. Controlla il numero o l’indirizzo, oppure riprova più tardi.",
    device_limit_reached: "Hai già il numero massimo di dispositivi. Rimuovine uno per aggiungerne un altro.",
    method_disabled: "Questo tipo di dispositivo non può essere aggiunto qui.",
    last_device:
      "L’MFA richiede almeno un dispositivo. Aggiungi prima un altro dispositivo oppure disattiva l’MFA per rimuovere questo.",
    device_not_active: "Verifica questo dispositivo prima di impostarlo come predefinito.",
    device_already_active: "Questo dispositivo è già verificato.",
    challenge_expired: "Questa richiesta di passkey è scaduta. Riprova.",
    passkey_invalid: "Non è stato possibile verificare la passkey. Riprova.",
    passkey_already_registered: "Questa passkey è già registrata.",
    resend_not_supported: "I codici vengono inviati solo ai dispositivi SMS ed email.",
    not_found: "Questo dispositivo non esiste più. Potrebbe essere stato rimosso altrove.",
    validation_failed: "Controlla i dati inseriti.",
  },
};

export default it;
