import type { ProfileTranslation } from "./en.js";

// Interpolated values (masked addresses, field names) are isolated so they keep their own direction.
const isolate = (text: string) => `\u2068${text}\u2069`;

const ar: ProfileTranslation = {
  problems: {
    required: "هذا الحقل مطلوب.",
    minLength: (limit) => (limit === 1 ? "هذا الحقل مطلوب." : `يجب ألا يقل عن ${limit} حرفًا.`),
    maxLength: (limit) => `يجب ألا يزيد عن ${limit} حرفًا.`,
    pattern: "أدخل قيمة بالصيغة المتوقعة.",
    email: `أدخل بريدًا إلكترونيًا صالحًا، مثل ${isolate("name@example.com")}.`,
    tel: `أدخل الرقم بالصيغة الدولية: + ثم رمز البلد والرقم، مثل ${isolate("+966512345678")}.`,
    date: "أدخل تاريخًا.",
    uri: `أدخل عنوان ويب كاملًا، مثل ${isolate("https://example.com")}.`,
    enum: "اختر إحدى القيم المدرجة.",
    integer: "يجب أن يكون عددًا صحيحًا.",
    number: "يجب أن يكون رقمًا.",
    minimum: (limit) => `يجب ألا يقل عن ${limit}.`,
    maximum: (limit) => `يجب ألا يزيد عن ${limit}.`,
    minItems: (limit) => `اختر ${limit} على الأقل.`,
    maxItems: (limit) => `اختر ${limit} على الأكثر.`,
    displaySafe: "دون فواصل أسطر أو محارف تحكم أو محارف غير مرئية.",
    country: "اختر بلدًا من القائمة.",
    readOnly: "لا يمكن تغيير هذا الحقل.",
    other: "هذه القيمة غير مقبولة.",
  },
  codeSent: (target) => `أدخل الرمز الذي أرسلناه إلى ${isolate(target)}.`,
  waitingNote: "يبقى عنوانك الحالي معتمدًا حتى يتم تأكيد العنوان الجديد.",
  code: "الرمز",
  verify: "تحقّق",
  verifying: "جارٍ التحقق…",
  noCode: "لم يصلك الرمز؟",
  resend: "إعادة إرسال الرمز",
  resendIn: (seconds) => `إعادة الإرسال بعد ${seconds} ث`,
  sending: "جارٍ الإرسال…",
  cancel: "إلغاء",
  invalidCode: "أدخل أرقام الرمز الستة.",
  resent: (target) => `أرسلنا رمزًا جديدًا إلى ${isolate(target)}.`,
  codeNeeded: "أوشكت على الانتهاء: أدخل الرمز الذي أرسلناه لتأكيد عنوانك الجديد.",
  applied: (field) => `تم تأكيد ${isolate(field)} وحفظه.`,
  cancelled: (field) => `تم إلغاء تغيير ${isolate(field)}.`,
  errors: {
    otp_invalid: (attemptsLeft) =>
      attemptsLeft === undefined ? "الرمز غير صحيح. تحقّق منه وحاول مرة أخرى." : `الرمز غير صحيح. المحاولات المتبقية: ${attemptsLeft}.`,
    otp_expired: "انتهت صلاحية هذا الرمز. اطلب رمزًا جديدًا.",
    too_many_attempts: "أُدخلت رموز خاطئة كثيرة. ألغِ التغيير وابدأ من جديد.",
    rate_limited: "انتظر قليلًا قبل أن تطلب رمزًا آخر.",
    not_found: "لم يعد هذا التغيير بانتظار التأكيد. أعد تحميل الصفحة لرؤية ملفك الشخصي.",
  },
};

export default ar;
