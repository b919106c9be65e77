import type { DevicesTranslation } from "./en.js";

const es: DevicesTranslation = {
  types: { sms: "Mensaje de texto (SMS)", email: "Correo electrónico", totp: "App de autenticación", passkey: "Llave de acceso" },
  nicknames: { sms: "Teléfono", email: "Correo electrónico", totp: "App de autenticación", passkey: "Llave de acceso" },
  typeHints: {
    sms: "Recibe un código por SMS",
    email: "Recibe un código por correo electrónico",
    totp: "Usa un código de una app como Google Authenticator o 1Password",
    passkey: "Usa tu huella dactilar, tu cara o el bloqueo de pantalla",
  },

  enableTitle: "Protege tu cuenta con la MFA",
  enableText:
    "La autenticación multifactor (MFA) te pide un segundo paso al iniciar sesión (un código o una llave de acceso), así que una contraseña robada no basta para entrar en tu cuenta.",
  enable: "Activar MFA",
  enabling: "Activando…",

  listTitle: "Tus dispositivos",
  listText: "Cuando inicies sesión, te pediremos que confirmes tu identidad con uno de ellos.",
  mfaOn: "MFA activada",
  emptyTitle: "Aún no hay dispositivos",
  addDevice: "Añadir dispositivo",
  limitReached: (max) => `Puedes tener hasta ${max} dispositivo${max === 1 ? "" : "s"}. Quita uno para añadir otro.`,
  addUnavailable: "Ahora mismo no se pueden añadir dispositivos aquí.",
  defaultBadge: "Predeterminado",
  pending: "Verificación pendiente",
  done: "Listo",
  cancel: "Cancelar",
  disableMfa: "Desactivar MFA",

  chooseTitle: "Añadir un dispositivo",
  chooseText: "Elige cómo quieres confirmar tu identidad.",
  passkeyUnsupported: "Este navegador no puede crear llaves de acceso.",

  targetText: {
    sms: "Introduce el número de móvil que recibirá tus códigos de inicio de sesión.",
    email: "Introduce la dirección de correo electrónico que recibirá tus códigos de inicio de sesión.",
  },
  phone: "Teléfono",
  phoneHint: "Formato internacional, p. ej., +34612345678",
  email: "Correo electrónico",
  sendCode: "Enviar código",
  sending: "Enviando…",
  invalidPhone: "Empieza el número con + y el prefijo del país, p. ej., +34612345678.",
  countryCode: "Prefijo del país",
  phoneHintCountry: "Escribe el número como lo marcarías en ese país, o empieza con + y otro prefijo.",
  invalidPhoneIn: (country) => `No es un número de teléfono completo para ${country}. Revísalo o elige otro prefijo.`,
  invalidEmail: "Introduce una dirección de correo electrónico válida, p. ej., nombre@example.com.",

  codeTitle: "Introduce el código",
  codeSent: (target) => `Hemos enviado un código de 6 dígitos a ${target}.`,
  code: "Código",
  codeHint: "Caduca en 10 minutos.",
  invalidCode: "Introduce los 6 dígitos del código.",
  verify: "Verificar",
  verifying: "Verificando…",
  noCode: "¿No lo has recibido?",
  resend: "Reenviar código",
  resendIn: (seconds) => `Reenviar código en ${seconds} s`,
  resent: (target) => `Hemos enviado un código nuevo a ${target}.`,

  totpTitle: "Configura tu app de autenticación",
  totpScan: "Escanea este código QR con tu app de autenticación.",
  qrLabel: "Imagen QR para tu app de autenticación",
  totpManual: "¿No puedes escanearlo? Introduce esta clave de configuración:",
  copy: "Copiar",
  copied: "Copiada",
  copyFailed: "No se ha podido copiar. Selecciona la clave y cópiala tú.",
  totpEnter: "Introduce el código de 6 dígitos que muestra la app.",

  passkeyTitle: "Crear una llave de acceso",
  passkeyText:
    "Con una llave de acceso confirmas tu identidad con tu huella dactilar, tu cara, un PIN o el bloqueo de pantalla. No tienes que escribir nada y no se puede robar mediante phishing.",
  createPasskey: "Crear llave de acceso",
  creatingPasskey: "Esperando a tu dispositivo…",
  passkeyCancelled: "Se ha cancelado la creación de la llave de acceso. Vuelve a intentarlo cuando quieras.",
  passkeyExists: "Este dispositivo ya tiene una llave de acceso para tu cuenta.",
  passkeyFailed: "Tu navegador no ha podido crear una llave de acceso. Vuelve a intentarlo o elige otro tipo de dispositivo.",

  recoveryTitle: "Códigos de recuperación",
  recoveryNone:
    "Códigos con los que puedes iniciar sesión si pierdes tus dispositivos. Créalos y guárdalos en un lugar seguro.",
  recoveryCount: (remaining, total) => (remaining === 1 ? `Queda 1 de ${total}` : `Quedan ${remaining} de ${total}`),
  recoveryLow: (remaining) =>
    remaining === 0
      ? "Has usado todos tus códigos de recuperación. Crea otros nuevos."
      : remaining === 1
        ? "Solo queda 1. Crea otros nuevos pronto."
        : `Solo quedan ${remaining}. Crea otros nuevos pronto.`,
  createRecovery: "Crear códigos",
  replaceRecovery: "Crear códigos nuevos",
  creatingRecovery: "Creando…",
  recoveryShowTitle: "Guarda tus códigos de recuperación",
  recoveryShowText:
    "Cada código te permite iniciar sesión una vez si no puedes usar tus dispositivos. Guárdalos en un lugar seguro: no se volverán a mostrar y los códigos anteriores dejan de funcionar.",
  recoveryListLabel: "Tus códigos de recuperación",
  copyCodes: "Copiar",
  downloadCodes: "Descargar",
  printCodes: "Imprimir",
  savedCodes: "Ya los he guardado",
  recoveryFile: (account, date) =>
    `Códigos de recuperación de ${account}, creados el ${date}.\nCada código funciona una sola vez. Guárdalos en un lugar seguro.`,
  recoveryCreated: "Códigos de recuperación creados.",
  activityLink: "Actividad reciente",
  activityLinkText: "Inicios de sesión y cambios en tu cuenta",

  back: "Todos los dispositivos",
  type: "Tipo",
  added: "Añadido",
  addedOn: (date) => `Añadido el ${date}`,
  lastUsed: "Último uso",
  never: "Nunca",
  nickname: "Nombre",
  nicknameHint: "Te ayuda a distinguir tus dispositivos.",
  invalidNickname: "Introduce un nombre de 40 caracteres como máximo.",
  save: "Guardar",
  saving: "Guardando…",
  defaultTitle: "Dispositivo predeterminado",
  isDefault: "Este es tu dispositivo predeterminado: es el primero que te pedimos al iniciar sesión.",
  makeDefaultText: "Haz que sea el primer dispositivo que te pidamos al iniciar sesión.",
  setDefault: "Establecer como predeterminado",
  pendingText: "Este dispositivo nunca se verificó, así que no puede usarse para iniciar sesión. Quítalo y vuelve a añadirlo.",
  removeTitle: "Quitar dispositivo",
  removeText: "Ya no podrás usarlo para iniciar sesión.",
  remove: "Quitar",
  removing: "Quitando…",
  confirmRemoveTitle: "¿Quitar este dispositivo?",
  confirmRemoveText: (nickname) =>
    `Ya no podrás usar «${nickname}» para iniciar sesión. Puedes volver a añadirlo más adelante.`,

  confirmDisableTitle: "¿Desactivar la MFA?",
  confirmDisableText:
    "Iniciarás sesión solo con tu contraseña. Tus dispositivos se conservan, así que puedes volver a activar la MFA cuando quieras.",
  disabling: "Desactivando…",

  deviceAdded: "Dispositivo añadido",
  deviceRenamed: "Dispositivo renombrado",
  defaultChanged: "Dispositivo predeterminado cambiado",
  deviceRemoved: "Dispositivo quitado",
  mfaDisabled: "La MFA está desactivada.",

  setupUnfinished: "Sin terminar",
  protectedBy: (count) =>
    count === 1 ? "Los inicios de sesión están protegidos por 1 dispositivo." : `Los inicios de sesión están protegidos por ${count} dispositivos.`,
  notProtected: "Añade un dispositivo para terminar la configuración: los inicios de sesión aún no están protegidos.",
  startWith: "O empieza directamente con un dispositivo:",
  lastUsedOn: (when) => `Último uso: ${when}`,
  usedJustNow: "Usado hace un momento",
  neverUsed: "Nunca usado",
  nicknameTooLong: (length, max) => `Tiene ${length} caracteres. Un nombre puede tener ${max} como máximo.`,
  charactersLimit: (max) => `Hasta ${max} caracteres.`,
  charactersLeft: (left) => (left >= 0 ? `Caracteres restantes: ${left}` : `Caracteres de más: ${-left}`),
  signInAgain: "Volver a iniciar sesión",
  confirmToContinue:
    "Por tu seguridad, confirma tu identidad para hacer este cambio. Se completará en cuanto lo hagas.",

  errors: {
    session_missing: "Inicia sesión para gestionar tus dispositivos de inicio de sesión.",
    reauthentication_required:
      "Por seguridad, vuelve a iniciar sesión para hacer este cambio. Se completará en cuanto lo hagas.",
    otp_invalid: (attemptsLeft) =>
      attemptsLeft === undefined
        ? "El código no es correcto. Revísalo e inténtalo de nuevo."
        : attemptsLeft === 1
          ? "El código no es correcto. Te queda 1 intento."
          : `El código no es correcto. Te quedan ${attemptsLeft} intentos.`,
    otp_expired: "Este código ha caducado. Pide uno nuevo.",
    too_many_attempts: "Demasiados códigos incorrectos. Cancela y vuelve a empezar.",
    rate_limited: (seconds) =>
      seconds === undefined
        ? "Se han enviado demasiados códigos. Espera un momento e inténtalo de nuevo."
        : seconds < 90
          ? `Se han enviado demasiados códigos. Podrás pedir otro dentro de ${seconds} segundo${seconds === 1 ? "" : "s"}.`
          : `Se han enviado demasiados códigos. Podrás pedir otro dentro de ${Math.ceil(seconds / 60)} minutos.`,
    delivery_failed: "No hemos podido enviar el código. Comprueba el número o la dirección, o inténtalo más tarde.",
    device_limit_reached: "Ya tienes el número máximo de dispositivos. Quita uno para añadir otro.",
    method_disabled: "Este tipo de dispositivo no se puede añadir aquí.",
    last_device: "La MFA necesita al menos un dispositivo. Añade otro primero o desactiva la MFA para quitar este.",
    device_not_active: "Verifica este dispositivo antes de establecerlo como predeterminado.",
    device_already_active: "Este dispositivo ya está verificado.",
    challenge_expired: "Esta solicitud de llave de acceso ha caducado. Inténtalo de nuevo.",
    passkey_invalid: "No se ha podido verificar tu llave de acceso. Inténtalo de nuevo.",
    passkey_already_registered: "Esta llave de acceso ya está registrada.",
    resend_not_supported: "Solo los dispositivos de SMS y correo electrónico reciben códigos.",
    not_found: "Este dispositivo ya no existe. Puede que se haya quitado desde otro lugar.",
    validation_failed: "Revisa lo que has introducido.",
  },
};

export default es;
