// Builds the embed from the query string (?token=…&username=…&flow=…) and records what the widget reports;
// index.html loads the widget's script itself.
const params = new URLSearchParams(location.search);
window.widgetEvents = [];
window.cspViolations = [];
document.addEventListener("securitypolicyviolation", (e) => window.cspViolations.push(`${e.violatedDirective} ${e.blockedURI}`));
for (const type of ["profile-widget-success", "profile-widget-error"]) {
  document.addEventListener(type, (e) => window.widgetEvents.push({ type: e.type, detail: e.detail }));
}

const widget = document.createElement("profile-widget");
for (const [name, value] of params) {
  if (name === "token") widget.setAttribute("data-session-token", value);
  else widget.setAttribute(`data-${name}`, value);
}
document.getElementById("slot").append(widget);
