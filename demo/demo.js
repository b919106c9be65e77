// The demo host page: signs in through the demo identity provider, hands the token to the widget, and shows what a
// host controls — the flow, the theme, its own branding, the language — and the events the widget sends back.
// "Sign in with MFA" is a host's two-step sign-in: the username (the demo's first factor), then the widget's verify
// flow, whose signed assertion the page's backend checks (POST /demo/mfa-sign-in) before the user counts as signed in.
const widget = document.getElementById("widget");
const signIn = document.getElementById("sign-in");
const signedIn = document.getElementById("signed-in");
const usernameInput = document.getElementById("username");
const signInError = document.getElementById("sign-in-error");
const who = document.getElementById("who");
const sessionAge = document.getElementById("session-age");
const events = document.getElementById("events");
const noEvents = document.getElementById("no-events");
const mfaPending = document.getElementById("mfa-pending");
const mfaWho = document.getElementById("mfa-who");
const mfaArea = document.getElementById("mfa-area");
const mfaStep = document.getElementById("mfa-step");
const mfaStatus = document.getElementById("mfa-status");
const mfaOff = document.getElementById("mfa-off");
const mfaOffTitle = document.getElementById("mfa-off-title");
const mfaSlot = document.getElementById("mfa-slot");
const flowTabs = [...document.querySelectorAll("[data-choice=flow]")];

/** How the page names the second factor an assertion's `mfa_method` says was used. */
const METHOD_WORDS = {
  sms: "a text message",
  email: "an email code",
  totp: "an authenticator app",
  passkey: "a passkey",
  recovery_code: "a recovery code",
};

document.getElementById("origin").textContent = location.origin;

let session = JSON.parse(sessionStorage.getItem("demo-session") ?? "null");
/** A sign-in with MFA under way: the username is accepted, a device is not verified yet. Never kept across reloads. */
let pending = null;

async function requestToken(username, authAgeSeconds) {
  const res = await fetch("/demo/session", {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ username, authAgeSeconds }),
  });
  const body = await res.json();
  if (!res.ok) throw new Error(body.error?.fields?.username ?? body.error?.message ?? "Sign-in failed");
  return body.token;
}

async function startSession(username, authAgeSeconds) {
  const token = await requestToken(username, authAgeSeconds);
  session = { username, token, signedInAt: Date.now() - authAgeSeconds * 1000 };
  sessionStorage.setItem("demo-session", JSON.stringify(session));
  render();
  // Where the story ends: who signed in, and with what.
  who.setAttribute("tabindex", "-1");
  who.scrollIntoView({ block: "center" });
  who.focus();
}

function render() {
  signIn.hidden = Boolean(session || pending);
  signedIn.hidden = !session;
  mfaPending.hidden = !pending;
  mfaArea.hidden = !pending;
  widget.hidden = Boolean(pending);
  for (const tab of flowTabs) tab.disabled = Boolean(pending);
  if (pending) mfaWho.textContent = `Signing in as ${pending.username}…`;
  if (session) {
    widget.setAttribute("data-session-token", session.token);
    const method = session.method && (METHOD_WORDS[session.method] ?? session.method);
    who.textContent = method ? `Signed in as ${session.username} with ${method}` : `Signed in as ${session.username}`;
    updateAge();
  } else if (!pending) {
    // While a sign-in with MFA waits for its device the account widget is only hidden, so it reports nothing.
    widget.removeAttribute("data-session-token");
  }
}

function updateAge() {
  if (!session) return;
  const minutes = Math.floor((Date.now() - session.signedInAt) / 60000);
  sessionAge.textContent = minutes < 1 ? " · just now" : ` · signed in ${minutes} min ago`;
}
setInterval(updateAge, 15000);

signIn.addEventListener("submit", async (event) => {
  event.preventDefault();
  signInError.hidden = true;
  const button = signIn.querySelector("button");
  button.disabled = true;
  try {
    await startSession(usernameInput.value.trim(), 0);
  } catch (err) {
    signInError.textContent = err.message;
    signInError.hidden = false;
  } finally {
    button.disabled = false;
  }
});

const withButton = (id, authAgeSeconds) =>
  document.getElementById(id).addEventListener("click", async (event) => {
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

document.getElementById("sign-out").addEventListener("click", () => {
  signOut();
  render();
  usernameInput.focus();
});

function signOut() {
  session = null;
  sessionStorage.removeItem("demo-session");
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
    button.disabled = true;
    try {
      const token = await requestToken(username, 0);
      signOut();
      startVerify(username, token);
    } catch (err) {
      signInError.textContent = err.message;
      signInError.hidden = false;
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
  // On a narrow screen the widget is below the session panel: bring it into view.
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
  session = { username: body.username, token: attempt.token, signedInAt: Date.now(), method: body.method };
  sessionStorage.setItem("demo-session", JSON.stringify(session));
  render();
  // Where the story ends: who signed in, and with what.
  who.setAttribute("tabindex", "-1");
  who.scrollIntoView({ block: "center" });
  who.focus();
}

// MFA is off for this user, or no device is verified: nothing to ask for yet, so say where devices are added.
function noDeviceYet(attempt) {
  if (attempt !== pending) return;
  attempt.verifier.remove();
  mfaOffTitle.textContent = `${attempt.username} has no device to verify yet: MFA is off for this account, or no device has been added.`;
  mfaOff.hidden = false;
  mfaStep.hidden = true;
  document.getElementById("mfa-to-devices").focus();
}

function endVerify() {
  pending?.verifier.remove();
  pending = null;
  mfaOff.hidden = true;
  mfaStatus.textContent = "";
}

document.getElementById("mfa-to-devices").addEventListener("click", async (event) => {
  const button = event.currentTarget;
  const { username } = pending;
  button.disabled = true;
  endVerify();
  chooseFlow("devices");
  try {
    await startSession(username, 0);
  } catch (err) {
    render();
    signInError.textContent = err.message;
    signInError.hidden = false;
  } finally {
    button.disabled = false;
  }
});

document.getElementById("mfa-cancel").addEventListener("click", () => {
  usernameInput.value = pending.username;
  endVerify();
  render();
  usernameInput.focus();
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
  noEvents.hidden = true;
}
document.addEventListener("profile-widget-success", logEvent);
document.addEventListener("profile-widget-error", logEvent);
document.getElementById("clear-events").addEventListener("click", () => {
  events.replaceChildren();
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
const widgets = () => document.querySelectorAll("profile-widget");

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

const language = document.getElementById("language");
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

// The demo's outbox: where codes go when no SMTP server or SMS gateway is configured.
const outbox = document.getElementById("outbox");
const noOutbox = document.getElementById("no-outbox");
let outboxSeen = "";
async function refreshOutbox() {
  try {
    const res = await fetch("/demo/outbox");
    if (!res.ok) return;
    const { messages } = await res.json();
    const key = messages.map((m) => m.id).join(",");
    if (key === outboxSeen) return;
    outboxSeen = key;
    outbox.replaceChildren(
      ...messages.slice(0, 8).map((m) => {
        const item = document.createElement("li");
        const head = document.createElement("div");
        const to = document.createElement("strong");
        to.textContent = `${m.channel === "sms" ? "SMS" : "Email"} to ${m.to}`;
        const time = document.createElement("time");
        time.textContent = new Date(m.createdAt).toLocaleTimeString();
        head.append(to, time);
        const text = document.createElement("pre");
        text.textContent = m.text;
        item.append(head, text);
        return item;
      }),
    );
    noOutbox.hidden = messages.length > 0;
  } catch {
    // The server is restarting; the next poll will catch up.
  }
}
setInterval(refreshOutbox, 2000);
void refreshOutbox();

render();
