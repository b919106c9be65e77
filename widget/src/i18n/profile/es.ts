import type { ProfileTranslation } from "./en.js";

const es: ProfileTranslation = {
  problems: {
    required: "Este campo es obligatorio.",
    minLength: (limit) => (limit === 1 ? "Este campo es obligatorio." : `Debe tener al menos ${limit} caracteres.`),
    maxLength: (limit) => `Debe tener ${limit} caracteres como máximo.`,
    pattern: "Introduce un valor con el formato esperado.",
    email: "Introduce un correo electrónico válido, por ejemplo nombre@example.com.",
    tel: "Introduce el número en formato internacional: + seguido del prefijo del país y el número, por ejemplo +34612345678.",
    date: "Introduce una fecha.",
    uri: "Introduce una dirección web completa, por ejemplo https://example.com.",
    enum: "Elige uno de los valores de la lista.",
    integer: "Debe ser un número entero.",
    number: "Debe ser un número.",
    minimum: (limit) => `Debe ser ${limit} o más.`,
    maximum: (limit) => `Debe ser ${limit} o menos.`,
    minItems: (limit) => `Elige al menos ${limit}.`,
    maxItems: (limit) => `Elige como máximo ${limit}.`,
    displaySafe: "Sin saltos de línea, caracteres de control ni caracteres invisibles.",
    country: "Elige un país de la lista.",
    readOnly: "Este campo no se puede cambiar.",
    other: "Este valor no se acepta.",
  },
  codeSent: (target) => `Introduce el código que enviamos a ${target}.`,
  waitingNote: "Tu dirección actual se mantiene hasta que confirmes la nueva.",
  code: "Código",
  verify: "Verificar",
  verifying: "Verificando…",
  noCode: "¿No lo has recibido?",
  resend: "Reenviar código",
  resendIn: (seconds) => `Reenviar código en ${seconds} s`,
  sending: "Enviando…",
  cancel: "Cancelar",
  invalidCode: "Introduce los 6 dígitos del código.",
  resent: (target) => `Hemos enviado un código nuevo a ${target}.`,
  codeNeeded: "Casi listo: introduce el código que te enviamos para confirmar tu nueva dirección.",
  applied: (field) => `${field}: confirmado y guardado.`,
  cancelled: (field) => `Se ha cancelado el cambio de ${field}.`,
  errors: {
    otp_invalid: (attemptsLeft) =>
      attemptsLeft === undefined
        ? "El código no es correcto. Revísalo e inténtalo de nuevo."
        : attemptsLeft === 1
          ? "El código no es correcto. Te queda 1 intento."
          : `El código no es correcto. Te quedan ${attemptsLeft} intentos.`,
    otp_expired: "Este código ha caducado. Pide uno nuevo.",
    too_many_attempts: "Demasiados códigos incorrectos. Cancela el cambio y vuelve a empezar.",
    rate_limited: "Espera un momento antes de pedir otro código.",
    not_found: "Este cambio ya no está pendiente. Recarga la página para ver tu perfil.",
  },
};

export default es;
