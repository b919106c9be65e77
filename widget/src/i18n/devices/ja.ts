import type { DevicesTranslation } from "./en.js";

const ja: DevicesTranslation = {
  types: { sms: "SMS（テキストメッセージ）", email: "メール", totp: "認証アプリ", passkey: "パスキー" },
  nicknames: { sms: "電話", email: "メール", totp: "認証アプリ", passkey: "パスキー" },
  typeHints: {
    sms: "SMS でコードを受け取ります",
    email: "メールでコードを受け取ります",
    totp: "Google Authenticator や 1Password などのアプリのコードを使います",
    passkey: "指紋、顔認証、画面ロックを使います",
  },

  enableTitle: "MFA でアカウントを保護しましょう",
  enableText:
    "多要素認証（MFA）を有効にすると、ログイン時にコードやパスキーによる 2 つ目の確認が求められます。パスワードが盗まれても、それだけではアカウントにアクセスできません。",
  enable: "MFA を有効にする",
  enabling: "有効にしています…",

  listTitle: "登録済みのデバイス",
  listText: "ログイン時に、これらのいずれかで本人確認をお願いします。",
  mfaOn: "MFA 有効",
  emptyTitle: "デバイスがまだありません",
  addDevice: "デバイスを追加",
  limitReached: (max) => `デバイスは最大 ${max} 台まで登録できます。新しく追加するには、いずれかを削除してください。`,
  addUnavailable: "現在、ここでは新しいデバイスを追加できません。",
  defaultBadge: "既定",
  pending: "確認待ち",
  done: "完了",
  cancel: "キャンセル",
  disableMfa: "MFA を無効にする",

  chooseTitle: "デバイスを追加",
  chooseText: "本人確認の方法を選んでください。",
  passkeyUnsupported: "このブラウザではパスキーを作成できません。",

  targetText: {
    sms: "ログイン用のコードを受け取る携帯電話番号を入力してください。",
    email: "ログイン用のコードを受け取るメールアドレスを入力してください。",
  },
  phone: "電話番号",
  phoneHint: "国際形式（例: +819012345678）",
  email: "メールアドレス",
  sendCode: "コードを送信",
  sending: "送信しています…",
  invalidPhone: "番号は + と国番号から入力してください（例: +819012345678）。",
  countryCode: "国番号",
  phoneHintCountry: "その国でかける場合と同じように番号を入力してください。別の国の番号は + と国番号から入力します。",
  invalidPhoneIn: (country) => `${country} の電話番号としては桁が足りないか正しくありません。番号を確認するか、別の国番号を選んでください。`,
  invalidEmail: "有効なメールアドレスを入力してください（例: name@example.com）。",

  codeTitle: "コードを入力",
  codeSent: (target) => `${target} に 6 桁のコードを送信しました。`,
  code: "コード",
  codeHint: "有効期限は 10 分です。",
  invalidCode: "6 桁のコードを入力してください。",
  verify: "確認",
  verifying: "確認しています…",
  noCode: "コードが届きませんか？",
  resend: "コードを再送信",
  resendIn: (seconds) => `${seconds} 秒後に再送信できます`,
  resent: (target) => `${target} に新しいコードを送信しました。`,

  totpTitle: "認証アプリを設定",
  totpScan: "認証アプリでこの QR コードをスキャンしてください。",
  qrLabel: "認証アプリ用の QR 画像",
  totpManual: "スキャンできない場合は、代わりにこのセットアップキーを入力してください:",
  copy: "コピー",
  copied: "コピーしました",
  copyFailed: "コピーできませんでした。キーを選択して手動でコピーしてください。",
  totpEnter: "アプリに表示される 6 桁のコードを入力してください。",

  passkeyTitle: "パスキーを作成",
  passkeyText:
    "パスキーを使うと、指紋、顔認証、PIN、画面ロックで本人確認ができます。入力の手間がなく、フィッシングの心配もありません。",
  createPasskey: "パスキーを作成",
  creatingPasskey: "デバイスの応答を待っています…",
  passkeyCancelled: "パスキーの作成がキャンセルされました。準備ができたら、もう一度お試しください。",
  passkeyExists: "このデバイスには、すでにこのアカウントのパスキーがあります。",
  passkeyFailed: "ブラウザでパスキーを作成できませんでした。もう一度お試しいただくか、別の種類のデバイスを選んでください。",

  recoveryTitle: "リカバリーコード",
  recoveryNone: "デバイスをなくしたときにログインに使えるコードです。作成して、安全な場所に保管してください。",
  recoveryCount: (remaining, total) => `残り ${remaining} 個（全 ${total} 個）`,
  recoveryLow: (remaining) =>
    remaining === 0
      ? "リカバリーコードをすべて使用しました。新しいコードを作成してください。"
      : `残りは ${remaining} 個だけです。早めに新しいコードを作成してください。`,
  createRecovery: "コードを作成",
  replaceRecovery: "新しいコードを作成",
  creatingRecovery: "作成しています…",
  recoveryShowTitle: "リカバリーコードを保存",
  recoveryShowText:
    "デバイスを使えないときは、各コードで 1 回ログインできます。安全な場所に保管してください。コードが再び表示されることはなく、以前のコードは使えなくなります。",
  recoveryListLabel: "リカバリーコード一覧",
  copyCodes: "コピー",
  downloadCodes: "ダウンロード",
  printCodes: "印刷",
  savedCodes: "保存しました",
  recoveryFile: (account, date) =>
    `${account} のリカバリーコード（${date} 作成）\n各コードは 1 回だけ使えます。安全な場所に保管してください。`,
  recoveryCreated: "リカバリーコードを作成しました。",
  activityLink: "最近のアクティビティ",
  activityLinkText: "ログインとアカウントの変更",

  back: "すべてのデバイス",
  type: "種類",
  added: "追加日",
  addedOn: (date) => `${date} に追加`,
  lastUsed: "最終使用日",
  never: "未使用",
  nickname: "名前",
  nicknameHint: "デバイスを見分けやすくするための名前です。",
  invalidNickname: "40 文字以内で名前を入力してください。",
  save: "保存",
  saving: "保存しています…",
  defaultTitle: "既定のデバイス",
  isDefault: "これは既定のデバイスです。ログイン時に最初にこのデバイスでの確認を求めます。",
  makeDefaultText: "ログイン時に最初に確認を求めるデバイスにします。",
  setDefault: "既定に設定",
  pendingText: "このデバイスは確認が完了していないため、ログインには使えません。削除してから、もう一度追加してください。",
  removeTitle: "デバイスを削除",
  removeText: "削除すると、このデバイスではログインできなくなります。",
  remove: "削除",
  removing: "削除しています…",
  confirmRemoveTitle: "このデバイスを削除しますか？",
  confirmRemoveText: (nickname) => `「${nickname}」はログインに使えなくなります。後でもう一度追加することもできます。`,

  confirmDisableTitle: "MFA を無効にしますか？",
  confirmDisableText:
    "今後はパスワードだけでログインすることになります。デバイスは保持されるため、いつでも MFA を再び有効にできます。",
  disabling: "無効にしています…",

  deviceAdded: "デバイスを追加しました",
  deviceRenamed: "デバイスの名前を変更しました",
  defaultChanged: "既定のデバイスを変更しました",
  deviceRemoved: "デバイスを削除しました",
  mfaDisabled: "MFA を無効にしました。",

  setupUnfinished: "未完了",
  protectedBy: (count) => `ログインは ${count} 台のデバイスで保護されています。`,
  notProtected: "デバイスを追加して設定を完了してください。ログインはまだ保護されていません。",
  startWith: "デバイスを選んで始めることもできます:",
  lastUsedOn: (when) => `最終使用: ${when}`,
  usedJustNow: "たった今使用",
  neverUsed: "未使用",
  nicknameTooLong: (length, max) => `${length} 文字あります。名前は ${max} 文字以内にしてください。`,
  charactersLimit: (max) => `${max} 文字以内。`,
  charactersLeft: (left) => (left >= 0 ? `残り ${left} 文字` : `${-left} 文字超過`),
  signInAgain: "もう一度ログイン",
  confirmToContinue: "セキュリティのため、この変更を行うには本人確認をしてください。確認が済むと変更が完了します。",

  errors: {
    session_missing: "ログイン用デバイスを管理するには、ログインしてください。",
    reauthentication_required: "セキュリティのため、この変更を行うにはもう一度ログインしてください。ログインすると変更が完了します。",
    otp_invalid: (attemptsLeft) =>
      attemptsLeft === undefined
        ? "コードが正しくありません。確認して、もう一度お試しください。"
        : `コードが正しくありません。あと ${attemptsLeft} 回試せます。`,
    otp_expired: "このコードは有効期限が切れています。新しいコードをリクエストしてください。",
    too_many_attempts: "間違ったコードの入力が多すぎます。キャンセルして、最初からやり直してください。",
    rate_limited: (seconds) =>
      seconds === undefined
        ? "送信したコードが多すぎます。しばらく待ってから、もう一度お試しください。"
        : seconds < 90
          ? `送信したコードが多すぎます。${seconds} 秒後に新しいコードをリクエストできます。`
          : `送信したコードが多すぎます。${Math.ceil(seconds / 60)} 分後に新しいコードをリクエストできます。`,
    delivery_failed: "コードを送信できませんでした。番号やアドレスを確認するか、後でもう一度お試しください。",
    device_limit_reached: "登録できるデバイスの上限に達しています。新しく追加するには、いずれかを削除してください。",
    method_disabled: "この種類のデバイスはここでは追加できません。",
    last_device:
      "MFA には少なくとも 1 台のデバイスが必要です。先に別のデバイスを追加するか、MFA を無効にしてからこのデバイスを削除してください。",
    device_not_active: "既定に設定する前に、このデバイスの確認を完了してください。",
    device_already_active: "このデバイスはすでに確認済みです。",
    challenge_expired: "このパスキーのリクエストは期限切れです。もう一度お試しください。",
    passkey_invalid: "パスキーを確認できませんでした。もう一度お試しください。",
    passkey_already_registered: "このパスキーはすでに登録されています。",
    resend_not_supported: "コードが送信されるのは SMS とメールのデバイスだけです。",
    not_found: "このデバイスはもう存在しません。別の場所で削除された可能性があります。",
    validation_failed: "入力内容を確認してください。",
  },
};

export default ja;
