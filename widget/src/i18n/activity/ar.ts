import type { ActivityTranslation } from "./en.js";

// Interpolated values (browser and system names) are isolated so they keep their own direction.
const isolate = (text: string) => `\u2068${text}\u2069`;

const ar: ActivityTranslation = {
  heading: "أمان الحساب",
  subtitle: "ما حدث في حسابك، ونسخة من بياناتك",

  title: "النشاط الأخير",
  intro: "عمليات تسجيل الدخول والتغييرات على ملفك الشخصي وأجهزة تسجيل الدخول، الأحدث أولًا.",
  listLabel: "أحداث الأمان",
  loading: "جارٍ تحميل نشاطك…",
  empty: "لا يوجد نشاط بعد",
  emptyText: "ستظهر هنا عمليات تسجيل الدخول والتغييرات على حسابك.",
  loadFailed: "تعذّر تحميل نشاطك.",
  showMore: "عرض المزيد",
  loadingMore: "جارٍ التحميل…",
  justNow: "الآن",
  browserOn: (browser, os) => `${isolate(browser)} على ${isolate(os)}`,

  events: {
    "user.created": "تم إنشاء الحساب",
    "profile.updated": "تم تحديث الملف الشخصي",
    "profile.change.opened": "تم إدخال عنوان جديد",
    "profile.change.verified": "تم تأكيد العنوان الجديد",
    "profile.change.code_rejected": "رمز خاطئ لعنوان جديد",
    "profile.change.cancelled": "تم إلغاء تغيير العنوان",
    "mfa.enabled": "تم تفعيل التحقق بخطوتين",
    "mfa.disabled": "تم إيقاف التحقق بخطوتين",
    "mfa.recovery_codes.created": "تم إنشاء رموز الاسترداد",
    "mfa.recovery_codes.replaced": "تم استبدال رموز الاسترداد",
    "mfa.device.added": "بدأ إعداد جهاز لتسجيل الدخول",
    "mfa.device.activated": "تمت إضافة جهاز لتسجيل الدخول",
    "mfa.device.renamed": "تمت إعادة تسمية جهاز لتسجيل الدخول",
    "mfa.device.default_set": "تم تغيير جهاز تسجيل الدخول الافتراضي",
    "mfa.device.removed": "تمت إزالة جهاز لتسجيل الدخول",
    "mfa.device.code_rejected": "رمز خاطئ لجهاز جديد لتسجيل الدخول",
    "mfa.device.discarded": "تمت إزالة جهاز لم يكتمل إعداده",
    "mfa.verification.succeeded": "تم تسجيل الدخول بالتحقق بخطوتين",
    "mfa.verification.failed": "فشل التحقق",
  },
  stepUp: "تم تأكيد هويتك",
  recoverySignIn: "تم تسجيل الدخول برمز استرداد",
  recoveryStepUp: "تم تأكيد هويتك برمز استرداد",
  recoveryCode: "رمز الاسترداد",
  reasons: {
    wrong_proof: "الرمز أو مفتاح المرور غير صحيح",
    expired: "كانت صلاحية الطلب قد انتهت",
    locked: "محاولات خاطئة كثيرة جدًا",
    delivery_failed: "تعذّر إرسال الرمز",
    device_gone: "لم يعد الجهاز موجودًا",
  },
  types: { sms: "رسالة نصية (SMS)", email: "البريد الإلكتروني", totp: "تطبيق المصادقة", passkey: "مفتاح المرور" },
  nicknames: { sms: "الهاتف", email: "البريد الإلكتروني", totp: "تطبيق المصادقة", passkey: "مفتاح المرور" },

  notYou: "لم تكن أنت؟",
  getHelp: "احصل على مساعدة لتأمين حسابك",
  newTab: "(يُفتح في علامة تبويب جديدة)",
  notYouAdvice: "إذا لم تتعرّف على شيء هنا، فغيّر كلمة المرور وأزل أي جهاز تسجيل دخول لا تعرفه.",

  dataTitle: "بياناتك",
  dataText: "نزّل نسخة من ملفك الشخصي وأجهزة تسجيل الدخول وهذا النشاط في ملف JSON.",
  download: "تنزيل بياناتي",
  downloading: "جارٍ تجهيز التنزيل…",
  downloadFailed: "تعذّر تنزيل بياناتك.",
};

export default ar;
