import { html, svg, type SVGTemplateResult } from "lit";

/** 24×24 stroke icons, drawn with `currentColor` (see `.icon` in screen.styles.ts). */
const ICONS = {
  sms: svg`<rect x="6.5" y="2.5" width="11" height="19" rx="2.5" /><path d="M10.75 18.25h2.5" />`,
  email: svg`<rect x="3" y="5.5" width="18" height="13" rx="2.5" /><path d="m3.75 7.5 8.25 6 8.25-6" />`,
  totp: svg`<rect x="3.5" y="3.5" width="17" height="17" rx="4.5" /><circle cx="12" cy="12" r="5" /><path d="M12 9.5V12l1.75 1" />`,
  passkey: svg`<circle cx="8" cy="15.5" r="4" /><path d="m11 12.5 8.5-8.5M16.5 7l2.5 2.5M14.25 9.25l2 2" />`,
  shield: svg`<path d="M12 3 4.5 6v5.5c0 4.6 3.2 8.3 7.5 9.5 4.3-1.2 7.5-4.9 7.5-9.5V6z" /><path d="m8.75 12 2.25 2.25 4.25-4.5" />`,
  chevron: svg`<path d="m9.5 6 6 6-6 6" />`,
  back: svg`<path d="m14.5 6-6 6 6 6" />`,
  plus: svg`<path d="M12 5.5v13M5.5 12h13" />`,
  key: svg`<circle cx="7.5" cy="12" r="3.5" /><path d="M11 12h9.5M17.5 12v3M20.5 12v2" />`,
  alert: svg`<path d="M12 3.5 2.75 19.5h18.5z" /><path d="M12 10v4M12 17h.01" />`,
  check: svg`<path d="m5 12.5 4.5 4.5L19 7.5" />`,
  clock: svg`<circle cx="12" cy="12" r="8.5" /><path d="M12 7.5V12l3 2" />`,
  download: svg`<path d="M12 4v11M7.5 10.5 12 15l4.5-4.5M5 19.5h14" />`,
  user: svg`<circle cx="12" cy="8.5" r="3.75" /><path d="M4.75 19.5c.9-3.4 3.8-5.5 7.25-5.5s6.35 2.1 7.25 5.5" />`,
  copy: svg`<rect x="8.5" y="8.5" width="12" height="12" rx="2.5" /><path d="M15.5 8.5v-2a3 3 0 0 0-3-3h-6a3 3 0 0 0-3 3v6a3 3 0 0 0 3 3h2" />`,
} satisfies Record<string, SVGTemplateResult>;

export type IconName = keyof typeof ICONS;

/** A decorative icon: hidden from assistive technology, since the text beside it says the same. Arrows mirror in RTL. */
export const icon = (name: IconName) =>
  html`<svg class="icon ${name === "chevron" || name === "back" ? "flip" : ""}" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
    ${ICONS[name]}
  </svg>`;
