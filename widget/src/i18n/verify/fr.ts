import type { VerifyTranslation } from "./en.js";

// French typography: a no-break space (\u00a0) before : ; ? ! and inside « ».
const fr: VerifyTranslation = {
  heading: "Vérifiez votre identité",
  subtitle: "Encore une étape pour protéger votre compte",
  stepUpText:
    "Cette modification nécessite une connexion récente. Confirmez votre identité avec l’un de vos appareils, et elle sera effectuée.",

  types: {
    sms: "SMS",
    email: "E-mail",
    totp: "Application d’authentification",
    passkey: "Clé d’accès",
    recovery_code: "Code de récupération",
  },

  codeTitle: "Saisissez votre code",
  codeSent: (target) => `Nous avons envoyé un code à 6 chiffres à ${target}.`,
  totpText: "Ouvrez votre application d’authentification et saisissez le code à 6 chiffres qu’elle affiche.",
  code: "Code",
  invalidCode: "Saisissez les 6 chiffres du code.",
  verify: "Vérifier",
  verifying: "Vérification…",
  noCode: "Vous ne l’avez pas reçu\u00a0?",
  resend: "Renvoyer le code",
  resendIn: (seconds) => `Renvoyer le code dans ${seconds}\u00a0s`,
  resent: (target) => `Nous avons envoyé un nouveau code à ${target}.`,
  sending: "Envoi…",

  passkeyTitle: "Utilisez votre clé d’accès",
  passkeyText:
    "Confirmez avec votre empreinte digitale, votre visage, un code PIN ou une clé de sécurité lorsque votre navigateur vous le demande.",
  usePasskey: "Utiliser la clé d’accès",
  waitingPasskey: "En attente de votre clé d’accès…",
  passkeyCancelled:
    "La demande de clé d’accès a été annulée. Réessayez quand vous serez prêt, ou utilisez une autre méthode.",
  passkeyFailed: "Votre navigateur n’a pas pu utiliser la clé d’accès. Réessayez ou utilisez une autre méthode.",
  passkeyUnsupported: "Ce navigateur ne peut pas utiliser de clés d’accès. Utilisez une autre méthode.",

  recoveryTitle: "Utiliser un code de récupération",
  recoveryText:
    "Saisissez l’un des codes de récupération que vous avez enregistrés. Chaque code ne fonctionne qu’une seule fois.",
  recoveryLabel: "Code de récupération",
  invalidRecovery: "Saisissez un code de récupération, par ex. 7k2m-q9xd-4hwa.",
  recoveryLeft: (count) => `Il reste ${count} code${count > 1 ? "s" : ""}`,
  recoveryLow: (count) =>
    count === 0
      ? "C’était votre dernier code de récupération. Créez-en de nouveaux dans vos paramètres de sécurité."
      : `Il ne vous reste que ${count} code${count > 1 ? "s" : ""} de récupération. Créez-en de nouveaux dans vos paramètres de sécurité.`,

  anotherMethod: "Utiliser une autre méthode",
  chooseTitle: "Choisissez une méthode",
  chooseText: "Comment souhaitez-vous confirmer votre identité\u00a0?",
  defaultBadge: "Par défaut",
  cancel: "Annuler",
  back: "Retour",

  verifiedTitle: "Identité vérifiée",
  verifiedText: "Merci d’avoir confirmé votre identité.",
  confirmed: "Confirmé. Finalisation de votre modification…",

  errors: {
    session_missing: "Connectez-vous d’abord, puis vérifiez votre identité.",
    mfa_not_enabled:
      "Ce compte n’a encore aucun appareil de connexion permettant de vérifier votre identité. Configurez-en d’abord un dans vos paramètres de sécurité.",
    otp_invalid: (attemptsLeft) =>
      attemptsLeft === undefined
        ? "Ce code est incorrect. Vérifiez-le et réessayez."
        : `Ce code est incorrect. Il vous reste ${attemptsLeft} tentative${attemptsLeft > 1 ? "s" : ""}.`,
    recovery_invalid: (attemptsLeft) =>
      attemptsLeft === undefined
        ? "Ce code de récupération est incorrect ou a déjà été utilisé."
        : `Ce code de récupération est incorrect ou a déjà été utilisé. Il vous reste ${attemptsLeft} tentative${attemptsLeft > 1 ? "s" : ""}.`,
    challenge_expired: "Ce code a expiré. Demandez-en un nouveau pour continuer.",
    too_many_attempts: "Trop de codes erronés. Demandez un nouveau code ou utilisez une autre méthode.",
    locked: (minutes) =>
      `Trop de tentatives infructueuses. Par sécurité, réessayez dans ${minutes} minute${minutes > 1 ? "s" : ""}.`,
    rate_limited: (seconds) =>
      seconds === undefined
        ? "Trop de codes ont été envoyés. Patientez un instant et réessayez."
        : seconds < 90
          ? `Trop de codes ont été envoyés. Vous pourrez en demander un autre dans ${seconds} seconde${seconds > 1 ? "s" : ""}.`
          : `Trop de codes ont été envoyés. Vous pourrez en demander un autre dans ${Math.ceil(seconds / 60)} minutes.`,
    delivery_failed: "Impossible d’envoyer le code. Réessayez plus tard ou utilisez une autre méthode.",
    passkey_invalid: "Votre clé d’accès n’a pas pu être vérifiée. Réessayez ou utilisez une autre méthode.",
    no_recovery_codes: "Il ne vous reste aucun code de récupération inutilisé. Utilisez une autre méthode.",
    not_found: "Cet appareil n’est plus disponible. Utilisez une autre méthode.",
    method_disabled: "Cette méthode n’est pas disponible pour le moment. Utilisez une autre méthode.",
  },
};

export default fr;
