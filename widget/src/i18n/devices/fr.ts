import type { DevicesTranslation } from "./en.js";

// French typography: a no-break space (\u00a0) before : ; ? ! and inside « ».
const fr: DevicesTranslation = {
  types: { sms: "SMS", email: "E-mail", totp: "Application d’authentification", passkey: "Clé d’accès" },
  nicknames: { sms: "Téléphone", email: "E-mail", totp: "Application d’authentification", passkey: "Clé d’accès" },
  typeHints: {
    sms: "Recevoir un code par SMS",
    email: "Recevoir un code par e-mail",
    totp: "Utiliser le code d’une application comme Google Authenticator ou 1Password",
    passkey: "Utiliser votre empreinte digitale, votre visage ou le verrouillage de l’écran",
  },

  enableTitle: "Protégez votre compte avec la MFA",
  enableText:
    "L’authentification multifacteur (MFA) demande une seconde étape lors de la connexion (un code ou une clé d’accès)\u00a0: un mot de passe volé ne suffit donc pas à ouvrir votre compte.",
  enable: "Activer la MFA",
  enabling: "Activation…",

  listTitle: "Vos appareils",
  listText: "Lors de la connexion, nous vous demanderons de confirmer votre identité avec l’un d’eux.",
  mfaOn: "MFA activée",
  emptyTitle: "Aucun appareil pour l’instant",
  addDevice: "Ajouter un appareil",
  limitReached: (max) =>
    `Vous pouvez avoir jusqu’à ${max} appareil${max > 1 ? "s" : ""}. Supprimez-en un pour en ajouter un autre.`,
  addUnavailable: "Il n’est pas possible d’ajouter de nouveaux appareils ici pour le moment.",
  defaultBadge: "Par défaut",
  pending: "Vérification en attente",
  done: "Terminé",
  cancel: "Annuler",
  disableMfa: "Désactiver la MFA",

  chooseTitle: "Ajouter un appareil",
  chooseText: "Choisissez comment confirmer votre identité.",
  passkeyUnsupported: "Ce navigateur ne peut pas créer de clés d’accès.",

  targetText: {
    sms: "Saisissez le numéro de mobile qui recevra vos codes de connexion.",
    email: "Saisissez l’adresse e-mail qui recevra vos codes de connexion.",
  },
  phone: "Téléphone",
  phoneHint: "Format international, par ex. +33612345678",
  email: "E-mail",
  sendCode: "Envoyer le code",
  sending: "Envoi…",
  invalidPhone: "Commencez le numéro par + et l’indicatif du pays, par ex. +33612345678.",
  countryCode: "Indicatif pays",
  phoneHintCountry: "Saisissez le numéro comme vous le composeriez dans ce pays, ou commencez par + et un autre indicatif.",
  invalidPhoneIn: (country) => `Ce n’est pas un numéro de téléphone complet pour ${country}. Vérifiez-le ou choisissez un autre indicatif.`,
  invalidEmail: "Saisissez une adresse e-mail valide, par ex. nom@example.com.",

  codeTitle: "Saisissez le code",
  codeSent: (target) => `Nous avons envoyé un code à 6 chiffres à ${target}.`,
  code: "Code",
  codeHint: "Il expire dans 10 minutes.",
  invalidCode: "Saisissez les 6 chiffres du code.",
  verify: "Vérifier",
  verifying: "Vérification…",
  noCode: "Vous ne l’avez pas reçu\u00a0?",
  resend: "Renvoyer le code",
  resendIn: (seconds) => `Renvoyer le code dans ${seconds}\u00a0s`,
  resent: (target) => `Nous avons envoyé un nouveau code à ${target}.`,

  totpTitle: "Configurez votre application d’authentification",
  totpScan: "Scannez ce QR code avec votre application d’authentification.",
  qrLabel: "Image QR pour votre application d’authentification",
  totpManual: "Impossible de le scanner\u00a0? Saisissez plutôt cette clé de configuration\u00a0:",
  copy: "Copier",
  copied: "Copiée",
  copyFailed: "Impossible de copier. Sélectionnez la clé et copiez-la vous-même.",
  totpEnter: "Saisissez le code à 6 chiffres affiché par l’application.",

  passkeyTitle: "Créer une clé d’accès",
  passkeyText:
    "Une clé d’accès vous permet de confirmer votre identité avec votre empreinte digitale, votre visage, un code PIN ou le verrouillage de l’écran. Rien à saisir, et impossible à hameçonner.",
  createPasskey: "Créer une clé d’accès",
  creatingPasskey: "En attente de votre appareil…",
  passkeyCancelled: "La création de la clé d’accès a été annulée. Réessayez quand vous serez prêt.",
  passkeyExists: "Cet appareil possède déjà une clé d’accès pour votre compte.",
  passkeyFailed: "Votre navigateur n’a pas pu créer de clé d’accès. Réessayez ou choisissez un autre type d’appareil.",

  recoveryTitle: "Codes de récupération",
  recoveryNone:
    "Des codes pour vous connecter si vous perdez vos appareils. Créez-les et conservez-les en lieu sûr.",
  recoveryCount: (remaining, total) => `Il en reste ${remaining} sur ${total}`,
  recoveryLow: (remaining) =>
    remaining === 0
      ? "Vous avez utilisé tous vos codes de récupération. Créez-en de nouveaux."
      : `Il n’en reste que ${remaining}. Créez-en de nouveaux bientôt.`,
  createRecovery: "Créer des codes",
  replaceRecovery: "Créer de nouveaux codes",
  creatingRecovery: "Création…",
  recoveryShowTitle: "Enregistrez vos codes de récupération",
  recoveryShowText:
    "Chaque code vous permet de vous connecter une fois si vous ne pouvez pas utiliser vos appareils. Conservez-les en lieu sûr\u00a0: ils ne seront plus affichés, et les anciens codes ne fonctionnent plus.",
  recoveryListLabel: "Vos codes de récupération",
  copyCodes: "Copier",
  downloadCodes: "Télécharger",
  printCodes: "Imprimer",
  savedCodes: "Je les ai enregistrés",
  recoveryFile: (account, date) =>
    `Codes de récupération de ${account}, créés le ${date}.\nChaque code ne fonctionne qu’une seule fois. Conservez-les en lieu sûr.`,
  recoveryCreated: "Codes de récupération créés.",
  activityLink: "Activité récente",
  activityLinkText: "Connexions et modifications de votre compte",

  back: "Tous les appareils",
  type: "Type",
  added: "Ajouté",
  addedOn: (date) => `Ajouté le ${date}`,
  lastUsed: "Dernière utilisation",
  never: "Jamais",
  nickname: "Nom",
  nicknameHint: "Pour distinguer facilement vos appareils.",
  invalidNickname: "Saisissez un nom de 40 caractères maximum.",
  save: "Enregistrer",
  saving: "Enregistrement…",
  defaultTitle: "Appareil par défaut",
  isDefault: "C’est votre appareil par défaut\u00a0: nous vous le demandons en premier lors de la connexion.",
  makeDefaultText: "Faites-en l’appareil que nous vous demandons en premier lors de la connexion.",
  setDefault: "Définir par défaut",
  pendingText:
    "Cet appareil n’a jamais été vérifié et ne peut donc pas servir à vous connecter. Supprimez-le, puis ajoutez-le à nouveau.",
  removeTitle: "Supprimer l’appareil",
  removeText: "Vous ne pourrez plus l’utiliser pour vous connecter.",
  remove: "Supprimer",
  removing: "Suppression…",
  confirmRemoveTitle: "Supprimer cet appareil\u00a0?",
  confirmRemoveText: (nickname) =>
    `Vous ne pourrez plus utiliser «\u00a0${nickname}\u00a0» pour vous connecter. Vous pourrez l’ajouter à nouveau plus tard.`,

  confirmDisableTitle: "Désactiver la MFA\u00a0?",
  confirmDisableText:
    "Vous vous connecterez uniquement avec votre mot de passe. Vos appareils sont conservés\u00a0: vous pourrez réactiver la MFA à tout moment.",
  disabling: "Désactivation…",

  deviceAdded: "Appareil ajouté",
  deviceRenamed: "Appareil renommé",
  defaultChanged: "Appareil par défaut modifié",
  deviceRemoved: "Appareil supprimé",
  mfaDisabled: "La MFA est désactivée.",

  setupUnfinished: "Non terminée",
  protectedBy: (count) =>
    count === 1 ? "Les connexions sont protégées par 1 appareil." : `Les connexions sont protégées par ${count} appareils.`,
  notProtected: "Ajoutez un appareil pour terminer la configuration — les connexions ne sont pas encore protégées.",
  startWith: "Ou commencez directement par un appareil :",
  lastUsedOn: (when) => `Dernière utilisation : ${when}`,
  usedJustNow: "Utilisé à l’instant",
  neverUsed: "Jamais utilisé",
  nicknameTooLong: (length, max) => `Ce nom fait ${length} caractères. Un nom peut en compter ${max} au maximum.`,
  charactersLimit: (max) => `${max} caractères maximum.`,
  charactersLeft: (left) => (left >= 0 ? `Caractères restants : ${left}` : `Caractères en trop : ${-left}`),
  signInAgain: "Se reconnecter",
  confirmToContinue:
    "Pour votre sécurité, confirmez votre identité pour effectuer cette modification. Elle sera terminée dès que ce sera fait.",

  errors: {
    session_missing: "Connectez-vous pour gérer vos appareils de connexion.",
    reauthentication_required:
      "Par sécurité, reconnectez-vous pour effectuer cette modification. Elle sera terminée dès que vous l’aurez fait.",
    otp_invalid: (attemptsLeft) =>
      attemptsLeft === undefined
        ? "Ce code est incorrect. Vérifiez-le et réessayez."
        : `Ce code est incorrect. Il vous reste ${attemptsLeft} tentative${attemptsLeft > 1 ? "s" : ""}.`,
    otp_expired: "Ce code a expiré. Demandez-en un nouveau.",
    too_many_attempts: "Trop de codes erronés. Annulez et recommencez.",
    rate_limited: (seconds) =>
      seconds === undefined
        ? "Trop de codes ont été envoyés. Patientez un instant et réessayez."
        : seconds < 90
          ? `Trop de codes ont été envoyés. Vous pourrez en demander un autre dans ${seconds} seconde${seconds > 1 ? "s" : ""}.`
          : `Trop de codes ont été envoyés. Vous pourrez en demander un autre dans ${Math.ceil(seconds / 60)} minutes.`,
    delivery_failed: "Impossible d’envoyer le code. Vérifiez le numéro ou l’adresse, ou réessayez plus tard.",
    device_limit_reached: "Vous avez atteint le nombre maximal d’appareils. Supprimez-en un pour en ajouter un autre.",
    method_disabled: "Ce type d’appareil ne peut pas être ajouté ici.",
    last_device:
      "La MFA nécessite au moins un appareil. Ajoutez d’abord un autre appareil, ou désactivez la MFA pour supprimer celui-ci.",
    device_not_active: "Vérifiez cet appareil avant d’en faire votre appareil par défaut.",
    device_already_active: "Cet appareil est déjà vérifié.",
    challenge_expired: "Cette demande de clé d’accès a expiré. Réessayez.",
    passkey_invalid: "Votre clé d’accès n’a pas pu être vérifiée. Réessayez.",
    passkey_already_registered: "Cette clé d’accès est déjà enregistrée.",
    resend_not_supported: "Seuls les appareils SMS et e-mail reçoivent des codes.",
    not_found: "Cet appareil n’existe plus. Il a peut-être été supprimé ailleurs.",
    validation_failed: "Vérifiez votre saisie.",
  },
};

export default fr;
