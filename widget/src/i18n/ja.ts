import profile from "./profile/ja.js";
import type { Translation } from "./en.js";

const ja: Translation = {
  lang: "ja",
  dir: "ltr",

  profileHeading: "プロフィール",
  profileSubtitle: "個人情報を管理します",
  signedInAs: (username) => `${username} としてログイン中`,
  loading: "プロフィールを読み込んでいます…",

  nameSection: "氏名",
  contactSection: "連絡先",
  addressSection: "住所",
  givenName: "名",
  familyName: "姓",
  email: "メールアドレス",
  phone: "電話番号",
  phoneHint: "国際形式（例: +819012345678）",
  protectedNote: "メールアドレスや電話番号を変更するには、最近ログインしている必要があります。",
  protectedNoteAny: "これらの情報を変更するには、最近ログインしている必要があります。",
  streetAddress: "番地・建物名",
  locality: "市区町村",
  region: "都道府県・州",
  postalCode: "郵便番号",
  countryCode: "国",
  selectCountry: "国を選択してください",
  detailsSection: "その他の情報",
  selectOption: "選択してください",
  requiredNote: "必須",
  yes: "はい",
  no: "いいえ",
  notSet: "未設定",

  save: "保存",
  saving: "保存しています…",
  discard: "変更を破棄",
  tryAgain: "再試行",
  confirmIdentity: "本人確認する",
  signInAgain: "もう一度サインイン",
  reauthConfirm: "安全のため、メールアドレスまたは電話番号を変更するには本人確認が必要です。変更内容は保持されています。",
  saved: "プロフィールを保存しました。",
  changesKept: "変更内容は保持されています。",

  invalidEmail: "有効なメールアドレスを入力してください（例: name@example.com）。",
  invalidPhone: "番号は + と国番号から入力してください。",
  invalidField: {
    givenName: "100 文字以内で、1 行で入力してください。",
    familyName: "100 文字以内で、1 行で入力してください。",
    email: "有効なメールアドレスを入力してください（例: name@example.com）。",
    phone: "+、国番号、番号の順に国際形式で入力してください（例: +819012345678）。",
    "address.streetAddress": "200 文字以内で、1 行で入力してください。",
    "address.locality": "100 文字以内で、1 行で入力してください。",
    "address.region": "100 文字以内で、1 行で入力してください。",
    "address.postalCode": "有効な郵便番号を入力してください（英数字、スペース、ハイフンのみ）。",
    "address.countryCode": "リストから国を選択してください。",
  },

  profile,


  notSignedInTitle: "ログインしていません",
  signedOutTitle: "ログアウトされました",
  wrongAccountTitle: "アカウントが違います",
  loadErrorTitle: "プロフィールを読み込めませんでした",

  devicesHeading: "多要素認証",
  devicesSubtitle: "アカウントを守るための追加の確認ステップ",
  loadingDevices: "デバイスを読み込んでいます…",
  loadingActivity: "アクティビティを読み込んでいます…",
  devicesLoadErrorTitle: "デバイスを読み込めませんでした",

  errors: {
    session_missing: "プロフィールを表示・編集するには、ログインしてください。",
    session_invalid: "ログイン状態を確認できませんでした。続けるには、もう一度ログインしてください。",
    session_expired: "セッションの有効期限が切れました。続けるには、もう一度ログインしてください。",
    username_mismatch:
      "このページで想定されているものとは別のアカウントでログインしています。正しいアカウントでログインし直してください。",
    reauthentication_required:
      "セキュリティのため、メールアドレスや電話番号を変更するにはもう一度ログインしてください。変更内容は保持されています。",
    version_conflict:
      "プロフィールが別の場所で変更されました。最新の内容を読み込み、編集内容はそのまま残しています。確認してから、もう一度保存してください。",
    validation_failed: "入力内容を確認してください。",
    precondition_required: "プロフィールを保存できませんでした。ページを再読み込みしてから、もう一度お試しください。",
    network_error: "サーバーに接続できません。接続を確認して、もう一度お試しください。",
    rate_limited: "試行回数が多すぎます。しばらく待ってから、もう一度お試しください。",
    service_unavailable: "サービスが一時的に利用できません。しばらくしてから、もう一度お試しください。",
    internal_error: "システムで問題が発生しました。しばらくしてから、もう一度お試しください。",
    unknown: "問題が発生しました。しばらくしてから、もう一度お試しください。",
  },
};

export default ja;
