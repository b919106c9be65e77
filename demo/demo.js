// The demo host page: signs in through the demo identity provider, hands the token to the widget, and shows what a
// host controls — the flow, the theme, its own branding, the language — and the events the widget sends back.
const widget = document.getElementById("widget");
const signIn = document.getElementById("sign-in");
const signedIn = document.getElementById("signed-in");
const usernameInput = document.getElementById("username");
const signInError = document.getElementById("sign-in-error");
const who = document.getElementById("who");
const sessionAge = document.getElementById("session-age");
const events = document.getElementById("events");
const noEvents = document.getElementById("no-events");

document.getElementById("origin").textContent = location.origin;

let session = JSON.parse(sessionStorage.getItem("demo-session") ?? "null");

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
}

function render() {
  signIn.hidden = Boolean(session);
  signedIn.hidden = !session;
  if (session) {
    widget.setAttribute("data-session-token", session.token);
    who.textContent = `Signed in as ${session.username}`;
    updateAge();
  } else {
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
  session = null;
  sessionStorage.removeItem("demo-session");
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
}

choiceGroup("[data-choice=flow]", "demo-flow", "profile", (flow) => widget.setAttribute("data-flow", flow));
// The page follows the same theme as the widget, so dark mode can be seen the way a host would ship it.
choiceGroup("[data-choice=theme]", "demo-theme", "auto", (theme) => {
  widget.setAttribute("data-theme", theme);
  document.documentElement.dataset.theme = theme;
});
// Branding lives in the host's stylesheet (demo.css, `.brand-acme`): custom properties and ::part(), no inline style.
choiceGroup("[data-choice=brand]", "demo-brand", "default", (brand) => widget.classList.toggle("brand-acme", brand === "acme"));

const language = document.getElementById("language");
language.value = sessionStorage.getItem("demo-locale") ?? "";
function applyLanguage() {
  if (language.value) widget.setAttribute("data-locale", language.value);
  else widget.removeAttribute("data-locale");
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
