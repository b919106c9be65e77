/** The stylesheet of the /docs reference page (served as /docs/docs.css, under a CSP without inline styles). */
export const DOCS_CSS = `:root {
  color-scheme: light dark;
  --bg: #ffffff; --fg: #1b1f24; --muted: #57606a; --line: #d0d7de; --code-bg: #f3f4f6;
  --get: #0969da; --post: #1a7f37; --patch: #9a6700; --delete: #cf222e; --put: #8250df;
  font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif;
}
@media (prefers-color-scheme: dark) {
  :root { --bg: #0d1117; --fg: #e6edf3; --muted: #9198a1; --line: #30363d; --code-bg: #161b22;
    --get: #4493f8; --post: #3fb950; --patch: #d29922; --delete: #f85149; --put: #ab7df8; }
}
* { box-sizing: border-box; }
body { margin: 0; background: var(--bg); color: var(--fg); }
header { padding: 1.5rem 2rem 0.5rem; border-bottom: 1px solid var(--line); max-width: 75rem; }
h1 { margin: 0 0 0.5rem; font-size: 1.75rem; }
h2 { margin: 2.5rem 0 0.5rem; font-size: 1.4rem; border-bottom: 1px solid var(--line); padding-bottom: 0.25rem; }
h3 { margin: 0 0 0.25rem; font-size: 1.1rem; }
h4 { margin: 1rem 0 0.25rem; font-size: 0.95rem; }
h5 { margin: 0.75rem 0 0.25rem; font-size: 0.9rem; }
a { color: var(--get); }
code, pre { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 0.875em; }
code { background: var(--code-bg); padding: 0.1em 0.3em; border-radius: 4px; overflow-wrap: anywhere; }
pre { background: var(--code-bg); padding: 0.75rem; border-radius: 6px; overflow-x: auto; margin: 0; }
pre code { padding: 0; background: none; }
.layout { display: grid; grid-template-columns: minmax(14rem, 18rem) minmax(0, 1fr); gap: 2rem; padding: 0 2rem 4rem; max-width: 90rem; }
nav { position: sticky; top: 0; align-self: start; max-height: 100vh; overflow-y: auto; padding-top: 1.5rem; font-size: 0.9rem; }
nav ul { list-style: none; margin: 0; padding: 0; }
nav > ul > li { margin-bottom: 0.75rem; font-weight: 600; }
nav li li { font-weight: normal; margin: 0.2rem 0; }
nav a { color: inherit; text-decoration: none; }
nav a:hover, nav a:focus-visible { text-decoration: underline; }
.operation, .schema { border: 1px solid var(--line); border-radius: 8px; padding: 1rem 1.25rem; margin: 1rem 0; scroll-margin-top: 1rem; }
.method { display: inline-block; min-width: 4.2em; text-align: center; font: 700 0.75rem/1.6 ui-monospace, monospace;
  border-radius: 4px; padding: 0 0.35em; color: var(--bg); background: var(--get); }
.method.post { background: var(--post); } .method.patch { background: var(--patch); }
.method.delete { background: var(--delete); } .method.put { background: var(--put); }
.path { font-size: 1rem; }
.summary { font-weight: 600; margin: 0.25rem 0; }
.auth, .muted, .note { color: var(--muted); font-size: 0.9rem; }
table { border-collapse: collapse; width: 100%; font-size: 0.9rem; margin: 0.25rem 0; }
th, td { text-align: left; vertical-align: top; border-bottom: 1px solid var(--line); padding: 0.35rem 0.5rem; }
th { font-weight: 600; color: var(--muted); }
table.fields td:first-child { white-space: nowrap; }
td.status { font: 700 0.9rem ui-monospace, monospace; width: 4rem; }
td.s2 { color: var(--post); } td.s4 { color: var(--patch); } td.s5 { color: var(--delete); }
ul.codes { margin: 0; padding-left: 1rem; }
.examples { display: grid; grid-template-columns: repeat(auto-fill, minmax(16rem, 1fr)); gap: 0.5rem; margin-top: 0.5rem; }
figure { margin: 0; } figcaption { font-size: 0.8rem; color: var(--muted); }
@media (max-width: 48rem) { .layout { grid-template-columns: 1fr; padding: 0 1rem 3rem; } nav { position: static; max-height: none; } header { padding: 1rem; } }
`;
