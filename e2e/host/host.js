// Builds the embed from the query string (?token=…&username=…&flow=…) and records what the widget reports;
// index.html loads the widget's script itself.
const params = new URLSearchParams(location.search);
window.widgetEvents = [];
window.cspViolations = [];
document.addEventListener("securitypolicyviolation", (e) => window.cspViolations.push(`${e.violatedDirective} ${e.blockedURI}`));
for (const type of ["profile-widget-success", "profile-widget-error"]) {
  document.addEventListener(type, (e) => window.widgetEvents.push({ type: e.type, detail: e.detail }));
}

// A few parameters set up the page rather than the widget: `page-lang` (the document's lang; empty removes it),
// `lang` (on the widget's container, the nearest lang) and `class` (the host's own styling, see brand.css).
const slot = document.getElementById("slot");
const widget = document.createElement("profile-widget");
for (const [name, value] of params) {
  if (name === "token") widget.setAttribute("data-session-token", value);
  else if (name === "page-lang") {
    if (value) document.documentElement.lang = value;
    else document.documentElement.removeAttribute("lang");
  } else if (name === "lang") slot.lang = value;
  else if (name === "class") widget.className = value;
  else widget.setAttribute(`data-${name}`, value);
}
slot.append(widget);
