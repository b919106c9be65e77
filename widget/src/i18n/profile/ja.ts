import type { ProfileTranslation } from "./en.js";

const ja: ProfileTranslation = {
  problems: {
    required: "この項目は必須です。",
    minLength: (limit) => (limit === 1 ? "この項目は必須です。" : `${limit} 文字以上で入力してください。`),
    maxLength: (limit) => `${limit} 文字以内で入力してください。`,
    pattern: "正しい形式で入力してください。",
    email: "有効なメールアドレスを入力してください（例: name@example.com）。",
    tel: "国番号から始まる国際形式で入力してください（例: +819012345678）。",
    date: "日付を入力してください。",
    uri: "完全なウェブアドレスを入力してください（例: https://example.com）。",
    enum: "一覧から選択してください。",
    integer: "整数を入力してください。",
    number: "数値を入力してください。",
    minimum: (limit) => `${limit} 以上にしてください。`,
    maximum: (limit) => `${limit} 以下にしてください。`,
    minItems: (limit) => `${limit} 個以上選択してください。`,
    maxItems: (limit) => `${limit} 個まで選択できます。`,
    displaySafe: "改行、制御文字、見えない文字は使用できません。",
    country: "一覧から国を選択してください。",
    readOnly: "この項目は変更できません。",
    other: "この値は使用できません。",
  },
  codeSent: (target) => `${target} に送信したコードを入力してください。`,
  waitingNote: "新しいアドレスが確認されるまで、現在のアドレスが使われます。",
  code: "コード",
  verify: "確認",
  verifying: "確認しています…",
  noCode: "コードが届きませんか？",
  resend: "コードを再送信",
  resendIn: (seconds) => `${seconds} 秒後に再送信できます`,
  sending: "送信しています…",
  cancel: "キャンセル",
  invalidCode: "6 桁のコードを入力してください。",
  resent: (target) => `${target} に新しいコードを送信しました。`,
  codeNeeded: "あと少しです。送信したコードを入力して、新しいアドレスを確認してください。",
  applied: (field) => `${field}を確認し、保存しました。`,
  cancelled: (field) => `${field}の変更をキャンセルしました。`,
  errors: {
    otp_invalid: (attemptsLeft) =>
      attemptsLeft === undefined
        ? "コードが正しくありません。確認して、もう一度お試しください。"
        : `コードが正しくありません。あと ${attemptsLeft} 回試せます。`,
    otp_expired: "このコードは有効期限が切れています。新しいコードをリクエストしてください。",
    too_many_attempts: "間違ったコードの入力が多すぎます。変更をキャンセルして、最初からやり直してください。",
    rate_limited: "しばらく待ってから、新しいコードをリクエストしてください。",
    not_found: "この変更は保留されていません。ページを再読み込みしてプロフィールを確認してください。",
  },
};

export default ja;
