import type { ProfileTranslation } from "./en.js";

const ptBR: ProfileTranslation = {
  problems: {
    required: "Este campo é obrigatório.",
    minLength: (limit) => (limit === 1 ? "Este campo é obrigatório." : `Use pelo menos ${limit} caracteres.`),
    maxLength: (limit) => `Use no máximo ${limit} caracteres.`,
    pattern: "Digite um valor no formato esperado.",
    email: "Digite um e-mail válido, por exemplo nome@example.com.",
    tel: "Digite o número no formato internacional: + seguido do código do país e do número, por exemplo +5511912345678.",
    date: "Digite uma data.",
    uri: "Digite um endereço web completo, por exemplo https://example.com.",
    enum: "Escolha um dos valores da lista.",
    integer: "Digite um número inteiro.",
    number: "Digite um número.",
    minimum: (limit) => `No mínimo ${limit}.`,
    maximum: (limit) => `No máximo ${limit}.`,
    minItems: (limit) => `Escolha pelo menos ${limit}.`,
    maxItems: (limit) => `Escolha no máximo ${limit}.`,
    displaySafe: "Sem quebras de linha, caracteres de controle ou caracteres invisíveis.",
    country: "Escolha um país da lista.",
    readOnly: "Este campo não pode ser alterado.",
    other: "Este valor não é aceito.",
  },
  codeSent: (target) => `Digite o código que enviamos para ${target}.`,
  waitingNote: "Seu endereço atual continua valendo até o novo ser confirmado.",
  code: "Código",
  verify: "Verificar",
  verifying: "Verificando…",
  noCode: "Não recebeu?",
  resend: "Reenviar código",
  resendIn: (seconds) => `Reenviar código em ${seconds} s`,
  sending: "Enviando…",
  cancel: "Cancelar",
  invalidCode: "Digite os 6 dígitos do código.",
  resent: (target) => `Enviamos um novo código para ${target}.`,
  codeNeeded: "Quase pronto: digite o código que enviamos para confirmar seu novo endereço.",
  applied: (field) => `${field}: confirmado e salvo.`,
  cancelled: (field) => `A alteração de ${field} foi cancelada.`,
  errors: {
    otp_invalid: (attemptsLeft) =>
      attemptsLeft === undefined
        ? "Esse código não está correto. Confira e tente novamente."
        : attemptsLeft === 1
          ? "Esse código não está correto. Resta 1 tentativa."
          : `Esse código não está correto. Restam ${attemptsLeft} tentativas.`,
    otp_expired: "Este código expirou. Peça um novo.",
    too_many_attempts: "Muitos códigos incorretos. Cancele a alteração e comece de novo.",
    rate_limited: "Aguarde um momento antes de pedir outro código.",
    not_found: "Esta alteração não está mais pendente. Recarregue a página para ver seu perfil.",
  },
};

export default ptBR;
