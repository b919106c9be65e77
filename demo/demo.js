// The demo host page: signs in through the demo identity provider and hands the token to the widget.
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

render();
