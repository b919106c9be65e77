import type { ProfileTranslation } from "./en.js";

const fr: ProfileTranslation = {
  problems: {
    required: "Ce champ est obligatoire.",
    minLength: (limit) => (limit === 1 ? "Ce champ est obligatoire." : `Au moins ${limit}\u00a0caractères.`),
    maxLength: (limit) => `${limit}\u00a0caractères au maximum.`,
    pattern: "Saisissez une valeur au format attendu.",
    email: "Saisissez une adresse e-mail valide, par exemple nom@example.com.",
    tel: "Saisissez le numéro au format international\u00a0: + suivi de l’indicatif du pays et du numéro, par exemple +33612345678.",
    date: "Saisissez une date.",
    uri: "Saisissez une adresse web complète, par exemple https://example.com.",
    enum: "Choisissez l’une des valeurs proposées.",
    integer: "Saisissez un nombre entier.",
    number: "Saisissez un nombre.",
    minimum: (limit) => `Au moins ${limit}.`,
    maximum: (limit) => `Au plus ${limit}.`,
    minItems: (limit) => `Choisissez-en au moins ${limit}.`,
    maxItems: (limit) => `Choisissez-en au plus ${limit}.`,
    displaySafe: "Sans saut de ligne, caractère de contrôle ni caractère invisible.",
    country: "Choisissez un pays dans la liste.",
    readOnly: "Ce champ ne peut pas être modifié.",
    other: "Cette valeur n’est pas acceptée.",
  },
  codeSent: (target) => `Saisissez le code envoyé à ${target}.`,
  waitingNote: "Votre adresse actuelle reste valable jusqu’à la confirmation de la nouvelle.",
  code: "Code",
  verify: "Vérifier",
  verifying: "Vérification…",
  noCode: "Vous ne l’avez pas reçu\u00a0?",
  resend: "Renvoyer le code",
  resendIn: (seconds) => `Renvoyer le code dans ${seconds}\u00a0s`,
  sending: "Envoi…",
  cancel: "Annuler",
  invalidCode: "Saisissez les 6 chiffres du code.",
  resent: (target) => `Nous avons envoyé un nouveau code à ${target}.`,
  codeNeeded: "Presque terminé\u00a0: saisissez le code envoyé pour confirmer votre nouvelle adresse.",
  applied: (field) => `${field}\u00a0: confirmé et enregistré.`,
  cancelled: (field) => `La modification de ${field} a été annulée.`,
  errors: {
    otp_invalid: (attemptsLeft) =>
      attemptsLeft === undefined
        ? "Ce code est incorrect. Vérifiez-le et réessayez."
        : `Ce code est incorrect. Il vous reste ${attemptsLeft} tentative${attemptsLeft > 1 ? "s" : ""}.`,
    otp_expired: "Ce code a expiré. Demandez-en un nouveau.",
    too_many_attempts: "Trop de codes erronés. Annulez la modification et recommencez.",
    rate_limited: "Patientez un instant avant de demander un autre code.",
    not_found: "Cette modification n’est plus en attente. Rechargez la page pour voir votre profil.",
  },
};

export default fr;
