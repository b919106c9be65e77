import profile from "./profile/pt-BR.js";
import type { Translation } from "./en.js";

const ptBR: Translation = {
  lang: "pt-BR",
  dir: "ltr",

  profileHeading: "Perfil",
  profileSubtitle: "Gerencie seus dados pessoais",
  signedInAs: (username) => `Conectado como ${username}`,
  loading: "Carregando seu perfil…",

  nameSection: "Nome",
  contactSection: "Contato",
  addressSection: "Endereço",
  givenName: "Nome",
  familyName: "Sobrenome",
  email: "E-mail",
  phone: "Telefone",
  phoneHint: "Formato internacional, ex.: +5511912345678",
  protectedNote: "Para alterar seu e-mail ou telefone, é preciso ter entrado recentemente.",
  protectedNoteAny: "Para alterar estes dados, é preciso ter entrado recentemente.",
  streetAddress: "Rua e número",
  locality: "Cidade",
  region: "Estado / Província",
  postalCode: "CEP",
  countryCode: "País",
  selectCountry: "Selecione um país",
  detailsSection: "Outros dados",
  selectOption: "Escolha…",
  requiredNote: "Obrigatório",
  yes: "Sim",
  no: "Não",
  notSet: "Não informado",

  save: "Salvar",
  saving: "Salvando…",
  discard: "Descartar alterações",
  tryAgain: "Tentar novamente",
  confirmIdentity: "Confirmar sua identidade",
  signInAgain: "Entrar novamente",
  reauthConfirm: "Para sua segurança, confirme sua identidade para alterar seu e-mail ou telefone. Suas alterações foram mantidas.",
  saved: "Seu perfil foi salvo.",
  changesKept: "Suas alterações foram mantidas.",

  invalidEmail: "Digite um endereço de e-mail válido, ex.: nome@example.com.",
  invalidPhone: "Comece o número com + e o código do país.",
  invalidField: {
    givenName: "Use até 100 caracteres, em uma só linha.",
    familyName: "Use até 100 caracteres, em uma só linha.",
    email: "Digite um endereço de e-mail válido, ex.: nome@example.com.",
    phone: "Digite o número no formato internacional: + seguido do código do país e do número, ex.: +5511912345678.",
    "address.streetAddress": "Use até 200 caracteres, em uma só linha.",
    "address.locality": "Use até 100 caracteres, em uma só linha.",
    "address.region": "Use até 100 caracteres, em uma só linha.",
    "address.postalCode": "Digite um CEP válido: letras, números, espaços e hifens.",
    "address.countryCode": "Escolha um país da lista.",
  },

  profile,


  notSignedInTitle: "Você não está conectado",
  signedOutTitle: "Sua sessão foi encerrada",
  wrongAccountTitle: "Conta incorreta",
  loadErrorTitle: "Não foi possível carregar seu perfil",

  devicesHeading: "Autenticação multifator",
  devicesSubtitle: "Uma etapa extra que mantém sua conta protegida",
  loadingDevices: "Carregando seus dispositivos…",
  loadingActivity: "Carregando sua atividade…",
  devicesLoadErrorTitle: "Não foi possível carregar seus dispositivos",

  errors: {
    session_missing: "Entre na sua conta para ver e editar seu perfil.",
    session_invalid: "Não foi possível verificar seu acesso. Entre novamente para continuar.",
    session_expired: "Sua sessão expirou. Entre novamente para continuar.",
    username_mismatch: "Você entrou com uma conta diferente da esperada por esta página. Entre novamente com a conta correta.",
    reauthentication_required:
      "Por segurança, entre novamente para alterar seu e-mail ou telefone. Suas alterações foram mantidas.",
    version_conflict:
      "Seu perfil foi alterado em outro lugar. Carregamos a versão mais recente e mantivemos suas edições: revise-as e salve novamente.",
    validation_failed: "Alguns dados precisam da sua atenção.",
    precondition_required: "Não foi possível salvar seu perfil. Recarregue a página e tente novamente.",
    network_error: "Não foi possível conectar ao servidor. Verifique sua conexão e tente novamente.",
    rate_limited: "Muitas tentativas. Aguarde um momento e tente novamente.",
    service_unavailable: "O serviço está temporariamente indisponível. Tente novamente em instantes.",
    internal_error: "Algo deu errado do nosso lado. Tente novamente em instantes.",
    unknown: "Algo deu errado. Tente novamente em instantes.",
  },
};

export default ptBR;
