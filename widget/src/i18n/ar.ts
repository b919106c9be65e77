import profile from "./profile/ar.js";
import type { Translation } from "./en.js";

// Interpolated values (usernames) and Latin examples are isolated (U+2068/U+2066 … U+2069), so the bidi algorithm
// lays them out as one unit inside right-to-left text.
const isolate = (text: string) => `\u2068${text}\u2069`;

const ar: Translation = {
  lang: "ar",
  dir: "rtl",

  profileHeading: "الملف الشخصي",
  profileSubtitle: "إدارة بياناتك الشخصية",
  signedInAs: (username) => `تم تسجيل الدخول باسم ${isolate(username)}`,
  loading: "جارٍ تحميل ملفك الشخصي…",

  nameSection: "الاسم",
  contactSection: "معلومات الاتصال",
  addressSection: "العنوان",
  givenName: "الاسم الأول",
  familyName: "اسم العائلة",
  email: "البريد الإلكتروني",
  phone: "رقم الهاتف",
  phoneHint: "بالصيغة الدولية، مثل \u2066+971501234567\u2069",
  protectedNote: "يتطلب تغيير بريدك الإلكتروني أو رقم هاتفك أن تكون قد سجّلت الدخول مؤخرًا.",
  protectedNoteAny: "يتطلب تغيير هذه البيانات أن تكون قد سجّلت الدخول مؤخرًا.",
  streetAddress: "عنوان الشارع",
  locality: "المدينة",
  region: "المنطقة / المحافظة",
  postalCode: "الرمز البريدي",
  countryCode: "البلد",
  selectCountry: "اختر بلدًا",
  detailsSection: "بيانات أخرى",
  selectOption: "اختر…",
  requiredNote: "مطلوب",
  yes: "نعم",
  no: "لا",
  notSet: "غير محدد",

  save: "حفظ",
  saving: "جارٍ الحفظ…",
  discard: "تجاهل التغييرات",
  tryAgain: "إعادة المحاولة",
  confirmIdentity: "تأكيد هويتك",
  signInAgain: "سجّل الدخول مرة أخرى",
  reauthConfirm: "لأمانك، أكّد هويتك لتغيير بريدك الإلكتروني أو رقم هاتفك. تم الاحتفاظ بتغييراتك.",
  saved: "تم حفظ ملفك الشخصي.",
  changesKept: "تم الاحتفاظ بتغييراتك.",

  invalidEmail: "أدخل عنوان بريد إلكتروني صالحًا، مثل \u2066name@example.com\u2069.",
  invalidPhone: "ابدأ الرقم بعلامة + متبوعة برمز البلد.",
  invalidField: {
    givenName: "استخدم 100 حرف كحد أقصى، في سطر واحد.",
    familyName: "استخدم 100 حرف كحد أقصى، في سطر واحد.",
    email: "أدخل عنوان بريد إلكتروني صالحًا، مثل \u2066name@example.com\u2069.",
    phone: "أدخل الرقم بالصيغة الدولية: علامة + ثم رمز البلد والرقم، مثل \u2066+971501234567\u2069.",
    "address.streetAddress": "استخدم 200 حرف كحد أقصى، في سطر واحد.",
    "address.locality": "استخدم 100 حرف كحد أقصى، في سطر واحد.",
    "address.region": "استخدم 100 حرف كحد أقصى، في سطر واحد.",
    "address.postalCode": "أدخل رمزًا بريديًا صالحًا: أحرف وأرقام ومسافات وشرطات فقط.",
    "address.countryCode": "اختر بلدًا من القائمة.",
  },

  profile,


  notSignedInTitle: "لم تسجّل الدخول",
  signedOutTitle: "تم تسجيل خروجك",
  wrongAccountTitle: "حساب غير صحيح",
  loadErrorTitle: "تعذّر تحميل ملفك الشخصي",

  devicesHeading: "المصادقة متعددة العوامل",
  devicesSubtitle: "خطوة إضافية تُبقي حسابك آمنًا",
  loadingDevices: "جارٍ تحميل أجهزتك…",
  loadingActivity: "جارٍ تحميل نشاطك…",
  devicesLoadErrorTitle: "تعذّر تحميل أجهزتك",

  errors: {
    session_missing: "سجّل الدخول لعرض ملفك الشخصي وتعديله.",
    session_invalid: "تعذّر التحقق من تسجيل دخولك. سجّل الدخول مرة أخرى للمتابعة.",
    session_expired: "انتهت صلاحية جلستك. سجّل الدخول مرة أخرى للمتابعة.",
    username_mismatch: "أنت مسجّل الدخول بحساب غير الحساب الذي تتوقعه هذه الصفحة. سجّل الدخول مرة أخرى بالحساب الصحيح.",
    reauthentication_required:
      "حفاظًا على أمانك، سجّل الدخول مرة أخرى لتغيير بريدك الإلكتروني أو رقم هاتفك. تم الاحتفاظ بتغييراتك.",
    version_conflict:
      "تم تغيير ملفك الشخصي من مكان آخر. حمّلنا أحدث نسخة واحتفظنا بتعديلاتك، فراجعها ثم احفظ مرة أخرى.",
    validation_failed: "بعض البيانات تحتاج إلى مراجعة.",
    precondition_required: "تعذّر حفظ ملفك الشخصي. أعد تحميل الصفحة وحاول مرة أخرى.",
    network_error: "تعذّر الاتصال بالخادم. تحقّق من اتصالك وحاول مرة أخرى.",
    rate_limited: "محاولات كثيرة جدًا. انتظر قليلًا ثم حاول مرة أخرى.",
    service_unavailable: "الخدمة غير متاحة مؤقتًا. حاول مرة أخرى بعد قليل.",
    internal_error: "حدث خطأ من جانبنا. حاول مرة أخرى بعد قليل.",
    unknown: "حدث خطأ ما. حاول مرة أخرى بعد قليل.",
  },
};

export default ar;
