import profile from "./profile/es.js";
import type { Translation } from "./en.js";

const es: Translation = {
  lang: "es",
  dir: "ltr",

  profileHeading: "Perfil",
  profileSubtitle: "Gestiona tus datos personales",
  signedInAs: (username) => `Sesión iniciada como ${username}`,
  loading: "Cargando tu perfil…",

  nameSection: "Nombre",
  contactSection: "Contacto",
  addressSection: "Dirección",
  givenName: "Nombre",
  familyName: "Apellidos",
  email: "Correo electrónico",
  phone: "Teléfono",
  phoneHint: "Formato internacional, p. ej., +34612345678",
  protectedNote: "Para cambiar tu correo electrónico o tu teléfono, debes haber iniciado sesión recientemente.",
  protectedNoteAny: "Para cambiar estos datos, debes haber iniciado sesión recientemente.",
  streetAddress: "Calle y número",
  locality: "Ciudad",
  region: "Provincia / Estado",
  postalCode: "Código postal",
  countryCode: "País",
  selectCountry: "Selecciona un país",
  detailsSection: "Otros datos",
  selectOption: "Elige…",
  requiredNote: "Obligatorio",
  yes: "Sí",
  no: "No",
  notSet: "Sin indicar",

  save: "Guardar",
  saving: "Guardando…",
  discard: "Descartar cambios",
  tryAgain: "Reintentar",
  confirmIdentity: "Confirmar tu identidad",
  signInAgain: "Volver a iniciar sesión",
  reauthConfirm: "Por tu seguridad, confirma tu identidad para cambiar tu correo o teléfono. Tus cambios se conservan.",
  saved: "Tu perfil se ha guardado.",
  changesKept: "Tus cambios se conservan.",

  invalidEmail: "Introduce una dirección de correo electrónico válida, p. ej., nombre@example.com.",
  invalidPhone: "Empieza el número con + y el prefijo del país.",
  invalidField: {
    givenName: "Usa 100 caracteres como máximo, en una sola línea.",
    familyName: "Usa 100 caracteres como máximo, en una sola línea.",
    email: "Introduce una dirección de correo electrónico válida, p. ej., nombre@example.com.",
    phone: "Introduce el número en formato internacional: + seguido del prefijo del país y el número, p. ej., +34612345678.",
    "address.streetAddress": "Usa 200 caracteres como máximo, en una sola línea.",
    "address.locality": "Usa 100 caracteres como máximo, en una sola línea.",
    "address.region": "Usa 100 caracteres como máximo, en una sola línea.",
    "address.postalCode": "Introduce un código postal válido: letras, números, espacios y guiones.",
    "address.countryCode": "Elige un país de la lista.",
  },

  profile,


  notSignedInTitle: "No has iniciado sesión",
  signedOutTitle: "Se ha cerrado tu sesión",
  wrongAccountTitle: "Cuenta incorrecta",
  loadErrorTitle: "No hemos podido cargar tu perfil",

  devicesHeading: "Autenticación multifactor",
  devicesSubtitle: "Un segundo paso para que tu cuenta siga siendo tuya",
  loadingDevices: "Cargando tus dispositivos…",
  loadingActivity: "Cargando tu actividad…",
  devicesLoadErrorTitle: "No hemos podido cargar tus dispositivos",

  errors: {
    session_missing: "Inicia sesión para ver y editar tu perfil.",
    session_invalid: "No hemos podido verificar tu sesión. Vuelve a iniciar sesión para continuar.",
    session_expired: "Tu sesión ha caducado. Vuelve a iniciar sesión para continuar.",
    username_mismatch:
      "Has iniciado sesión con una cuenta distinta de la que espera esta página. Vuelve a iniciar sesión con la cuenta correcta.",
    reauthentication_required:
      "Por seguridad, vuelve a iniciar sesión para cambiar tu correo electrónico o tu teléfono. Tus cambios se conservan.",
    version_conflict:
      "Tu perfil se ha modificado en otro lugar. Hemos cargado la versión más reciente y conservado tus cambios: revísalos y vuelve a guardar.",
    validation_failed: "Algunos datos necesitan tu atención.",
    precondition_required: "No se ha podido guardar tu perfil. Vuelve a cargar la página e inténtalo de nuevo.",
    network_error: "No se puede conectar con el servidor. Comprueba tu conexión e inténtalo de nuevo.",
    rate_limited: "Demasiados intentos. Espera un momento e inténtalo de nuevo.",
    service_unavailable: "El servicio no está disponible en este momento. Inténtalo de nuevo en unos instantes.",
    internal_error: "Algo ha fallado por nuestra parte. Inténtalo de nuevo en unos instantes.",
    unknown: "Algo ha fallado. Inténtalo de nuevo en unos instantes.",
  },
};

export default es;
