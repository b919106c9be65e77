import type { VerifyTranslation } from "./en.js";

// Interpolated values (masked numbers and addresses) and Latin examples are isolated (U+2068/U+2066 … U+2069),
// so the bidi algorithm lays each out as one unit inside right-to-left text.
const isolate = (text: string) => `\u2068${text}\u2069`;

const rules = new Intl.PluralRules("ar");
/** A counted noun in Arabic: one and two are said without the number; 3–10 take the plural, 11 and up the singular. */
function count(n: number, one: string, two: string, few: string, many: string, other = many): string {
  switch (rules.select(n)) {
    case "one":
      return one;
    case "two":
      return two;
    case "few":
      return `${n} ${few}`;
    case "many":
      return `${n} ${many}`;
    default:
      return `${n} ${other}`;
  }
}

const ar: VerifyTranslation = {
  heading: "تحقّق من هويتك",
  subtitle: "خطوة أخرى للحفاظ على أمان حسابك",
  stepUpText: "يتطلب هذا التغيير تسجيل دخول حديثًا. أكّد هويتك باستخدام أحد أجهزتك وسيُنفَّذ التغيير.",

  types: {
    sms: "رسالة نصية",
    email: "البريد الإلكتروني",
    totp: "تطبيق المصادقة",
    passkey: "مفتاح المرور",
    recovery_code: "رمز الاسترداد",
  },

  codeTitle: "أدخل الرمز",
  codeSent: (target) => `أرسلنا رمزًا مكوّنًا من 6 أرقام إلى ${isolate(target)}.`,
  totpText: "افتح تطبيق المصادقة وأدخل الرمز المكوّن من 6 أرقام الذي يعرضه.",
  code: "الرمز",
  invalidCode: "أدخل أرقام الرمز الستة.",
  verify: "تحقّق",
  verifying: "جارٍ التحقق…",
  noCode: "لم يصلك الرمز؟",
  resend: "إعادة إرسال الرمز",
  resendIn: (seconds) => `إعادة الإرسال بعد ${seconds} ث`,
  resent: (target) => `أرسلنا رمزًا جديدًا إلى ${isolate(target)}.`,
  sending: "جارٍ الإرسال…",

  passkeyTitle: "استخدم مفتاح المرور",
  passkeyText: "أكّد هويتك ببصمة إصبعك أو وجهك أو رمز PIN أو مفتاح الأمان عندما يطلب منك المتصفح ذلك.",
  usePasskey: "استخدام مفتاح المرور",
  waitingPasskey: "بانتظار مفتاح المرور…",
  passkeyCancelled: "تم إلغاء طلب مفتاح المرور. حاول مرة أخرى عندما تكون مستعدًا، أو استخدم طريقة أخرى.",
  passkeyFailed: "تعذّر على متصفحك استخدام مفتاح المرور. حاول مرة أخرى أو استخدم طريقة أخرى.",
  passkeyUnsupported: "لا يمكن لهذا المتصفح استخدام مفاتيح المرور. استخدم طريقة أخرى.",

  recoveryTitle: "استخدم رمز استرداد",
  recoveryText: "أدخل أحد رموز الاسترداد التي حفظتها. يعمل كل رمز مرة واحدة فقط.",
  recoveryLabel: "رمز الاسترداد",
  invalidRecovery: "أدخل رمز استرداد، مثل \u20667k2m-q9xd-4hwa\u2069.",
  recoveryLeft: (n) =>
    n === 0 ? "لم يتبقَّ أي رمز" : `المتبقي: ${count(n, "رمز واحد", "رمزان", "رموز", "رمزًا", "رمز")}`,
  recoveryLow: (n) =>
    n === 0
      ? "كان هذا آخر رمز استرداد لديك. أنشئ رموزًا جديدة من إعدادات الأمان."
      : `لم يتبقَّ سوى ${count(n, "رمز استرداد واحد", "رمزَي استرداد", "رموز استرداد", "رمز استرداد")}. أنشئ رموزًا جديدة من إعدادات الأمان.`,

  anotherMethod: "استخدام طريقة أخرى",
  chooseTitle: "اختر طريقة",
  chooseText: "كيف تريد تأكيد هويتك؟",
  defaultBadge: "افتراضي",
  cancel: "إلغاء",
  back: "رجوع",

  verifiedTitle: "تم التحقق من هويتك",
  verifiedText: "شكرًا لتأكيد هويتك.",
  confirmed: "تم التأكيد. جارٍ إكمال التغيير…",

  errors: {
    session_missing: "سجّل الدخول أولًا، ثم تحقّق من هويتك.",
    mfa_not_enabled: "لا يوجد في هذا الحساب بعد جهاز تسجيل دخول للتحقق به. أعدّ جهازًا من إعدادات الأمان أولًا.",
    otp_invalid: (attemptsLeft) =>
      attemptsLeft === undefined
        ? "الرمز غير صحيح. تحقّق منه وحاول مرة أخرى."
        : `الرمز غير صحيح. المحاولات المتبقية: ${attemptsLeft}.`,
    recovery_invalid: (attemptsLeft) =>
      attemptsLeft === undefined
        ? "رمز الاسترداد غير صحيح، أو سبق استخدامه."
        : `رمز الاسترداد غير صحيح، أو سبق استخدامه. المحاولات المتبقية: ${attemptsLeft}.`,
    challenge_expired: "انتهت صلاحية هذا الرمز. اطلب رمزًا جديدًا للمتابعة.",
    too_many_attempts: "أُدخلت رموز خاطئة كثيرة. اطلب رمزًا جديدًا أو استخدم طريقة أخرى.",
    locked: (minutes) =>
      `محاولات فاشلة كثيرة جدًا. حفاظًا على أمانك، حاول مرة أخرى بعد ${count(minutes, "دقيقة واحدة", "دقيقتين", "دقائق", "دقيقة")}.`,
    rate_limited: (seconds) =>
      seconds === undefined
        ? "تم إرسال رموز كثيرة جدًا. انتظر قليلًا ثم حاول مرة أخرى."
        : seconds < 90
          ? `تم إرسال رموز كثيرة جدًا. يمكنك طلب رمز آخر بعد ${count(seconds, "ثانية واحدة", "ثانيتين", "ثوانٍ", "ثانية")}.`
          : `تم إرسال رموز كثيرة جدًا. يمكنك طلب رمز آخر بعد ${count(Math.ceil(seconds / 60), "دقيقة واحدة", "دقيقتين", "دقائق", "دقيقة")}.`,
    delivery_failed: "تعذّر إرسال الرمز. حاول مرة أخرى لاحقًا أو استخدم طريقة أخرى.",
    passkey_invalid: "تعذّر التحقق من مفتاح المرور. حاول مرة أخرى أو استخدم طريقة أخرى.",
    no_recovery_codes: "لم يتبقَّ لديك أي رمز استرداد غير مستخدم. استخدم طريقة أخرى.",
    not_found: "لم يعد هذا الجهاز متاحًا. استخدم طريقة أخرى.",
    method_disabled: "هذه الطريقة غير متاحة حاليًا. استخدم طريقة أخرى.",
  },
};

export default ar;
