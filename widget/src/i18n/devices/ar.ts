import type { DevicesTranslation } from "./en.js";

// Interpolated values (masked numbers and addresses, nicknames, dates) and Latin examples are isolated
// (U+2068/U+2066 … U+2069), so the bidi algorithm lays each out as one unit inside right-to-left text.
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

const ar: DevicesTranslation = {
  types: { sms: "رسالة نصية (SMS)", email: "البريد الإلكتروني", totp: "تطبيق المصادقة", passkey: "مفتاح المرور" },
  nicknames: { sms: "الهاتف", email: "البريد الإلكتروني", totp: "تطبيق المصادقة", passkey: "مفتاح المرور" },
  typeHints: {
    sms: "استلم رمزًا في رسالة نصية",
    email: "استلم رمزًا عبر البريد الإلكتروني",
    totp: "استخدم رمزًا من تطبيق مثل Google Authenticator أو 1Password",
    passkey: "استخدم بصمة إصبعك أو وجهك أو قفل الشاشة",
  },

  enableTitle: "احمِ حسابك بالمصادقة متعددة العوامل",
  enableText:
    "تطلب المصادقة متعددة العوامل (MFA) خطوة ثانية عند تسجيل الدخول، مثل رمز أو مفتاح مرور، فلا تكفي كلمة مرور مسروقة وحدها لفتح حسابك.",
  enable: "تفعيل MFA",
  enabling: "جارٍ التفعيل…",

  listTitle: "أجهزتك",
  listText: "عند تسجيل الدخول، سنطلب منك تأكيد هويتك باستخدام أحد هذه الأجهزة.",
  mfaOn: "MFA مفعّلة",
  emptyTitle: "لا توجد أجهزة بعد",
  addDevice: "إضافة جهاز",
  limitReached: (max) =>
    `يمكنك إضافة ${count(max, "جهاز واحد", "جهازين", "أجهزة", "جهازًا", "جهاز")} كحد أقصى. أزل جهازًا لإضافة جهاز آخر.`,
  addUnavailable: "لا يمكن إضافة أجهزة جديدة هنا حاليًا.",
  defaultBadge: "افتراضي",
  pending: "بانتظار التحقق",
  done: "تم",
  cancel: "إلغاء",
  disableMfa: "إيقاف MFA",

  chooseTitle: "إضافة جهاز",
  chooseText: "اختر الطريقة التي تريد تأكيد هويتك بها.",
  passkeyUnsupported: "لا يمكن لهذا المتصفح إنشاء مفاتيح مرور.",

  targetText: {
    sms: "أدخل رقم الجوال الذي سيستلم رموز تسجيل الدخول.",
    email: "أدخل عنوان البريد الإلكتروني الذي سيستلم رموز تسجيل الدخول.",
  },
  phone: "رقم الهاتف",
  phoneHint: "بالصيغة الدولية، مثل \u2066+971501234567\u2069",
  email: "البريد الإلكتروني",
  sendCode: "إرسال الرمز",
  sending: "جارٍ الإرسال…",
  invalidPhone: "ابدأ الرقم بعلامة + متبوعة برمز البلد، مثل \u2066+971501234567\u2069.",
  countryCode: "رمز البلد",
  phoneHintCountry: "اكتب الرقم كما تطلبه داخل ذلك البلد، أو ابدأ بعلامة + ورمز بلد آخر.",
  invalidPhoneIn: (country) => `هذا ليس رقم هاتف كاملاً في ${country}. تحقق منه أو اختر رمز بلد آخر.`,
  invalidEmail: "أدخل عنوان بريد إلكتروني صالحًا، مثل \u2066name@example.com\u2069.",

  codeTitle: "أدخل الرمز",
  codeSent: (target) => `أرسلنا رمزًا مكوّنًا من 6 أرقام إلى ${isolate(target)}.`,
  code: "الرمز",
  codeHint: "تنتهي صلاحيته بعد 10 دقائق.",
  invalidCode: "أدخل أرقام الرمز الستة.",
  verify: "تحقّق",
  verifying: "جارٍ التحقق…",
  noCode: "لم يصلك الرمز؟",
  resend: "إعادة إرسال الرمز",
  resendIn: (seconds) => `إعادة الإرسال بعد ${seconds} ث`,
  resent: (target) => `أرسلنا رمزًا جديدًا إلى ${isolate(target)}.`,

  totpTitle: "إعداد تطبيق المصادقة",
  totpScan: "امسح رمز QR هذا باستخدام تطبيق المصادقة.",
  qrLabel: "صورة QR لتطبيق المصادقة",
  totpManual: "لا يمكنك مسحه؟ أدخل مفتاح الإعداد هذا بدلًا من ذلك:",
  copy: "نسخ",
  copied: "تم النسخ",
  copyFailed: "تعذّر النسخ. حدّد المفتاح وانسخه بنفسك.",
  totpEnter: "أدخل الرمز المكوّن من 6 أرقام الذي يعرضه التطبيق.",

  passkeyTitle: "إنشاء مفتاح مرور",
  passkeyText:
    "يتيح لك مفتاح المرور تأكيد هويتك ببصمة إصبعك أو وجهك أو رمز PIN أو قفل الشاشة. لا حاجة إلى كتابة أي شيء، ولا يمكن سرقته بالتصيّد الاحتيالي.",
  createPasskey: "إنشاء مفتاح مرور",
  creatingPasskey: "بانتظار جهازك…",
  passkeyCancelled: "تم إلغاء إنشاء مفتاح المرور. حاول مرة أخرى عندما تكون مستعدًا.",
  passkeyExists: "يحتوي هذا الجهاز بالفعل على مفتاح مرور لحسابك.",
  passkeyFailed: "تعذّر على متصفحك إنشاء مفتاح مرور. حاول مرة أخرى أو اختر نوعًا آخر من الأجهزة.",

  recoveryTitle: "رموز الاسترداد",
  recoveryNone: "رموز يمكنك استخدامها لتسجيل الدخول إذا فقدت أجهزتك. أنشئها واحتفظ بها في مكان آمن.",
  recoveryCount: (remaining, total) => `المتبقي: ${remaining} من ${total}`,
  recoveryLow: (remaining) =>
    remaining === 0
      ? "استخدمت جميع رموز الاسترداد. أنشئ رموزًا جديدة."
      : `لم يتبقَّ سوى ${count(remaining, "رمز واحد", "رمزين", "رموز", "رمز")}. أنشئ رموزًا جديدة قريبًا.`,
  createRecovery: "إنشاء الرموز",
  replaceRecovery: "إنشاء رموز جديدة",
  creatingRecovery: "جارٍ الإنشاء…",
  recoveryShowTitle: "احفظ رموز الاسترداد",
  recoveryShowText:
    "يتيح لك كل رمز تسجيل الدخول مرة واحدة إذا تعذّر عليك استخدام أجهزتك. احتفظ بها في مكان آمن: لن تُعرض مرة أخرى، ولن تعمل أي رموز أقدم بعد الآن.",
  recoveryListLabel: "رموز الاسترداد الخاصة بك",
  copyCodes: "نسخ",
  downloadCodes: "تنزيل",
  printCodes: "طباعة",
  savedCodes: "لقد حفظتها",
  recoveryFile: (account, date) =>
    `رموز الاسترداد للحساب ${isolate(account)}، أُنشئت في ${isolate(date)}.\nيعمل كل رمز مرة واحدة فقط. احتفظ بها في مكان آمن.`,
  recoveryCreated: "تم إنشاء رموز الاسترداد.",
  activityLink: "النشاط الأخير",
  activityLinkText: "عمليات تسجيل الدخول والتغييرات على حسابك",

  back: "كل الأجهزة",
  type: "النوع",
  added: "تاريخ الإضافة",
  addedOn: (date) => `أُضيف في ${isolate(date)}`,
  lastUsed: "آخر استخدام",
  never: "لم يُستخدم بعد",
  nickname: "الاسم",
  nicknameHint: "يساعدك على التمييز بين أجهزتك.",
  invalidNickname: "أدخل اسمًا لا يتجاوز 40 حرفًا.",
  save: "حفظ",
  saving: "جارٍ الحفظ…",
  defaultTitle: "الجهاز الافتراضي",
  isDefault: "هذا هو جهازك الافتراضي: نطلبه أولًا عند تسجيل الدخول.",
  makeDefaultText: "اجعل هذا الجهاز أول ما نطلبه عند تسجيل الدخول.",
  setDefault: "تعيين كافتراضي",
  pendingText: "لم يتم التحقق من هذا الجهاز قط، لذا لا يمكن استخدامه لتسجيل الدخول. أزله ثم أضفه مرة أخرى.",
  removeTitle: "إزالة الجهاز",
  removeText: "لن تتمكن بعد ذلك من استخدامه لتسجيل الدخول.",
  remove: "إزالة",
  removing: "جارٍ الإزالة…",
  confirmRemoveTitle: "هل تريد إزالة هذا الجهاز؟",
  confirmRemoveText: (nickname) =>
    `لن تتمكن بعد ذلك من استخدام «${isolate(nickname)}» لتسجيل الدخول. يمكنك إضافته مرة أخرى لاحقًا.`,

  confirmDisableTitle: "هل تريد إيقاف MFA؟",
  confirmDisableText: "ستسجّل الدخول بكلمة المرور فقط. ستبقى أجهزتك محفوظة، لذا يمكنك إعادة تفعيل MFA في أي وقت.",
  disabling: "جارٍ الإيقاف…",

  deviceAdded: "تمت إضافة الجهاز",
  deviceRenamed: "تمت إعادة تسمية الجهاز",
  defaultChanged: "تم تغيير الجهاز الافتراضي",
  deviceRemoved: "تمت إزالة الجهاز",
  mfaDisabled: "تم إيقاف MFA.",

  setupUnfinished: "لم يكتمل",
  protectedBy: (count) =>
    count === 1
      ? "تسجيلات الدخول محمية بجهاز واحد."
      : count === 2
        ? "تسجيلات الدخول محمية بجهازين."
        : count <= 10
          ? `تسجيلات الدخول محمية بـ ${count} أجهزة.`
          : `تسجيلات الدخول محمية بـ ${count} جهازًا.`,
  notProtected: "أضف جهازًا لإكمال الإعداد — تسجيلات الدخول غير محمية بعد.",
  startWith: "أو ابدأ مباشرةً بجهاز:",
  lastUsedOn: (when) => `آخر استخدام: ${when}`,
  usedJustNow: "استُخدم للتو",
  neverUsed: "لم يُستخدم قط",
  nicknameTooLong: (length, max) => `عدد الأحرف ${length}. يمكن أن يتكوّن الاسم من ${max} حرفًا على الأكثر.`,
  charactersLimit: (max) => `${max} حرفًا على الأكثر.`,
  charactersLeft: (left) => (left >= 0 ? `الأحرف المتبقية: ${left}` : `أحرف زائدة: ${-left}`),
  signInAgain: "تسجيل الدخول مرة أخرى",
  confirmToContinue: "حفاظًا على أمانك، أكّد هويتك لإجراء هذا التغيير. سيكتمل فور تأكيدها.",

  errors: {
    session_missing: "سجّل الدخول لإدارة أجهزة تسجيل الدخول.",
    reauthentication_required: "حفاظًا على أمانك، سجّل الدخول مرة أخرى لإجراء هذا التغيير. سيكتمل فور تسجيل دخولك.",
    otp_invalid: (attemptsLeft) =>
      attemptsLeft === undefined
        ? "الرمز غير صحيح. تحقّق منه وحاول مرة أخرى."
        : `الرمز غير صحيح. المحاولات المتبقية: ${attemptsLeft}.`,
    otp_expired: "انتهت صلاحية هذا الرمز. اطلب رمزًا جديدًا.",
    too_many_attempts: "أُدخلت رموز خاطئة كثيرة. ألغِ العملية وابدأ من جديد.",
    rate_limited: (seconds) =>
      seconds === undefined
        ? "تم إرسال رموز كثيرة جدًا. انتظر قليلًا ثم حاول مرة أخرى."
        : seconds < 90
          ? `تم إرسال رموز كثيرة جدًا. يمكنك طلب رمز آخر بعد ${count(seconds, "ثانية واحدة", "ثانيتين", "ثوانٍ", "ثانية")}.`
          : `تم إرسال رموز كثيرة جدًا. يمكنك طلب رمز آخر بعد ${count(Math.ceil(seconds / 60), "دقيقة واحدة", "دقيقتين", "دقائق", "دقيقة")}.`,
    delivery_failed: "تعذّر إرسال الرمز. تحقّق من الرقم أو العنوان، أو حاول مرة أخرى لاحقًا.",
    device_limit_reached: "لديك بالفعل الحد الأقصى من الأجهزة. أزل جهازًا لإضافة جهاز آخر.",
    method_disabled: "لا يمكن إضافة هذا النوع من الأجهزة هنا.",
    last_device: "تحتاج MFA إلى جهاز واحد على الأقل. أضف جهازًا آخر أولًا، أو أوقف MFA لإزالة هذا الجهاز.",
    device_not_active: "تحقّق من هذا الجهاز قبل تعيينه كافتراضي.",
    device_already_active: "تم التحقق من هذا الجهاز بالفعل.",
    challenge_expired: "انتهت صلاحية طلب مفتاح المرور هذا. حاول مرة أخرى.",
    passkey_invalid: "تعذّر التحقق من مفتاح المرور. حاول مرة أخرى.",
    passkey_already_registered: "مفتاح المرور هذا مسجّل بالفعل.",
    resend_not_supported: "تُرسل الرموز إلى أجهزة الرسائل النصية والبريد الإلكتروني فقط.",
    not_found: "لم يعد هذا الجهاز موجودًا. ربما تمت إزالته من مكان آخر.",
    validation_failed: "تحقّق مما أدخلته.",
  },
};

export default ar;
