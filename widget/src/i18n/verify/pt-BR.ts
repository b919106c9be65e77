import type { VerifyTranslation } from "./en.js";

const ptBR: VerifyTranslation = {
  heading: "Verifique sua identidade",
  subtitle: "Só mais uma etapa para manter sua conta segura",
  stepUpText:
    "Esta alteração exige um acesso recente. Confirme sua identidade com um dos seus dispositivos para que ela seja concluída.",

  types: {
    sms: "Mensagem de texto",
    email: "E-mail",
    totp: "App autenticador",
    passkey: "Chave de acesso",
    recovery_code: "Código de recuperação",
  },

  codeTitle: "Digite seu código",
  codeSent: (target) => `Enviamos um código de 6 dígitos para ${target}.`,
  totpText: "Abra seu app autenticador e digite o código de 6 dígitos exibido.",
  code: "Código",
  invalidCode: "Digite os 6 dígitos do código.",
  verify: "Verificar",
  verifying: "Verificando…",
  noCode: "Não recebeu?",
  resend: "Reenviar código",
  resendIn: (seconds) => `Reenviar código em ${seconds} s`,
  resent: (target) => `Enviamos um novo código para ${target}.`,
  sending: "Enviando…",

  passkeyTitle: "Use sua chave de acesso",
  passkeyText: "Confirme com sua impressão digital, rosto, PIN ou chave de segurança quando o navegador pedir.",
  usePasskey: "Usar chave de acesso",
  waitingPasskey: "Aguardando sua chave de acesso…",
  passkeyCancelled: "A solicitação da chave de acesso foi cancelada. Tente novamente quando quiser ou use outro método.",
  passkeyFailed: "Seu navegador não conseguiu usar a chave de acesso. Tente novamente ou use outro método.",
  passkeyUnsupported: "Este navegador não consegue usar chaves de acesso. Use outro método.",

  recoveryTitle: "Use um código de recuperação",
  recoveryText: "Digite um dos códigos de recuperação que você salvou. Cada código funciona uma única vez.",
  recoveryLabel: "Código de recuperação",
  invalidRecovery: "Digite um código de recuperação, ex.: 7k2m-q9xd-4hwa.",
  recoveryLeft: (count) => (count === 1 ? "Resta 1 código" : `Restam ${count} códigos`),
  recoveryLow: (count) =>
    count === 0
      ? "Esse era seu último código de recuperação. Crie novos nas suas configurações de segurança."
      : count === 1
        ? "Resta apenas 1 código de recuperação. Crie novos nas suas configurações de segurança."
        : `Restam apenas ${count} códigos de recuperação. Crie novos nas suas configurações de segurança.`,

  anotherMethod: "Usar outro método",
  chooseTitle: "Escolha um método",
  chooseText: "Como você quer confirmar sua identidade?",
  defaultBadge: "Padrão",
  cancel: "Cancelar",
  back: "Voltar",

  verifiedTitle: "Identidade verificada",
  verifiedText: "Obrigado por confirmar sua identidade.",
  confirmed: "Confirmado. Concluindo sua alteração…",

  errors: {
    session_missing: "Entre na sua conta primeiro e depois verifique sua identidade.",
    mfa_not_enabled:
      "Esta conta ainda não tem um dispositivo de acesso para a verificação. Configure um nas suas configurações de segurança primeiro.",
    otp_invalid: (attemptsLeft) =>
      attemptsLeft === undefined
        ? "Esse código não está correto. Confira e tente novamente."
        : attemptsLeft === 1
          ? "Esse código não está correto. Resta 1 tentativa."
          : `Esse código não está correto. Restam ${attemptsLeft} tentativas.`,
    recovery_invalid: (attemptsLeft) =>
      attemptsLeft === undefined
        ? "Esse código de recuperação não está correto ou já foi usado."
        : attemptsLeft === 1
          ? "Esse código de recuperação não está correto ou já foi usado. Resta 1 tentativa."
          : `Esse código de recuperação não está correto ou já foi usado. Restam ${attemptsLeft} tentativas.`,
    challenge_expired: "Este código expirou. Peça um novo para continuar.",
    too_many_attempts: "Muitos códigos incorretos. Peça um novo código ou use outro método.",
    locked: (minutes) =>
      `Muitas tentativas sem sucesso. Por segurança, tente novamente em ${minutes} minuto${minutes === 1 ? "" : "s"}.`,
    rate_limited: (seconds) =>
      seconds === undefined
        ? "Foram enviados códigos demais. Aguarde um momento e tente novamente."
        : seconds < 90
          ? `Foram enviados códigos demais. Você poderá pedir outro em ${seconds} segundo${seconds === 1 ? "" : "s"}.`
          : `Foram enviados códigos demais. Você poderá pedir outro em ${Math.ceil(seconds / 60)} minutos.`,
    delivery_failed: "Não foi possível enviar o código. Tente novamente mais tarde ou use outro método.",
    passkey_invalid: "Não foi possível verificar sua chave de acesso. Tente novamente ou use outro método.",
    no_recovery_codes: "Você não tem mais códigos de recuperação sem uso. Use outro método.",
    not_found: "Este dispositivo não está mais disponível. Use outro método.",
    method_disabled: "Este método não está disponível no momento. Use outro método.",
  },
};

export default ptBR;
