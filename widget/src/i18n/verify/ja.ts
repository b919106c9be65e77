import type { VerifyTranslation } from "./en.js";

const ja: VerifyTranslation = {
  heading: "本人確認",
  subtitle: "アカウントを安全に保つための、もう 1 つのステップです",
  stepUpText: "この変更には最近のログインが必要です。いずれかのデバイスで本人確認を行うと、変更が実行されます。",

  types: {
    sms: "SMS",
    email: "メール",
    totp: "認証アプリ",
    passkey: "パスキー",
    recovery_code: "リカバリーコード",
  },

  codeTitle: "コードを入力",
  codeSent: (target) => `${target} に 6 桁のコードを送信しました。`,
  totpText: "認証アプリを開き、表示されている 6 桁のコードを入力してください。",
  code: "コード",
  invalidCode: "6 桁のコードを入力してください。",
  verify: "確認",
  verifying: "確認しています…",
  noCode: "コードが届きませんか？",
  resend: "コードを再送信",
  resendIn: (seconds) => `${seconds} 秒後に再送信できます`,
  resent: (target) => `${target} に新しいコードを送信しました。`,
  sending: "送信しています…",

  passkeyTitle: "パスキーを使用",
  passkeyText: "ブラウザの案内に従って、指紋、顔認証、PIN、またはセキュリティキーで確認してください。",
  usePasskey: "パスキーを使用",
  waitingPasskey: "パスキーの応答を待っています…",
  passkeyCancelled:
    "パスキーのリクエストがキャンセルされました。準備ができたらもう一度お試しいただくか、別の方法を使ってください。",
  passkeyFailed: "ブラウザでパスキーを使用できませんでした。もう一度お試しいただくか、別の方法を使ってください。",
  passkeyUnsupported: "このブラウザではパスキーを使用できません。別の方法を使ってください。",

  recoveryTitle: "リカバリーコードを使用",
  recoveryText: "保存したリカバリーコードのいずれかを入力してください。各コードは 1 回だけ使えます。",
  recoveryLabel: "リカバリーコード",
  invalidRecovery: "リカバリーコードを入力してください（例: 7k2m-q9xd-4hwa）。",
  recoveryLeft: (count) => `残り ${count} 個`,
  recoveryLow: (count) =>
    count === 0
      ? "最後のリカバリーコードを使用しました。セキュリティ設定で新しいコードを作成してください。"
      : `リカバリーコードは残り ${count} 個だけです。セキュリティ設定で新しいコードを作成してください。`,

  anotherMethod: "別の方法を使う",
  chooseTitle: "方法を選択",
  chooseText: "どの方法で本人確認を行いますか？",
  defaultBadge: "既定",
  cancel: "キャンセル",
  back: "戻る",

  verifiedTitle: "本人確認が完了しました",
  verifiedText: "本人確認にご協力いただき、ありがとうございます。",
  confirmed: "確認しました。変更を完了しています…",

  errors: {
    session_missing: "先にログインしてから、本人確認を行ってください。",
    mfa_not_enabled:
      "このアカウントには、本人確認に使えるログイン用デバイスがまだありません。先にセキュリティ設定でデバイスを設定してください。",
    otp_invalid: (attemptsLeft) =>
      attemptsLeft === undefined
        ? "コードが正しくありません。確認して、もう一度お試しください。"
        : `コードが正しくありません。あと ${attemptsLeft} 回試せます。`,
    recovery_invalid: (attemptsLeft) =>
      attemptsLeft === undefined
        ? "リカバリーコードが正しくないか、すでに使用されています。"
        : `リカバリーコードが正しくないか、すでに使用されています。あと ${attemptsLeft} 回試せます。`,
    challenge_expired: "このコードは有効期限が切れています。続けるには新しいコードをリクエストしてください。",
    too_many_attempts: "間違ったコードの入力が多すぎます。新しいコードをリクエストするか、別の方法を使ってください。",
    locked: (minutes) => `失敗した回数が多すぎます。セキュリティのため、${minutes} 分後にもう一度お試しください。`,
    rate_limited: (seconds) =>
      seconds === undefined
        ? "送信したコードが多すぎます。しばらく待ってから、もう一度お試しください。"
        : seconds < 90
          ? `送信したコードが多すぎます。${seconds} 秒後に新しいコードをリクエストできます。`
          : `送信したコードが多すぎます。${Math.ceil(seconds / 60)} 分後に新しいコードをリクエストできます。`,
    delivery_failed: "コードを送信できませんでした。後でもう一度お試しいただくか、別の方法を使ってください。",
    passkey_invalid: "パスキーを確認できませんでした。もう一度お試しいただくか、別の方法を使ってください。",
    no_recovery_codes: "未使用のリカバリーコードが残っていません。別の方法を使ってください。",
    not_found: "このデバイスは利用できなくなりました。別の方法を使ってください。",
    method_disabled: "この方法は現在利用できません。別の方法を使ってください。",
  },
};

export default ja;
