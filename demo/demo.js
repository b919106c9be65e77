// The demo host page: signs in through the demo identity provider, hands the token to the widget, and shows what a
// host controls — the flow, the theme, its own branding, the language — and the events the widget sends back.
// A first visit opens signed in as a sample user of its own (POST /demo/sample: a filled profile, MFA on, an
// authenticator app, an email address, recovery codes), remembered in this browser, so each visitor sees only theirs.
// "Sign in with MFA" is a host's two-step sign-in: the username (the demo's first factor), then the widget's verify
// flow, whose signed assertion the page's backend checks (POST /demo/mfa-sign-in) before the user counts as signed in.
const $ = (id) => document.getElementById(id);
// The account widget, as a host's page would have it; put in the page once it is known who is signed in.
const widget = document.createElement("profile-widget");
widget.id = "widget";
widget.setAttribute("data-flow", "profile");
widget.setAttribute("data-company-name", "Acme Travel");
widget.setAttribute("data-logo-url", "/logo.svg");
widget.setAttribute("data-logo-style", "height: 28px; margin-bottom: 4px");
// Where "Wasn't you?" in the activity screen leads: the host's own help page.
widget.setAttribute("data-help-url", "/help.html");
const signIn = $("sign-in");
const signedIn = $("signed-in");
const signedInTools = $("signed-in-tools");
const usernameInput = $("username");
const signInError = $("sign-in-error");
const sessionLoading = $("session-loading");
const sessionError = $("session-error");
const who = $("who");
const sessionAge = $("session-age");
const events = $("events");
const noEvents = $("no-events");
const mfaPending = $("mfa-pending");
const mfaPendingActions = $("mfa-pending-actions");
const mfaWho = $("mfa-who");
const mfaArea = $("mfa-area");
const mfaStep = $("mfa-step");
const mfaStatus = $("mfa-status");
const mfaOff = $("mfa-off");
const mfaOffTitle = $("mfa-off-title");
const mfaSlot = $("mfa-slot");
const flowTabs = [...document.querySelectorAll("[data-choice=flow]")];

/** How the page names the second factor an assertion's `mfa_method` says was used. */
const METHOD_WORDS = {
  sms: "a text message",
  email: "an email code",
  totp: "an authenticator app",
  passkey: "a passkey",
  recovery_code: "a recovery code",
};

/** This browser's sample user: `{username, recoveryCodes}`, kept across visits so the visitor finds theirs again. */
const SAMPLE_KEY = "demo-sample";
const SAMPLE_NAME = "Ana Souza";
let sample = JSON.parse(localStorage.getItem(SAMPLE_KEY) ?? "null");

let session = JSON.parse(sessionStorage.getItem("demo-session") ?? "null");
/** A sign-in with MFA under way: the username is accepted, a device is not verified yet. Never kept across reloads. */
let pending = null;

const nameOf = (username) => (sample && username === sample.username ? `${SAMPLE_NAME} (${username})` : username);

async function postJson(path, body) {
  const res = await fetch(path, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) });
  const answer = await res.json().catch(() => ({}));
  if (!res.ok) throw new Error(answer.error?.fields?.username ?? answer.error?.message ?? "Sign-in failed");
  return answer;
}

async function requestToken(username, authAgeSeconds) {
  return (await postJson("/demo/session", { username, authAgeSeconds })).token;
}

function keepSession(next) {
  session = next;
  sessionStorage.setItem("demo-session", JSON.stringify(session));
  sessionStorage.removeItem("demo-signed-out");
}

/** Where the story ends: who signed in, and with what. */
function focusWho() {
  who.setAttribute("tabindex", "-1");
  who.scrollIntoView({ block: "nearest" });
  who.focus({ preventScroll: true });
}

async function startSession(username, authAgeSeconds, { focus = true } = {}) {
  const token = await requestToken(username, authAgeSeconds);
  keepSession({ username, token, signedInAt: Date.now() - authAgeSeconds * 1000 });
  render();
  if (focus) focusWho();
}

/** Signs in as this browser's sample user, making one on the first visit (or again, if the demo's data was reset). */
async function startSample({ focus = true } = {}) {
  const answer = await postJson("/demo/sample", sample ? { username: sample.username } : {});
  if (answer.created || !sample || sample.username !== answer.username) {
    sample = { username: answer.username, recoveryCodes: answer.recoveryCodes ?? [] };
    localStorage.setItem(SAMPLE_KEY, JSON.stringify(sample));
  }
  keepSession({ username: answer.username, token: answer.token, signedInAt: Date.now() });
  render();
  if (focus) focusWho();
}

function render() {
  if (!widget.isConnected && sessionLoading.dataset.busy !== "true") $("widget-slot").replaceWith(widget);
  const loading = !session && !pending && sessionLoading.dataset.busy === "true";
  sessionLoading.hidden = !loading;
  signIn.hidden = Boolean(session || pending || loading);
  signedIn.hidden = !session;
  signedInTools.hidden = !session;
  mfaPending.hidden = !pending;
  mfaPendingActions.hidden = !pending;
  mfaArea.hidden = !pending;
  widget.hidden = Boolean(pending);
  for (const tab of flowTabs) tab.disabled = Boolean(pending);
  // The authenticator's code sits right above the verify widget while it asks for one, else in the session panel.
  if (pending) mfaStep.after(authenticator);
  else signedIn.after(authenticator);
  if (pending) mfaWho.textContent = `Signing in as ${nameOf(pending.username)}…`;
  if (session) {
    widget.setAttribute("data-session-token", session.token);
    const method = session.method && (METHOD_WORDS[session.method] ?? session.method);
    who.textContent = method ? `Signed in as ${nameOf(session.username)} with ${method}` : `Signed in as ${nameOf(session.username)}`;
    updateAge();
    renderRecoveryCodes();
  } else if (!pending) {
    // While a sign-in with MFA waits for its device the account widget is only hidden, so it reports nothing.
    widget.removeAttribute("data-session-token");
  }
  $("sign-in-sample").textContent = `Sign in as ${SAMPLE_NAME}, the sample user`;
  void refreshAuthenticator();
  void refreshOutbox(true);
}

function updateAge() {
  if (!session) return;
  const minutes = Math.floor((Date.now() - session.signedInAt) / 60000);
  sessionAge.textContent = minutes < 1 ? " · just now" : ` · signed in ${minutes} min ago`;
}
setInterval(updateAge, 15000);

function renderRecoveryCodes() {
  const codes = sample && session?.username === sample.username ? sample.recoveryCodes : [];
  $("recovery").hidden = codes.length === 0;
  $("recovery-codes").replaceChildren(
    ...codes.map((code) => {
      const item = document.createElement("li");
      item.textContent = code;
      return item;
    }),
  );
}

signIn.addEventListener("submit", async (event) => {
  event.preventDefault();
  signInError.hidden = true;
  const username = usernameInput.value.trim();
  if (!username) {
    showSignInError("Enter a username, or sign in as the sample user.");
    return;
  }
  const button = signIn.querySelector("button[type=submit]");
  button.disabled = true;
  try {
    await startSession(username, 0);
  } catch (err) {
    showSignInError(err.message);
  } finally {
    button.disabled = false;
  }
});

function showSignInError(message) {
  signInError.textContent = message;
  signInError.hidden = false;
  usernameInput.setAttribute("aria-invalid", "true");
  usernameInput.setAttribute("aria-describedby", "sign-in-error");
  usernameInput.focus();
}
usernameInput.addEventListener("input", () => {
  signInError.hidden = true;
  usernameInput.removeAttribute("aria-invalid");
  usernameInput.removeAttribute("aria-describedby");
});

$("sign-in-sample").addEventListener("click", async (event) => {
  const button = event.currentTarget;
  button.disabled = true;
  signInError.hidden = true;
  try {
    await startSample();
  } catch (err) {
    signInError.textContent = err.message;
    signInError.hidden = false;
  } finally {
    button.disabled = false;
  }
});

const withButton = (id, authAgeSeconds) =>
  $(id).addEventListener("click", async (event) => {
    const button = event.currentTarget;
    button.disabled = true;
    try {
      await startSession(session.username, authAgeSeconds);
    } finally {
      button.disabled = false;
    }
  });
withButton("reauth", 0);
withButton("age", 15 * 60);
withButton("expire", 2 * 60 * 60);

$("sign-out").addEventListener("click", () => {
  const username = session?.username;
  signOut();
  render();
  usernameInput.value = username && username !== sample?.username ? username : "";
  $("sign-in-sample").focus();
});

$("switch-user").addEventListener("click", () => {
  signOut();
  render();
  usernameInput.value = "";
  usernameInput.focus();
});

function signOut() {
  session = null;
  sessionStorage.removeItem("demo-session");
  // A reload keeps the visitor signed out, rather than signing the sample in again.
  sessionStorage.setItem("demo-signed-out", "true");
}

/** A nonce for this one sign-in: the assertion must echo it, so one made for another sign-in is refused. */
function newNonce() {
  if (typeof crypto.randomUUID === "function") return crypto.randomUUID();
  // crypto.randomUUID needs a secure context; the demo may be opened over plain http on another address.
  return [...crypto.getRandomValues(new Uint8Array(16))].map((b) => b.toString(16).padStart(2, "0")).join("");
}

// Sign in with MFA, step 1: the username earns a session token (the demo's first factor), but not a signed-in page.
for (const button of document.querySelectorAll("[data-mfa-sign-in]")) {
  button.addEventListener("click", async () => {
    const username = session?.username ?? usernameInput.value.trim();
    signInError.hidden = true;
    if (!username) {
      showSignInError("Enter a username, or sign in as the sample user.");
      return;
    }
    button.disabled = true;
    try {
      const token = await requestToken(username, 0);
      signOut();
      startVerify(username, token);
    } catch (err) {
      showSignInError(err.message);
    } finally {
      button.disabled = false;
    }
  });
}

// Step 2: the widget's verify flow with that token and a fresh nonce, in place of the account widget.
function startVerify(username, token) {
  const nonce = newNonce();
  const verifier = document.createElement("profile-widget");
  // The same look as the account widget: company, logo, theme, language and the host's brand class.
  for (const name of ["data-company-name", "data-logo-url", "data-logo-style", "data-theme", "data-locale"]) {
    const value = widget.getAttribute(name);
    if (value !== null) verifier.setAttribute(name, value);
  }
  verifier.className = widget.className;
  verifier.id = "mfa-widget";
  verifier.setAttribute("data-flow", "verify");
  verifier.setAttribute("data-purpose", "sign_in");
  verifier.setAttribute("data-nonce", nonce);
  verifier.setAttribute("data-session-token", token);
  const attempt = { username, token, nonce, verifier };
  pending = attempt;
  verifier.addEventListener("profile-widget-success", (event) => void verified(attempt, event));
  verifier.addEventListener("profile-widget-error", (event) => {
    if (event.detail?.code === "mfa_not_enabled") noDeviceYet(attempt);
  });
  mfaStatus.textContent = "";
  mfaStatus.classList.remove("error");
  mfaOff.hidden = true;
  mfaStep.hidden = false;
  mfaSlot.replaceChildren(verifier);
  render();
  // On a narrow screen the widget is below the session panel: bring the step (and the code above it) into view.
  mfaStep.scrollIntoView({ block: "start" });
}

// Step 3: the page's backend checks the assertion (signature, issuer, audience, expiry, this nonce) and says who it is.
async function verified(attempt, event) {
  if (attempt !== pending || event.detail?.flow !== "verify" || event.detail.action !== "verified") return;
  mfaStatus.classList.remove("error");
  mfaStatus.textContent = "Checking the assertion…";
  let body;
  let ok = false;
  try {
    const res = await fetch("/demo/mfa-sign-in", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ assertion: event.detail.assertion, nonce: attempt.nonce }),
    });
    body = await res.json();
    ok = res.ok;
  } catch {
    body = { error: { message: "The server could not be reached." } };
  }
  if (attempt !== pending) return;
  if (!ok) {
    mfaStatus.classList.add("error");
    mfaStatus.textContent = `The page's backend refused the assertion: ${body.error?.message ?? "unknown error"}`;
    return;
  }
  endVerify();
  keepSession({ username: body.username, token: attempt.token, signedInAt: Date.now(), method: body.method });
  render();
  focusWho();
}

// MFA is off for this user, or no device is verified: nothing to ask for yet, so say where devices are added.
function noDeviceYet(attempt) {
  if (attempt !== pending) return;
  attempt.verifier.remove();
  mfaOffTitle.textContent = `${attempt.username} has no device to verify yet: MFA is off for this account, or no device has been added.`;
  mfaOff.hidden = false;
  mfaStep.hidden = true;
  $("mfa-to-devices").focus();
}

function endVerify() {
  pending?.verifier.remove();
  pending = null;
  mfaOff.hidden = true;
  mfaStatus.textContent = "";
}

$("mfa-to-devices").addEventListener("click", async (event) => {
  const button = event.currentTarget;
  const { username } = pending;
  button.disabled = true;
  endVerify();
  chooseFlow("devices");
  try {
    await startSession(username, 0);
  } catch (err) {
    render();
    showSignInError(err.message);
  } finally {
    button.disabled = false;
  }
});

$("mfa-cancel").addEventListener("click", () => {
  const { username } = pending;
  endVerify();
  render();
  if (username === sample?.username) {
    $("sign-in-sample").focus();
  } else {
    usernameInput.value = username;
    usernameInput.focus();
  }
});

function logEvent(event) {
  const item = document.createElement("li");
  item.className = event.type.endsWith("success") ? "ok" : "bad";
  const head = document.createElement("div");
  const name = document.createElement("strong");
  name.textContent = event.type;
  const time = document.createElement("time");
  time.textContent = new Date().toLocaleTimeString();
  head.append(name, time);
  const detail = document.createElement("pre");
  detail.textContent = JSON.stringify(event.detail, null, 1);
  item.append(head, detail);
  events.prepend(item);
  events.hidden = false;
  noEvents.hidden = true;
  // A code was used or a device changed: the authenticator's code and the inbox may have moved on.
  void refreshAuthenticator();
}
document.addEventListener("profile-widget-success", logEvent);
document.addEventListener("profile-widget-error", logEvent);
$("clear-events").addEventListener("click", () => {
  events.replaceChildren();
  events.hidden = true;
  noEvents.hidden = false;
});

/** A group of toggle buttons (aria-pressed) whose choice is applied at once and kept for the tab's session. */
function choiceGroup(selector, key, fallback, apply) {
  const buttons = [...document.querySelectorAll(selector)];
  const choose = (value) => {
    for (const button of buttons) button.setAttribute("aria-pressed", String(button.value === value));
    sessionStorage.setItem(key, value);
    apply(value);
  };
  for (const button of buttons) button.addEventListener("click", () => choose(button.value));
  const saved = sessionStorage.getItem(key);
  choose(buttons.some((button) => button.value === saved) ? saved : fallback);
  return choose;
}

/** Both widgets: the account widget and, during a sign-in with MFA, the verify one. */
const widgets = () => new Set([widget, ...document.querySelectorAll("profile-widget")]);

// The example schema's API (docs/examples/profile-schema.json) answers under /example: the same people and devices.
choiceGroup("[data-choice=fields]", "demo-fields", "builtin", (fields) => {
  if (fields === "example") widget.setAttribute("data-api-url", `${location.origin}/example`);
  else widget.removeAttribute("data-api-url");
  $("fields-note").hidden = fields !== "example";
});
const chooseFlow = choiceGroup("[data-choice=flow]", "demo-flow", "profile", (flow) => widget.setAttribute("data-flow", flow));
// The page follows the same theme as the widget, so dark mode can be seen the way a host would ship it.
choiceGroup("[data-choice=theme]", "demo-theme", "auto", (theme) => {
  for (const w of widgets()) w.setAttribute("data-theme", theme);
  document.documentElement.dataset.theme = theme;
});
// Branding lives in the host's stylesheet (demo.css, `.brand-acme`): custom properties and ::part(), no inline style.
choiceGroup("[data-choice=brand]", "demo-brand", "default", (brand) => {
  for (const w of widgets()) w.classList.toggle("brand-acme", brand === "acme");
});

const language = $("language");
language.value = sessionStorage.getItem("demo-locale") ?? "";
function applyLanguage() {
  for (const w of widgets()) {
    if (language.value) w.setAttribute("data-locale", language.value);
    else w.removeAttribute("data-locale");
  }
  sessionStorage.setItem("demo-locale", language.value);
}
language.addEventListener("change", applyLanguage);
applyLanguage();

/** The token of whoever this page acts for: the signed-in user, or the one a sign-in with MFA is under way for. */
const currentToken = () => session?.token ?? pending?.token ?? null;

// The sample's authenticator app: the demo made its secret, so the page can show the code the app would show now.
const authenticator = $("authenticator");
const totpCode = $("totp-code");
const totpLeft = $("totp-left");
let totp = null;
let totpTimer = 0;
async function refreshAuthenticator() {
  const token = currentToken();
  if (!token) {
    totp = null;
    authenticator.hidden = true;
    return;
  }
  try {
    const res = await fetch("/demo/authenticator-codes", { headers: { Authorization: `Bearer ${token}` } });
    if (token !== currentToken()) return;
    const codes = res.ok ? (await res.json()).codes : [];
    totp = codes[0] ?? null;
  } catch {
    totp = null;
  }
  authenticator.hidden = !totp;
  if (!totp) return;
  $("authenticator-heading").textContent = `Authenticator app · ${totp.nickname}`;
  totpCode.textContent = `${totp.code.slice(0, 3)} ${totp.code.slice(3)}`;
  tickAuthenticator();
}
function tickAuthenticator() {
  clearTimeout(totpTimer);
  if (!totp || authenticator.hidden) return;
  const left = Math.max(0, Math.ceil((Date.parse(totp.changesAt) - Date.now()) / 1000));
  const when = left === 1 ? "1 second" : `${left} seconds`;
  totpLeft.textContent = `Enter it when the widget asks for a code. A new one in ${when}.`;
  if (left === 0) void refreshAuthenticator();
  else totpTimer = setTimeout(tickAuthenticator, 1000);
}

/**
 * Copies `text`; where the clipboard can't be written (no permission, an insecure origin), selects `fallback`'s
 * text instead, for the visitor to copy with the keyboard. `status` says which, politely.
 */
async function copy(text, fallback, status, done = "Copied") {
  clearTimeout(status.timer);
  try {
    await navigator.clipboard.writeText(text);
    status.textContent = done;
  } catch {
    const range = document.createRange();
    range.selectNodeContents(fallback);
    const selection = getSelection();
    selection.removeAllRanges();
    selection.addRange(range);
    status.textContent = "Selected: press Ctrl+C or ⌘C";
  }
  status.timer = setTimeout(() => (status.textContent = ""), 4000);
}
$("copy-totp").addEventListener("click", () => {
  if (totp) void copy(totp.code, totpCode, $("totp-status"), "Code copied");
});

// The demo's inbox: the messages sent to the signed-in user (by their own requests), never anyone else's.
const outbox = $("outbox");
const outboxState = $("outbox-state");
let outboxSeen = "";
async function refreshOutbox(reset = false) {
  const token = currentToken();
  if (reset) outboxSeen = "";
  if (!token) {
    outbox.replaceChildren();
    outbox.hidden = true;
    outboxState.textContent = "Sign in to see the messages sent to you.";
    return;
  }
  let messages;
  try {
    const res = await fetch("/demo/outbox", { headers: { Authorization: `Bearer ${token}` } });
    if (token !== currentToken()) return;
    if (!res.ok) throw new Error(String(res.status));
    ({ messages } = await res.json());
  } catch {
    // The server is restarting, or the session ran out; the next poll will catch up.
    if (!outboxSeen) outboxState.textContent = "The inbox can't be read right now; trying again.";
    return;
  }
  const key = `${token.slice(-12)}:${messages.map((m) => m.id).join(",")}`;
  if (key === outboxSeen) return;
  const arrived = outboxSeen !== "" && messages.length > 0;
  outboxSeen = key;
  outbox.replaceChildren(
    ...messages.slice(0, 20).map((m) => {
      const item = document.createElement("li");
      const head = document.createElement("div");
      const to = document.createElement("strong");
      to.textContent = `${m.channel === "sms" ? "SMS" : "Email"} to ${m.to}`;
      const time = document.createElement("time");
      time.dateTime = m.createdAt;
      time.textContent = new Date(m.createdAt).toLocaleTimeString();
      head.append(to, time);
      item.append(head);
      const code = /\b(\d{6})\b/.exec(m.text)?.[1];
      if (code) {
        const shown = document.createElement("span");
        shown.className = "code";
        shown.textContent = code;
        item.append(shown);
      }
      const text = document.createElement("pre");
      text.textContent = m.text;
      item.append(text);
      return item;
    }),
  );
  outbox.hidden = messages.length === 0;
  outboxState.textContent =
    messages.length === 0
      ? "No messages yet: codes and security notices sent to this user's email or phone appear here."
      : arrived
        ? `New: ${messages[0].channel === "sms" ? "a text message" : "an email"} to ${messages[0].to}.`
        : "";
}
setInterval(() => void refreshOutbox(), 2000);

// The embed code of the widget as the page shows it now: its attributes as set, the session token left out.
const SNIPPET_ATTRIBUTES = ["data-flow", "data-api-url", "data-company-name", "data-logo-url", "data-logo-style", "data-help-url", "data-theme", "data-locale"];
const escapeAttribute = (value) => value.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;");
function snippetText() {
  const attributes = ['data-session-token="SESSION_TOKEN"'];
  for (const name of SNIPPET_ATTRIBUTES) {
    const value = widget.getAttribute(name);
    if (value !== null) attributes.push(`${name}="${escapeAttribute(value)}"`);
  }
  if (widget.classList.contains("brand-acme")) attributes.push('class="brand-acme"');
  return [
    `<script type="module" src="${location.origin}/widget/profile-widget.js"></script>`,
    "<profile-widget",
    ...attributes.map((attribute) => `  ${attribute}`),
    "></profile-widget>",
  ].join("\n");
}
const snippetCode = $("snippet-code");
const renderSnippet = () => (snippetCode.textContent = snippetText());
new MutationObserver(renderSnippet).observe(widget, { attributes: true, attributeFilter: [...SNIPPET_ATTRIBUTES, "class"] });
renderSnippet();
$("copy-snippet").addEventListener("click", () => void copy(snippetText(), snippetCode, $("snippet-status")));

// Wide screens show the session tools open; narrow ones keep the session panel short above the widget.
$("session-tools").open = matchMedia("(min-width: 1081px)").matches;

// The first visit: signed in as a sample user of its own at once (unless this tab signed out).
if (!session && sessionStorage.getItem("demo-signed-out") !== "true") {
  sessionLoading.dataset.busy = "true";
  render();
  startSample({ focus: false })
    .catch((err) => {
      sessionError.textContent = `The sample user could not be set up: ${err.message}`;
      sessionError.hidden = false;
    })
    .finally(() => {
      sessionLoading.dataset.busy = "false";
      render();
    });
} else if (session && session.username === sample?.username) {
  // The sample again: made anew first if the demo's data was reset since (else its profile would open empty).
  sessionLoading.dataset.busy = "true";
  sessionLoading.textContent = `Signing in as ${SAMPLE_NAME}…`;
  const kept = session;
  session = null;
  render();
  postJson("/demo/sample", { username: kept.username })
    .then((answer) => {
      if (answer.created) {
        sample = { username: answer.username, recoveryCodes: answer.recoveryCodes ?? [] };
        localStorage.setItem(SAMPLE_KEY, JSON.stringify(sample));
        keepSession({ username: answer.username, token: answer.token, signedInAt: Date.now() });
      } else {
        session = kept;
      }
    })
    .catch(() => (session = kept))
    .finally(() => {
      sessionLoading.dataset.busy = "false";
      render();
    });
} else {
  render();
}
