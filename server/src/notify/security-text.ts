import type { DeviceType } from "../../../contract/api";

/**
 * The security notice: the email that tells a person what changed in their account's security (a device added, MFA
 * turned off, recovery codes replaced or used, the email address or phone number changed), in their language. Pure:
 * it composes the text and sends nothing. It carries only what the items carry: never a code, a secret or a full
 * address.
 */

export const NOTICE_LANGUAGES = ["en", "de", "fr", "es", "it", "nl", "pt-BR", "ja", "ar"] as const;
export type NoticeLanguage = (typeof NOTICE_LANGUAGES)[number];

const BY_LOWER = new Map<string, NoticeLanguage>(NOTICE_LANGUAGES.map((language) => [language.toLowerCase(), language]));
const TAG = /^[a-z]{1,8}(?:-[a-z0-9]{1,8})*$/;
const QVALUE = /^q=([01](?:\.\d{0,3})?)$/;

/**
 * The supported language for a BCP 47 tag or an Accept-Language header value ("de-AT,de;q=0.9,en;q=0.5"): exact tag,
 * then base language, then a regional variant (pt → pt-BR), in q order; null when none fits. Case-insensitive; "_" as
 * "-".
 */
export function noticeLanguage(tagOrHeader: string | null | undefined): NoticeLanguage | null {
  if (!tagOrHeader) return null;
  const ranges: Array<{ tag: string; q: number }> = [];
  // A header longer than any real one is read no further than its first entries.
  for (const entry of tagOrHeader.split(",").slice(0, 32)) {
    const [rawTag = "", ...params] = entry.split(";").map((part) => part.trim().replace(/\s+/g, ""));
    const tag = rawTag.replace(/_/g, "-").toLowerCase();
    if (!TAG.test(tag)) continue; // "*" and malformed tags name no language
    let q = 1;
    for (const param of params) {
      if (!/^q=/i.test(param)) continue;
      const value = QVALUE.exec(param.toLowerCase());
      q = value ? Number(value[1]) : 0; // a malformed weight makes the entry unusable
    }
    if (q > 0 && q <= 1) ranges.push({ tag, q });
  }
  ranges.sort((a, b) => b.q - a.q); // stable: equal weights keep the header's order
  for (const { tag } of ranges) {
    const base = tag.split("-")[0] ?? tag;
    const found =
      BY_LOWER.get(tag) ?? BY_LOWER.get(base) ?? NOTICE_LANGUAGES.find((language) => language.toLowerCase().startsWith(`${base}-`));
    if (found) return found;
  }
  return null;
}

export type SecurityNoticeKind =
  | "device_activated"
  | "mfa_disabled"
  | "recovery_codes_replaced"
  | "recovery_code_used"
  | "email_changed"
  | "phone_changed";

export interface SecurityNoticeItem {
  kind: SecurityNoticeKind;
  /** ISO time of the change. */
  at: string;
  /** device_activated: the device added. */
  device?: { type: DeviceType; nickname: string };
  /** email_changed / phone_changed: the NEW address, already masked ("j•••@example.com", "+1•••••4567"); absent when the address was removed. */
  newTarget?: string;
  /** recovery_code_used: the codes left. */
  remaining?: number;
}

/** One language's notice: fixed sentences, and functions for the parts that carry a value. */
interface NoticeTable {
  subject: Record<SecurityNoticeKind, (app: string) => string>;
  /** The subject of a burst of several changes. */
  several: (app: string) => string;
  /** The first line, before the list of changes. */
  intro: (app: string, several: boolean) => string;
  /** The device types in words, as they read inside a sentence. */
  types: Record<DeviceType, string>;
  /** One list line per kind; `device`, `target` and `remaining` are there only when the item carries them. */
  line: {
    device_activated: (device?: { nickname: string; type: string }) => string;
    mfa_disabled: string;
    recovery_codes_replaced: string;
    recovery_code_used: (remaining?: number) => string;
    email_changed: (target?: string) => string;
    phone_changed: (target?: string) => string;
  };
  ifYou: string;
  ifNotYou: string;
  help: (url: string) => string;
  /** The last line: why this message came although nobody asked for it. */
  why: (app: string) => string;
}

type PluralForms = Partial<Record<Intl.LDMLPluralRule, string>> & { other: string };
/** `#` in the form the language's plural rules pick for `n` replaced by `n`. */
function counted(language: NoticeLanguage): (n: number, forms: PluralForms) => string {
  const rules = new Intl.PluralRules(language);
  return (n, forms) => (forms[rules.select(n)] ?? forms.other).replace("#", n.toLocaleString(language));
}
const plural = Object.fromEntries(NOTICE_LANGUAGES.map((language) => [language, counted(language)])) as Record<
  NoticeLanguage,
  ReturnType<typeof counted>
>;

const en: NoticeTable = {
  subject: {
    device_activated: (app) => `A new sign-in device was added to your ${app} account`,
    mfa_disabled: (app) => `Two-step verification was turned off for your ${app} account`,
    recovery_codes_replaced: (app) => `Your ${app} recovery codes were replaced`,
    recovery_code_used: (app) => `A recovery code was used for your ${app} account`,
    email_changed: (app) => `The email address of your ${app} account was changed`,
    phone_changed: (app) => `The phone number of your ${app} account was changed`,
  },
  several: (app) => `Security changes to your ${app} account`,
  intro: (app, several) => (several ? `These changes were made to your ${app} account:` : `This change was made to your ${app} account:`),
  types: { totp: "Authenticator app", passkey: "Passkey", sms: "Text message (SMS)", email: "Email codes" },
  line: {
    device_activated: (d) => (d ? `Added the sign-in device "${d.nickname}" (${d.type})` : "Added a sign-in device"),
    mfa_disabled: "Turned off two-step verification",
    recovery_codes_replaced: "Replaced the recovery codes (the old ones no longer work)",
    recovery_code_used: (n) =>
      n === undefined
        ? "Used a recovery code"
        : `Used a recovery code (${n === 0 ? "no codes left" : plural.en(n, { one: "# code left", other: "# codes left" })})`,
    email_changed: (t) => (t ? `Changed the email address to ${t}` : "Removed the email address"),
    phone_changed: (t) => (t ? `Changed the phone number to ${t}` : "Removed the phone number"),
  },
  ifYou: "If this was you, there is nothing to do.",
  ifNotYou: "If it wasn't you, someone may know your password: change it now, and remove any devices you don't recognize.",
  help: (url) => `Help: ${url}`,
  why: (app) => `You receive this message because it concerns the security of your ${app} account.`,
};

const de: NoticeTable = {
  subject: {
    device_activated: (app) => `Ihrem Konto bei ${app} wurde ein neues Anmeldegerät hinzugefügt`,
    mfa_disabled: (app) => `Die Bestätigung in zwei Schritten wurde für Ihr Konto bei ${app} deaktiviert`,
    recovery_codes_replaced: (app) => `Ihre Wiederherstellungscodes für ${app} wurden ersetzt`,
    recovery_code_used: (app) => `Für Ihr Konto bei ${app} wurde ein Wiederherstellungscode verwendet`,
    email_changed: (app) => `Die E-Mail-Adresse Ihres Kontos bei ${app} wurde geändert`,
    phone_changed: (app) => `Die Telefonnummer Ihres Kontos bei ${app} wurde geändert`,
  },
  several: (app) => `Sicherheitsänderungen an Ihrem Konto bei ${app}`,
  intro: (app, several) =>
    several ? `Diese Änderungen wurden an Ihrem Konto bei ${app} vorgenommen:` : `Diese Änderung wurde an Ihrem Konto bei ${app} vorgenommen:`,
  types: { totp: "Authenticator-App", passkey: "Passkey", sms: "SMS", email: "Codes per E-Mail" },
  line: {
    device_activated: (d) => (d ? `Anmeldegerät „${d.nickname}“ (${d.type}) hinzugefügt` : "Neues Anmeldegerät hinzugefügt"),
    mfa_disabled: "Bestätigung in zwei Schritten deaktiviert",
    recovery_codes_replaced: "Wiederherstellungscodes ersetzt (die bisherigen gelten nicht mehr)",
    recovery_code_used: (n) =>
      n === undefined
        ? "Wiederherstellungscode verwendet"
        : `Wiederherstellungscode verwendet (${n === 0 ? "keiner mehr übrig" : plural.de(n, { one: "noch # Code übrig", other: "noch # Codes übrig" })})`,
    email_changed: (t) => (t ? `E-Mail-Adresse geändert in ${t}` : "E-Mail-Adresse entfernt"),
    phone_changed: (t) => (t ? `Telefonnummer geändert in ${t}` : "Telefonnummer entfernt"),
  },
  ifYou: "Wenn Sie das waren, müssen Sie nichts weiter tun.",
  ifNotYou:
    "Wenn nicht, kennt möglicherweise jemand Ihr Passwort: Ändern Sie es sofort und entfernen Sie alle Geräte, die Sie nicht kennen.",
  help: (url) => `Hilfe: ${url}`,
  why: (app) => `Sie erhalten diese Nachricht, weil sie die Sicherheit Ihres Kontos bei ${app} betrifft.`,
};

const fr: NoticeTable = {
  subject: {
    device_activated: (app) => `Un nouvel appareil de connexion a été ajouté à votre compte ${app}`,
    mfa_disabled: (app) => `La validation en deux étapes a été désactivée pour votre compte ${app}`,
    recovery_codes_replaced: (app) => `Vos codes de récupération ${app} ont été remplacés`,
    recovery_code_used: (app) => `Un code de récupération a été utilisé pour votre compte ${app}`,
    email_changed: (app) => `L’adresse e-mail de votre compte ${app} a été modifiée`,
    phone_changed: (app) => `Le numéro de téléphone de votre compte ${app} a été modifié`,
  },
  several: (app) => `Modifications de sécurité sur votre compte ${app}`,
  intro: (app, several) =>
    several ? `Ces modifications ont été apportées à votre compte ${app}\u00a0:` : `Cette modification a été apportée à votre compte ${app}\u00a0:`,
  types: { totp: "application d’authentification", passkey: "clé d’accès", sms: "SMS", email: "codes par e-mail" },
  line: {
    device_activated: (d) =>
      d ? `Ajout de l’appareil de connexion «\u00a0${d.nickname}\u00a0» (${d.type})` : "Ajout d’un appareil de connexion",
    mfa_disabled: "Désactivation de la validation en deux étapes",
    recovery_codes_replaced: "Remplacement des codes de récupération (les anciens ne fonctionnent plus)",
    recovery_code_used: (n) =>
      n === undefined
        ? "Utilisation d’un code de récupération"
        : `Utilisation d’un code de récupération (${n === 0 ? "il n’en reste aucun" : plural.fr(n, { one: "# code restant", other: "# codes restants" })})`,
    email_changed: (t) => (t ? `Remplacement de l’adresse e-mail par ${t}` : "Suppression de l’adresse e-mail"),
    phone_changed: (t) => (t ? `Remplacement du numéro de téléphone par ${t}` : "Suppression du numéro de téléphone"),
  },
  ifYou: "Si c’était vous, vous n’avez rien à faire.",
  ifNotYou:
    "Si ce n’était pas vous, quelqu’un connaît peut-être votre mot de passe\u00a0: changez-le dès maintenant et supprimez les appareils que vous ne reconnaissez pas.",
  help: (url) => `Aide\u00a0: ${url}`,
  why: (app) => `Vous recevez ce message, car il concerne la sécurité de votre compte ${app}.`,
};

const es: NoticeTable = {
  subject: {
    device_activated: (app) => `Se añadió un nuevo dispositivo de inicio de sesión a tu cuenta de ${app}`,
    mfa_disabled: (app) => `Se desactivó la verificación en dos pasos de tu cuenta de ${app}`,
    recovery_codes_replaced: (app) => `Se reemplazaron tus códigos de recuperación de ${app}`,
    recovery_code_used: (app) => `Se usó un código de recuperación en tu cuenta de ${app}`,
    email_changed: (app) => `Se cambió la dirección de correo electrónico de tu cuenta de ${app}`,
    phone_changed: (app) => `Se cambió el número de teléfono de tu cuenta de ${app}`,
  },
  several: (app) => `Cambios de seguridad en tu cuenta de ${app}`,
  intro: (app, several) => (several ? `Se hicieron estos cambios en tu cuenta de ${app}:` : `Se hizo este cambio en tu cuenta de ${app}:`),
  types: { totp: "app de autenticación", passkey: "llave de acceso", sms: "mensaje de texto (SMS)", email: "códigos por correo electrónico" },
  line: {
    device_activated: (d) =>
      d ? `Se añadió el dispositivo de inicio de sesión «${d.nickname}» (${d.type})` : "Se añadió un dispositivo de inicio de sesión",
    mfa_disabled: "Se desactivó la verificación en dos pasos",
    recovery_codes_replaced: "Se reemplazaron los códigos de recuperación (los anteriores ya no sirven)",
    recovery_code_used: (n) =>
      n === undefined
        ? "Se usó un código de recuperación"
        : `Se usó un código de recuperación (${n === 0 ? "no queda ninguno" : plural.es(n, { one: "queda #", other: "quedan #" })})`,
    email_changed: (t) => (t ? `Se cambió la dirección de correo electrónico a ${t}` : "Se eliminó la dirección de correo electrónico"),
    phone_changed: (t) => (t ? `Se cambió el número de teléfono a ${t}` : "Se eliminó el número de teléfono"),
  },
  ifYou: "Si fuiste tú, no tienes que hacer nada.",
  ifNotYou:
    "Si no fuiste tú, es posible que alguien conozca tu contraseña: cámbiala ahora y elimina los dispositivos que no reconozcas.",
  help: (url) => `Ayuda: ${url}`,
  why: (app) => `Recibes este mensaje porque afecta a la seguridad de tu cuenta de ${app}.`,
};

const it: NoticeTable = {
  subject: {
    device_activated: (app) => `Un nuovo dispositivo di accesso è stato aggiunto al tuo account ${app}`,
    mfa_disabled: (app) => `La verifica in due passaggi è stata disattivata per il tuo account ${app}`,
    recovery_codes_replaced: (app) => `I tuoi codici di recupero ${app} sono stati sostituiti`,
    recovery_code_used: (app) => `È stato usato un codice di recupero per il tuo account ${app}`,
    email_changed: (app) => `L’indirizzo email del tuo account ${app} è stato modificato`,
    phone_changed: (app) => `Il numero di telefono del tuo account ${app} è stato modificato`,
  },
  several: (app) => `Modifiche di sicurezza al tuo account ${app}`,
  intro: (app, several) =>
    several ? `Al tuo account ${app} sono state apportate queste modifiche:` : `Al tuo account ${app} è stata apportata questa modifica:`,
  types: { totp: "app di autenticazione", passkey: "passkey", sms: "SMS", email: "codici via email" },
  line: {
    device_activated: (d) => (d ? `Aggiunto il dispositivo di accesso «${d.nickname}» (${d.type})` : "Aggiunto un dispositivo di accesso"),
    mfa_disabled: "Disattivata la verifica in due passaggi",
    recovery_codes_replaced: "Sostituiti i codici di recupero (quelli precedenti non funzionano più)",
    recovery_code_used: (n) =>
      n === undefined
        ? "Usato un codice di recupero"
        : `Usato un codice di recupero (${n === 0 ? "non ne resta nessuno" : plural.it(n, { one: "ne resta #", other: "ne restano #" })})`,
    email_changed: (t) => (t ? `Cambiato l’indirizzo email in ${t}` : "Rimosso l’indirizzo email"),
    phone_changed: (t) => (t ? `Cambiato il numero di telefono in ${t}` : "Rimosso il numero di telefono"),
  },
  ifYou: "Se sei stato tu, non devi fare nulla.",
  ifNotYou:
    "Se non sei stato tu, qualcuno potrebbe conoscere la tua password: cambiala subito e rimuovi i dispositivi che non riconosci.",
  help: (url) => `Assistenza: ${url}`,
  why: (app) => `Ricevi questo messaggio perché riguarda la sicurezza del tuo account ${app}.`,
};

const nl: NoticeTable = {
  subject: {
    device_activated: (app) => `Er is een nieuw inlogapparaat toegevoegd aan je account bij ${app}`,
    mfa_disabled: (app) => `Verificatie in twee stappen is uitgezet voor je account bij ${app}`,
    recovery_codes_replaced: (app) => `Je herstelcodes voor ${app} zijn vervangen`,
    recovery_code_used: (app) => `Er is een herstelcode gebruikt voor je account bij ${app}`,
    email_changed: (app) => `Het e-mailadres van je account bij ${app} is gewijzigd`,
    phone_changed: (app) => `Het telefoonnummer van je account bij ${app} is gewijzigd`,
  },
  several: (app) => `Beveiligingswijzigingen in je account bij ${app}`,
  intro: (app, several) =>
    several ? `Deze wijzigingen zijn aangebracht in je account bij ${app}:` : `Deze wijziging is aangebracht in je account bij ${app}:`,
  types: { totp: "authenticator-app", passkey: "passkey", sms: "sms", email: "codes per e-mail" },
  line: {
    device_activated: (d) => (d ? `Inlogapparaat ‘${d.nickname}’ (${d.type}) toegevoegd` : "Nieuw inlogapparaat toegevoegd"),
    mfa_disabled: "Verificatie in twee stappen uitgezet",
    recovery_codes_replaced: "Herstelcodes vervangen (de oude werken niet meer)",
    recovery_code_used: (n) =>
      n === undefined
        ? "Herstelcode gebruikt"
        : `Herstelcode gebruikt (${n === 0 ? "geen codes meer over" : plural.nl(n, { one: "nog # code over", other: "nog # codes over" })})`,
    email_changed: (t) => (t ? `E-mailadres gewijzigd in ${t}` : "E-mailadres verwijderd"),
    phone_changed: (t) => (t ? `Telefoonnummer gewijzigd in ${t}` : "Telefoonnummer verwijderd"),
  },
  ifYou: "Was jij dit? Dan hoef je niets te doen.",
  ifNotYou: "Was jij het niet? Dan kent iemand misschien je wachtwoord: wijzig het nu en verwijder apparaten die je niet herkent.",
  help: (url) => `Hulp: ${url}`,
  why: (app) => `Je ontvangt dit bericht omdat het over de beveiliging van je account bij ${app} gaat.`,
};

const ptBR: NoticeTable = {
  subject: {
    device_activated: (app) => `Um novo dispositivo de login foi adicionado à sua conta ${app}`,
    mfa_disabled: (app) => `A verificação em duas etapas foi desativada na sua conta ${app}`,
    recovery_codes_replaced: (app) => `Os códigos de recuperação da sua conta ${app} foram substituídos`,
    recovery_code_used: (app) => `Um código de recuperação foi usado na sua conta ${app}`,
    email_changed: (app) => `O endereço de e-mail da sua conta ${app} foi alterado`,
    phone_changed: (app) => `O número de telefone da sua conta ${app} foi alterado`,
  },
  several: (app) => `Alterações de segurança na sua conta ${app}`,
  intro: (app, several) => (several ? `Estas alterações foram feitas na sua conta ${app}:` : `Esta alteração foi feita na sua conta ${app}:`),
  types: { totp: "app autenticador", passkey: "chave de acesso", sms: "mensagem de texto (SMS)", email: "códigos por e-mail" },
  line: {
    device_activated: (d) => (d ? `Dispositivo de login “${d.nickname}” (${d.type}) adicionado` : "Novo dispositivo de login adicionado"),
    mfa_disabled: "Verificação em duas etapas desativada",
    recovery_codes_replaced: "Códigos de recuperação substituídos (os antigos não funcionam mais)",
    recovery_code_used: (n) =>
      n === undefined
        ? "Código de recuperação usado"
        : `Código de recuperação usado (${n === 0 ? "não resta nenhum" : plural["pt-BR"](n, { one: "resta #", other: "restam #" })})`,
    email_changed: (t) => (t ? `Endereço de e-mail alterado para ${t}` : "Endereço de e-mail removido"),
    phone_changed: (t) => (t ? `Número de telefone alterado para ${t}` : "Número de telefone removido"),
  },
  ifYou: "Se foi você, não é preciso fazer nada.",
  ifNotYou: "Se não foi você, alguém pode saber sua senha: altere-a agora e remova os dispositivos que você não reconhece.",
  help: (url) => `Ajuda: ${url}`,
  why: (app) => `Você recebe esta mensagem porque ela diz respeito à segurança da sua conta ${app}.`,
};

const ja: NoticeTable = {
  subject: {
    device_activated: (app) => `${app} アカウントに新しいログイン用デバイスが追加されました`,
    mfa_disabled: (app) => `${app} アカウントの 2 段階認証が無効になりました`,
    recovery_codes_replaced: (app) => `${app} のリカバリーコードが再発行されました`,
    recovery_code_used: (app) => `${app} アカウントでリカバリーコードが使用されました`,
    email_changed: (app) => `${app} アカウントのメールアドレスが変更されました`,
    phone_changed: (app) => `${app} アカウントの電話番号が変更されました`,
  },
  several: (app) => `${app} アカウントでセキュリティに関わる変更がありました`,
  intro: (app) => `${app} アカウントで次の変更が行われました。`,
  types: { totp: "認証アプリ", passkey: "パスキー", sms: "SMS", email: "メール認証コード" },
  line: {
    device_activated: (d) => (d ? `ログイン用デバイス「${d.nickname}」（${d.type}）が追加されました` : "ログイン用デバイスが追加されました"),
    mfa_disabled: "2 段階認証が無効になりました",
    recovery_codes_replaced: "リカバリーコードが再発行されました（以前のコードは使用できなくなりました）",
    recovery_code_used: (n) =>
      n === undefined
        ? "リカバリーコードが使用されました"
        : `リカバリーコードが使用されました（${n === 0 ? "残りはありません" : `残り ${n.toLocaleString("ja")} 個`}）`,
    email_changed: (t) => (t ? `メールアドレスが ${t} に変更されました` : "メールアドレスが削除されました"),
    phone_changed: (t) => (t ? `電話番号が ${t} に変更されました` : "電話番号が削除されました"),
  },
  ifYou: "心当たりがある場合は、特に対応は必要ありません。",
  ifNotYou:
    "心当たりがない場合は、パスワードが第三者に知られているおそれがあります。今すぐパスワードを変更し、覚えのないデバイスを削除してください。",
  help: (url) => `ヘルプ: ${url}`,
  why: (app) => `このメールは、${app} アカウントのセキュリティに関するお知らせとしてお送りしています。`,
};

const ar: NoticeTable = {
  subject: {
    device_activated: (app) => `تمت إضافة جهاز تسجيل دخول جديد إلى حسابك في ${app}`,
    mfa_disabled: (app) => `تم إيقاف التحقق بخطوتين لحسابك في ${app}`,
    recovery_codes_replaced: (app) => `تم استبدال رموز الاسترداد لحسابك في ${app}`,
    recovery_code_used: (app) => `تم استخدام رمز استرداد لحسابك في ${app}`,
    email_changed: (app) => `تم تغيير عنوان البريد الإلكتروني لحسابك في ${app}`,
    phone_changed: (app) => `تم تغيير رقم الهاتف لحسابك في ${app}`,
  },
  several: (app) => `تغييرات أمنية على حسابك في ${app}`,
  intro: (app, several) => (several ? `أُجريت التغييرات التالية على حسابك في ${app}:` : `أُجري التغيير التالي على حسابك في ${app}:`),
  types: { totp: "تطبيق المصادقة", passkey: "مفتاح المرور", sms: "رسالة نصية (SMS)", email: "رموز عبر البريد الإلكتروني" },
  line: {
    device_activated: (d) => (d ? `إضافة جهاز تسجيل الدخول «${d.nickname}» (${d.type})` : "إضافة جهاز تسجيل دخول"),
    mfa_disabled: "إيقاف التحقق بخطوتين",
    recovery_codes_replaced: "استبدال رموز الاسترداد (لم تعد الرموز القديمة صالحة)",
    recovery_code_used: (n) =>
      n === undefined
        ? "استخدام رمز استرداد"
        : `استخدام رمز استرداد (${
            n === 0
              ? "لم يتبقَّ أي رمز"
              : `المتبقي: ${plural.ar(n, { one: "رمز واحد", two: "رمزان", few: "# رموز", many: "# رمزًا", other: "# رمز" })}`
          })`,
    email_changed: (t) => (t ? `تغيير عنوان البريد الإلكتروني إلى ${t}` : "إزالة عنوان البريد الإلكتروني"),
    phone_changed: (t) => (t ? `تغيير رقم الهاتف إلى ${t}` : "إزالة رقم الهاتف"),
  },
  ifYou: "إذا كنت أنت من قام بذلك، فلا داعي لأي إجراء.",
  ifNotYou: "إذا لم تكن أنت، فربما يعرف شخص آخر كلمة مرورك: غيّرها الآن، وأزِل أي أجهزة لا تعرفها.",
  help: (url) => `المساعدة: ${url}`,
  why: (app) => `تصلك هذه الرسالة لأنها تتعلق بأمان حسابك في ${app}.`,
};

const TABLES: Record<NoticeLanguage, NoticeTable> = { en, de, fr, es, it, nl, "pt-BR": ptBR, ja, ar };

/**
 * A value from outside (the product name, a nickname, a masked address, the help address) on one line: line breaks and
 * other controls become spaces and bidi controls are dropped, so no value can add a line or a header of its own or
 * make the text around it read differently.
 */
function oneLine(value: string): string {
  return value
    .replace(/[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, "")
    .replace(/[\p{Cc}\p{Zl}\p{Zp}\s]+/gu, " ")
    .trim();
}

/** `at` in the language's own long date and short time, in UTC (the one time zone the server can be sure of). */
function when(at: string, language: NoticeLanguage): string | null {
  const date = new Date(at);
  if (Number.isNaN(date.getTime())) return null;
  return `${new Intl.DateTimeFormat(language, { dateStyle: "long", timeStyle: "short", timeZone: "UTC" }).format(date)} UTC`;
}

function itemLine(t: NoticeTable, item: SecurityNoticeItem): string {
  switch (item.kind) {
    case "device_activated": {
      const nickname = item.device ? oneLine(item.device.nickname) : "";
      const type = item.device ? t.types[item.device.type] : undefined;
      return t.line.device_activated(nickname && type ? { nickname, type } : undefined);
    }
    case "mfa_disabled":
      return t.line.mfa_disabled;
    case "recovery_codes_replaced":
      return t.line.recovery_codes_replaced;
    case "recovery_code_used": {
      const n = item.remaining;
      return t.line.recovery_code_used(n !== undefined && Number.isSafeInteger(n) && n >= 0 ? n : undefined);
    }
    case "email_changed":
      return t.line.email_changed(item.newTarget ? oneLine(item.newTarget) || undefined : undefined);
    case "phone_changed":
      return t.line.phone_changed(item.newTarget ? oneLine(item.newTarget) || undefined : undefined);
  }
}

/**
 * The security notice for one burst of changes (oldest first): its subject, its plain text and the language it is
 * written in (`language` resolved with noticeLanguage, English when nothing fits). With `helpUrl`, the paragraph for a
 * person who did not make the change points there.
 */
export function securityNoticeMessage(input: {
  language: string | null;
  appName: string;
  items: SecurityNoticeItem[];
  helpUrl?: string | null;
}): { subject: string; text: string; language: NoticeLanguage } {
  const [first, ...rest] = input.items;
  if (!first) throw new RangeError("a security notice needs at least one item");
  const language = noticeLanguage(input.language) ?? "en";
  const t = TABLES[language];
  const app = oneLine(input.appName);
  const several = rest.length > 0;
  const lines = input.items.map((item) => {
    const time = when(item.at, language);
    return `- ${itemLine(t, item)}${time ? ` — ${time}` : ""}`;
  });
  const helpUrl = input.helpUrl ? oneLine(input.helpUrl) : "";
  const text = [
    t.intro(app, several),
    ...lines,
    "",
    t.ifYou,
    "",
    helpUrl ? `${t.ifNotYou}\n${t.help(helpUrl)}` : t.ifNotYou,
    "",
    t.why(app),
  ].join("\n");
  return { subject: several ? t.several(app) : t.subject[first.kind](app), text, language };
}
