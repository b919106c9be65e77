import profile from "./profile/fr.js";
import type { Translation } from "./en.js";

// French typography: a no-break space (\u00a0) before : ; ? ! and inside « ».
const fr: Translation = {
  lang: "fr",
  dir: "ltr",

  profileHeading: "Profil",
  profileSubtitle: "Gérez vos informations personnelles",
  signedInAs: (username) => `Connecté en tant que ${username}`,
  loading: "Chargement de votre profil…",

  nameSection: "Nom",
  contactSection: "Coordonnées",
  addressSection: "Adresse",
  givenName: "Prénom",
  familyName: "Nom",
  email: "E-mail",
  phone: "Téléphone",
  phoneHint: "Format international, par ex. +33612345678",
  protectedNote: "Pour modifier votre e-mail ou votre téléphone, vous devez vous être connecté récemment.",
  protectedNoteAny: "Pour modifier ces informations, vous devez vous être connecté récemment.",
  streetAddress: "Numéro et rue",
  locality: "Ville",
  region: "Région / Province",
  postalCode: "Code postal",
  countryCode: "Pays",
  selectCountry: "Sélectionnez un pays",
  detailsSection: "Autres informations",
  selectOption: "Choisir…",
  requiredNote: "Obligatoire",
  yes: "Oui",
  no: "Non",
  notSet: "Non renseigné",

  save: "Enregistrer",
  saving: "Enregistrement…",
  discard: "Annuler les modifications",
  tryAgain: "Réessayer",
  confirmIdentity: "Confirmer votre identité",
  signInAgain: "Se reconnecter",
  reauthConfirm: "Pour votre sécurité, confirmez votre identité pour modifier votre e-mail ou votre téléphone. Vos modifications sont conservées.",
  saved: "Votre profil a été enregistré.",
  changesKept: "Vos modifications sont conservées.",

  invalidEmail: "Saisissez une adresse e-mail valide, par ex. nom@example.com.",
  invalidPhone: "Commencez le numéro par + et l’indicatif du pays.",
  invalidField: {
    givenName: "100 caractères maximum, sur une seule ligne.",
    familyName: "100 caractères maximum, sur une seule ligne.",
    email: "Saisissez une adresse e-mail valide, par ex. nom@example.com.",
    phone: "Saisissez le numéro au format international\u00a0: + suivi de l’indicatif du pays et du numéro, par ex. +33612345678.",
    "address.streetAddress": "200 caractères maximum, sur une seule ligne.",
    "address.locality": "100 caractères maximum, sur une seule ligne.",
    "address.region": "100 caractères maximum, sur une seule ligne.",
    "address.postalCode": "Saisissez un code postal valide\u00a0: lettres, chiffres, espaces et tirets.",
    "address.countryCode": "Choisissez un pays dans la liste.",
  },

  profile,


  notSignedInTitle: "Vous n’êtes pas connecté",
  signedOutTitle: "Vous avez été déconnecté",
  wrongAccountTitle: "Mauvais compte",
  loadErrorTitle: "Impossible de charger votre profil",

  devicesHeading: "Authentification multifacteur",
  devicesSubtitle: "Une seconde étape pour que votre compte reste le vôtre",
  loadingDevices: "Chargement de vos appareils…",
  loadingActivity: "Chargement de votre activité…",
  devicesLoadErrorTitle: "Impossible de charger vos appareils",

  errors: {
    session_missing: "Connectez-vous pour consulter et modifier votre profil.",
    session_invalid: "Impossible de vérifier votre connexion. Reconnectez-vous pour continuer.",
    session_expired: "Votre session a expiré. Reconnectez-vous pour continuer.",
    username_mismatch:
      "Vous êtes connecté avec un autre compte que celui attendu par cette page. Reconnectez-vous avec le bon compte.",
    reauthentication_required:
      "Par sécurité, reconnectez-vous pour modifier votre e-mail ou votre téléphone. Vos modifications sont conservées.",
    version_conflict:
      "Votre profil a été modifié ailleurs. Nous avons chargé la dernière version en conservant vos modifications\u00a0: vérifiez-les, puis enregistrez à nouveau.",
    validation_failed: "Certaines informations sont à corriger.",
    precondition_required: "Votre profil n’a pas pu être enregistré. Rechargez la page et réessayez.",
    network_error: "Impossible de joindre le serveur. Vérifiez votre connexion et réessayez.",
    rate_limited: "Trop de tentatives. Patientez un instant, puis réessayez.",
    service_unavailable: "Le service est momentanément indisponible. Réessayez dans un instant.",
    internal_error: "Un problème est survenu de notre côté. Réessayez dans un instant.",
    unknown: "Une erreur est survenue. Réessayez dans un instant.",
  },
};

export default fr;
