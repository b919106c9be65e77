import type { DevicesTranslation } from "./en.js";

const ptBR: DevicesTranslation = {
  types: { sms: "Mensagem de texto (SMS)", email: "E-mail", totp: "App autenticador", passkey: "Chave de acesso" },
  nicknames: { sms: "Telefone", email: "E-mail", totp: "App autenticador", passkey: "Chave de acesso" },
  typeHints: {
    sms: "Receba um código por SMS",
    email: "Receba um código por e-mail",
    totp: "Use um código de um app como Google Authenticator ou 1Password",
    passkey: "Use sua impressão digital, seu rosto ou o bloqueio de tela",
  },

  enableTitle: "Proteja sua conta com a MFA",
  enableText:
    "A autenticação multifator (MFA) pede uma segunda etapa quando você entra (um código ou uma chave de acesso), assim uma senha roubada não basta para acessar sua conta.",
  enable: "Ativar MFA",
  enabling: "Ativando…",

  listTitle: "Seus dispositivos",
  listText: "Quando você entrar, pediremos que confirme sua identidade com um destes.",
  mfaOn: "MFA ativada",
  emptyTitle: "Nenhum dispositivo ainda",
  addDevice: "Adicionar dispositivo",
  limitReached: (max) => `Você pode ter até ${max} dispositivo${max === 1 ? "" : "s"}. Remova um para adicionar outro.`,
  addUnavailable: "No momento, não é possível adicionar novos dispositivos aqui.",
  defaultBadge: "Padrão",
  pending: "Verificação pendente",
  done: "Concluir",
  cancel: "Cancelar",
  disableMfa: "Desativar MFA",

  chooseTitle: "Adicionar um dispositivo",
  chooseText: "Escolha como você quer confirmar sua identidade.",
  passkeyUnsupported: "Este navegador não consegue criar chaves de acesso.",

  targetText: {
    sms: "Digite o número de celular que receberá seus códigos de acesso.",
    email: "Digite o e-mail que receberá seus códigos de acesso.",
  },
  phone: "Telefone",
  phoneHint: "Formato internacional, ex.: +5511912345678",
  email: "E-mail",
  sendCode: "Enviar código",
  sending: "Enviando…",
  invalidPhone: "Comece o número com + e o código do país, ex.: +5511912345678.",
  countryCode: "Código do país",
  phoneHintCountry: "Digite o número como você discaria nesse país, ou comece com + e outro código de país.",
  invalidPhoneIn: (country) => `Esse não é um número de telefone completo para ${country}. Confira ou escolha outro código de país.`,
  invalidEmail: "Digite um endereço de e-mail válido, ex.: nome@example.com.",

  codeTitle: "Digite o código",
  codeSent: (target) => `Enviamos um código de 6 dígitos para ${target}.`,
  code: "Código",
  codeHint: "Ele expira em 10 minutos.",
  invalidCode: "Digite os 6 dígitos do código.",
  verify: "Verificar",
  verifying: "Verificando…",
  noCode: "Não recebeu?",
  resend: "Reenviar código",
  resendIn: (seconds) => `Reenviar código em ${seconds} s`,
  resent: (target) => `Enviamos um novo código para ${target}.`,

  totpTitle: "Configure seu app autenticador",
  totpScan: "Escaneie este QR code com seu app autenticador.",
  qrLabel: "Imagem QR para seu app autenticador",
  totpManual: "Não consegue escanear? Digite esta chave de configuração:",
  copy: "Copiar",
  copied: "Copiada",
  copyFailed: "Não foi possível copiar. Selecione a chave e copie-a manualmente.",
  totpEnter: "Digite o código de 6 dígitos exibido no app.",

  passkeyTitle: "Criar uma chave de acesso",
  passkeyText:
    "Com uma chave de acesso, você confirma sua identidade com sua impressão digital, rosto, PIN ou bloqueio de tela. Não é preciso digitar nada, e ela não pode ser roubada por phishing.",
  createPasskey: "Criar chave de acesso",
  creatingPasskey: "Aguardando seu dispositivo…",
  passkeyCancelled: "A criação da chave de acesso foi cancelada. Tente novamente quando quiser.",
  passkeyExists: "Este dispositivo já tem uma chave de acesso para sua conta.",
  passkeyFailed: "Seu navegador não conseguiu criar uma chave de acesso. Tente novamente ou escolha outro tipo de dispositivo.",

  recoveryTitle: "Códigos de recuperação",
  recoveryNone:
    "Códigos que você pode usar para entrar se perder seus dispositivos. Crie-os e guarde-os em um lugar seguro.",
  recoveryCount: (remaining, total) => (remaining === 1 ? `Resta 1 de ${total}` : `Restam ${remaining} de ${total}`),
  recoveryLow: (remaining) =>
    remaining === 0
      ? "Você usou todos os códigos de recuperação. Crie novos."
      : remaining === 1
        ? "Resta apenas 1. Crie novos em breve."
        : `Restam apenas ${remaining}. Crie novos em breve.`,
  createRecovery: "Criar códigos",
  replaceRecovery: "Criar novos códigos",
  creatingRecovery: "Criando…",
  recoveryShowTitle: "Salve seus códigos de recuperação",
  recoveryShowText:
    "Cada código permite que você entre uma vez se não puder usar seus dispositivos. Guarde-os em um lugar seguro: eles não serão exibidos novamente, e os códigos antigos deixam de funcionar.",
  recoveryListLabel: "Seus códigos de recuperação",
  copyCodes: "Copiar",
  downloadCodes: "Baixar",
  printCodes: "Imprimir",
  savedCodes: "Já salvei",
  recoveryFile: (account, date) =>
    `Códigos de recuperação de ${account}, criados em ${date}.\nCada código funciona uma única vez. Guarde-os em um lugar seguro.`,
  recoveryCreated: "Códigos de recuperação criados.",
  activityLink: "Atividade recente",
  activityLinkText: "Acessos e alterações na sua conta",

  back: "Todos os dispositivos",
  type: "Tipo",
  added: "Adicionado",
  addedOn: (date) => `Adicionado em ${date}`,
  lastUsed: "Último uso",
  never: "Nunca",
  nickname: "Nome",
  nicknameHint: "Ajuda você a diferenciar seus dispositivos.",
  invalidNickname: "Digite um nome com até 40 caracteres.",
  save: "Salvar",
  saving: "Salvando…",
  defaultTitle: "Dispositivo padrão",
  isDefault: "Este é seu dispositivo padrão: é o primeiro que pedimos quando você entra.",
  makeDefaultText: "Torne este o primeiro dispositivo que pedimos quando você entra.",
  setDefault: "Definir como padrão",
  pendingText: "Este dispositivo nunca foi verificado, então não pode ser usado para entrar. Remova-o e adicione-o novamente.",
  removeTitle: "Remover dispositivo",
  removeText: "Você não poderá mais usá-lo para entrar.",
  remove: "Remover",
  removing: "Removendo…",
  confirmRemoveTitle: "Remover este dispositivo?",
  confirmRemoveText: (nickname) =>
    `Você não poderá mais usar “${nickname}” para entrar. É possível adicioná-lo novamente depois.`,

  confirmDisableTitle: "Desativar a MFA?",
  confirmDisableText:
    "Você vai entrar apenas com sua senha. Seus dispositivos serão mantidos, então você pode reativar a MFA quando quiser.",
  disabling: "Desativando…",

  deviceAdded: "Dispositivo adicionado",
  deviceRenamed: "Dispositivo renomeado",
  defaultChanged: "Dispositivo padrão alterado",
  deviceRemoved: "Dispositivo removido",
  mfaDisabled: "A MFA está desativada.",

  setupUnfinished: "Não concluída",
  protectedBy: (count) =>
    count === 1 ? "Os logins estão protegidos por 1 dispositivo." : `Os logins estão protegidos por ${count} dispositivos.`,
  notProtected: "Adicione um dispositivo para concluir a configuração — os logins ainda não estão protegidos.",
  startWith: "Ou comece já com um dispositivo:",
  lastUsedOn: (when) => `Último uso: ${when}`,
  usedJustNow: "Usado agora mesmo",
  neverUsed: "Nunca usado",
  nicknameTooLong: (length, max) => `São ${length} caracteres. Um nome pode ter no máximo ${max}.`,
  charactersLimit: (max) => `Até ${max} caracteres.`,
  charactersLeft: (left) => (left >= 0 ? `Caracteres restantes: ${left}` : `Caracteres a mais: ${-left}`),
  signInAgain: "Entrar novamente",
  confirmToContinue:
    "Para sua segurança, confirme sua identidade para fazer esta alteração. Ela será concluída assim que você fizer isso.",

  errors: {
    session_missing: "Entre na sua conta para gerenciar seus dispositivos de acesso.",
    reauthentication_required:
      "Por segurança, entre novamente para fazer esta alteração. Ela será concluída assim que você entrar.",
    otp_invalid: (attemptsLeft) =>
      attemptsLeft === undefined
        ? "Esse código não está correto. Confira e tente novamente."
        : attemptsLeft === 1
          ? "Esse código não está correto. Resta 1 tentativa."
          : `Esse código não está correto. Restam ${attemptsLeft} tentativas.`,
    otp_expired: "Este código expirou. Peça um novo.",
    too_many_attempts: "Muitos códigos incorretos. Cancele e comece de novo.",
    rate_limited: (seconds) =>
      seconds === undefined
        ? "Foram enviados códigos demais. Aguarde um momento e tente novamente."
        : seconds < 90
          ? `Foram enviados códigos demais. Você poderá pedir outro em ${seconds} segundo${seconds === 1 ? "" : "s"}.`
          : `Foram enviados códigos demais. Você poderá pedir outro em ${Math.ceil(seconds / 60)} minutos.`,
    delivery_failed: "Não foi possível enviar o código. Confira o número ou o endereço, ou tente novamente mais tarde.",
    device_limit_reached: "Você já tem o número máximo de dispositivos. Remova um para adicionar outro.",
    method_disabled: "Este tipo de dispositivo não pode ser adicionado aqui.",
    last_device:
      "A MFA precisa de pelo menos um dispositivo. Adicione outro dispositivo primeiro ou desative a MFA para remover este.",
    device_not_active: "Verifique este dispositivo antes de defini-lo como padrão.",
    device_already_active: "Este dispositivo já está verificado.",
    challenge_expired: "Esta solicitação de chave de acesso expirou. Tente novamente.",
    passkey_invalid: "Não foi possível verificar sua chave de acesso. Tente novamente.",
    passkey_already_registered: "Esta chave de acesso já está registrada.",
    resend_not_supported: "Somente dispositivos de SMS e e-mail recebem códigos.",
    not_found: "Este dispositivo não existe mais. Ele pode ter sido removido em outro lugar.",
    validation_failed: "Confira os dados informados.",
  },
};

export default ptBR;
