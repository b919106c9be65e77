import type { VerifyTranslation } from "./en.js";

const es: VerifyTranslation = {
  heading: "Verifica tu identidad",
  subtitle: "Un paso más para mantener tu cuenta segura",
  stepUpText:
    "Este cambio requiere un inicio de sesión reciente. Confirma tu identidad con uno de tus dispositivos y se aplicará.",

  types: {
    sms: "Mensaje de texto",
    email: "Correo electrónico",
    totp: "App de autenticación",
    passkey: "Llave de acceso",
    recovery_code: "Código de recuperación",
  },

  codeTitle: "Introduce tu código",
  codeSent: (target) => `Hemos enviado un código de 6 dígitos a ${target}.`,
  totpText: "Abre tu app de autenticación e introduce el código de 6 dígitos que muestra.",
  code: "Código",
  invalidCode: "Introduce los 6 dígitos del código.",
  verify: "Verificar",
  verifying: "Verificando…",
  noCode: "¿No lo has recibido?",
  resend: "Reenviar código",
  resendIn: (seconds) => `Reenviar código en ${seconds} s`,
  resent: (target) => `Hemos enviado un código nuevo a ${target}.`,
  sending: "Enviando…",

  passkeyTitle: "Usa tu llave de acceso",
  passkeyText:
    "Confirma con tu huella dactilar, tu cara, un PIN o una llave de seguridad cuando te lo pida el navegador.",
  usePasskey: "Usar llave de acceso",
  waitingPasskey: "Esperando a tu llave de acceso…",
  passkeyCancelled:
    "Se ha cancelado la solicitud de la llave de acceso. Vuelve a intentarlo cuando quieras o usa otro método.",
  passkeyFailed: "Tu navegador no ha podido usar la llave de acceso. Vuelve a intentarlo o usa otro método.",
  passkeyUnsupported: "Este navegador no puede usar llaves de acceso. Usa otro método.",

  recoveryTitle: "Usa un código de recuperación",
  recoveryText: "Introduce uno de los códigos de recuperación que guardaste. Cada código solo funciona una vez.",
  recoveryLabel: "Código de recuperación",
  invalidRecovery: "Introduce un código de recuperación, p. ej., 7k2m-q9xd-4hwa.",
  recoveryLeft: (count) => (count === 1 ? "Queda 1 código" : `Quedan ${count} códigos`),
  recoveryLow: (count) =>
    count === 0
      ? "Era tu último código de recuperación. Crea otros nuevos en tu configuración de seguridad."
      : count === 1
        ? "Solo te queda 1 código de recuperación. Crea otros nuevos en tu configuración de seguridad."
        : `Solo te quedan ${count} códigos de recuperación. Crea otros nuevos en tu configuración de seguridad.`,

  anotherMethod: "Usar otro método",
  chooseTitle: "Elige un método",
  chooseText: "¿Cómo quieres confirmar tu identidad?",
  defaultBadge: "Predeterminado",
  cancel: "Cancelar",
  back: "Atrás",

  verifiedTitle: "Identidad verificada",
  verifiedText: "Gracias por confirmar tu identidad.",
  confirmed: "Confirmado. Completando tu cambio…",

  errors: {
    session_missing: "Primero inicia sesión y después verifica tu identidad.",
    mfa_not_enabled:
      "Esta cuenta aún no tiene ningún dispositivo de inicio de sesión con el que verificarte. Configura uno primero en tu configuración de seguridad.",
    otp_invalid: (attemptsLeft) =>
      attemptsLeft === undefined
        ? "El código no es correcto. Revísalo e inténtalo de nuevo."
        : attemptsLeft === 1
          ? "El código no es correcto. Te queda 1 intento."
          : `El código no es correcto. Te quedan ${attemptsLeft} intentos.`,
    recovery_invalid: (attemptsLeft) =>
      attemptsLeft === undefined
        ? "El código de recuperación no es correcto o ya se ha usado."
        : attemptsLeft === 1
          ? "El código de recuperación no es correcto o ya se ha usado. Te queda 1 intento."
          : `El código de recuperación no es correcto o ya se ha usado. Te quedan ${attemptsLeft} intentos.`,
    challenge_expired: "Este código ha caducado. Pide uno nuevo para continuar.",
    too_many_attempts: "Demasiados códigos incorrectos. Pide un código nuevo o usa otro método.",
    locked: (minutes) =>
      `Demasiados intentos fallidos. Por seguridad, vuelve a intentarlo dentro de ${minutes} minuto${minutes === 1 ? "" : "s"}.`,
    rate_limited: (seconds) =>
      seconds === undefined
        ? "Se han enviado demasiados códigos. Espera un momento e inténtalo de nuevo."
        : seconds < 90
          ? `Se han enviado demasiados códigos. Podrás pedir otro dentro de ${seconds} segundo${seconds === 1 ? "" : "s"}.`
          : `Se han enviado demasiados códigos. Podrás pedir otro dentro de ${Math.ceil(seconds / 60)} minutos.`,
    delivery_failed: "No hemos podido enviar el código. Inténtalo más tarde o usa otro método.",
    passkey_invalid: "No se ha podido verificar tu llave de acceso. Inténtalo de nuevo o usa otro método.",
    no_recovery_codes: "No te quedan códigos de recuperación sin usar. Usa otro método.",
    not_found: "Este dispositivo ya no está disponible. Usa otro método.",
    method_disabled: "Este método no está disponible ahora mismo. Usa otro método.",
  },
};

export default es;
