import type { ActivityTranslation } from "./en.js";

const fr: ActivityTranslation = {
  heading: "Sécurité du compte",
  subtitle: "Ce qui s’est passé sur votre compte, et une copie de vos données",

  title: "Activité récente",
  intro: "Connexions, modifications de votre profil et de vos appareils de connexion, des plus récentes aux plus anciennes.",
  listLabel: "Événements de sécurité",
  loading: "Chargement de votre activité…",
  empty: "Aucune activité pour l’instant",
  emptyText: "Les connexions et les modifications de votre compte apparaîtront ici.",
  loadFailed: "Impossible de charger votre activité.",
  showMore: "Afficher plus",
  loadingMore: "Chargement…",
  justNow: "À l’instant",
  browserOn: (browser, os) => `${browser} sur ${os}`,

  events: {
    "user.created": "Compte créé",
    "profile.updated": "Profil mis à jour",
    "profile.change.opened": "Nouvelle adresse saisie",
    "profile.change.verified": "Nouvelle adresse confirmée",
    "profile.change.code_rejected": "Code erroné pour une nouvelle adresse",
    "profile.change.cancelled": "Changement d’adresse annulé",
    "mfa.enabled": "Validation en deux étapes activée",
    "mfa.disabled": "Validation en deux étapes désactivée",
    "mfa.recovery_codes.created": "Codes de récupération créés",
    "mfa.recovery_codes.replaced": "Codes de récupération remplacés",
    "mfa.device.added": "Ajout d’un appareil de connexion commencé",
    "mfa.device.activated": "Appareil de connexion ajouté",
    "mfa.device.renamed": "Appareil de connexion renommé",
    "mfa.device.default_set": "Appareil de connexion par défaut modifié",
    "mfa.device.removed": "Appareil de connexion supprimé",
    "mfa.device.code_rejected": "Code erroné pour un nouvel appareil de connexion",
    "mfa.device.discarded": "Appareil de connexion inachevé supprimé",
    "mfa.verification.succeeded": "Connexion avec la validation en deux étapes",
    "mfa.verification.failed": "Échec de la vérification",
  },
  stepUp: "Identité confirmée",
  recoverySignIn: "Connexion avec un code de récupération",
  recoveryStepUp: "Identité confirmée avec un code de récupération",
  recoveryCode: "Code de récupération",
  reasons: {
    wrong_proof: "Le code ou la clé d’accès n’était pas correct",
    expired: "La demande avait expiré",
    locked: "Trop de tentatives erronées",
    delivery_failed: "Le code n’a pas pu être envoyé",
    device_gone: "L’appareil n’existait plus",
  },
  types: { sms: "SMS", email: "E-mail", totp: "Application d’authentification", passkey: "Clé d’accès" },
  nicknames: { sms: "Téléphone", email: "E-mail", totp: "Application d’authentification", passkey: "Clé d’accès" },

  notYou: "Ce n’était pas vous ?",
  getHelp: "Obtenir de l’aide pour sécuriser votre compte",
  newTab: "(s’ouvre dans un nouvel onglet)",
  notYouAdvice:
    "Si vous ne reconnaissez pas quelque chose ici, changez votre mot de passe et supprimez tout appareil de connexion que vous ne connaissez pas.",

  dataTitle: "Vos données",
  dataText: "Téléchargez une copie de votre profil, de vos appareils de connexion et de cette activité, dans un fichier JSON.",
  download: "Télécharger mes données",
  downloading: "Préparation du téléchargement…",
  downloadFailed: "Vos données n’ont pas pu être téléchargées.",
};

export default fr;
