import { css } from "lit";

/**
 * Every colour is `light-dark(light, dark)`: the element's `color-scheme` picks one — the system's setting by
 * default, or what `data-theme="light|dark"` says. A host's `--pw-*` value wins in both (it may use light-dark too).
 */
export const styles = css`
  :host {
    /* Nothing inherits in from the host page; every inner element is styled from .card down. */
    all: initial;
    display: block;
    color-scheme: light dark;
    --_primary: var(--pw-color-primary, light-dark(#4f46e5, #8b93ff));
    --_on-primary: var(--pw-color-on-primary, light-dark(#fff, #0c111d));
    --_text: var(--pw-color-text, light-dark(#101828, #f5f5f6));
    --_muted: var(--pw-color-muted, light-dark(#667085, #a3a7b0));
    --_border: var(--pw-color-border, light-dark(#d0d5dd, #555c6b));
    --_danger: var(--pw-color-danger, light-dark(#c92a1e, #f97066));
    --_on-danger: var(--pw-color-on-danger, light-dark(#fff, #0c111d));
    --_success: var(--pw-color-success, light-dark(#067647, #47cd89));
    --_warning: var(--pw-color-warning, light-dark(#b54708, #fdb022));
    --_surface: var(--pw-color-surface, light-dark(#fff, #161b26));
    --_focus: var(--pw-color-focus, var(--_primary));
    --_shadow: var(
      --pw-card-shadow,
      0 1px 2px rgb(16 24 40 / 4%),
      0 12px 32px -12px light-dark(rgb(16 24 40 / 12%), rgb(0 0 0 / 50%))
    );
    --_font: var(
      --pw-font-family,
      system-ui,
      -apple-system,
      "Segoe UI",
      Roboto,
      "Helvetica Neue",
      "Noto Sans",
      Arial,
      sans-serif
    );
    --_radius: var(--pw-radius, 8px);
    --_card-radius: var(--pw-card-radius, calc(var(--_radius) * 1.5));
    --_space: var(--pw-spacing, 16px);
    --_line: color-mix(in srgb, var(--_border) 60%, var(--_surface));
    --_tint: color-mix(in srgb, var(--_text) 3%, var(--_surface));
  }
  :host([hidden]) {
    display: none;
  }
  :host([data-theme="light"]) {
    color-scheme: light;
  }
  :host([data-theme="dark"]) {
    color-scheme: dark;
  }
  *,
  *::before,
  *::after {
    box-sizing: border-box;
  }

  .card {
    font: 400 15px/1.5 var(--_font);
    color: var(--_text);
    text-align: start;
    letter-spacing: normal;
    background: var(--_surface);
    border: 1px solid var(--_line);
    border-radius: var(--_card-radius);
    box-shadow: var(--_shadow);
    padding: calc(var(--_space) * 1.75) calc(var(--_space) * 2);
    -webkit-font-smoothing: antialiased;
    overflow-wrap: anywhere;
  }
  @media (max-width: 480px) {
    .card {
      padding: calc(var(--_space) * 1.25) var(--_space);
    }
  }
  p,
  h2,
  h3 {
    margin: 0;
  }
  .sr-only {
    position: absolute;
    width: 1px;
    height: 1px;
    overflow: hidden;
    clip-path: inset(50%);
    white-space: nowrap;
  }

  /* Header */
  .header {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: calc(var(--_space) * 0.5) var(--_space);
    padding-bottom: calc(var(--_space) * 1.5);
  }
  .brand {
    flex-basis: 100%;
    display: flex;
    align-items: center;
    margin-bottom: calc(var(--_space) * 0.5);
  }
  .logo {
    display: block;
    max-width: 180px;
    max-height: 36px;
  }
  .company {
    font-weight: 600;
    font-size: 15px;
    letter-spacing: -0.01em;
  }
  /* The titles keep their line; the signed-in user follows on it while there is room, else on the next, in one
     line either way (a long name ends in an ellipsis, its whole in the title). */
  .titles {
    flex: 1 0 auto;
    max-width: 100%;
  }
  .heading {
    font-size: 20px;
    line-height: 28px;
    font-weight: 600;
    letter-spacing: -0.01em;
  }
  .subtitle {
    margin-top: 2px;
    color: var(--_muted);
    font-size: 14px;
  }
  .who {
    min-width: min(100%, 12em);
    max-width: 100%;
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
    font-size: 13px;
    color: var(--_muted);
    background: var(--_tint);
    border: 1px solid var(--_line);
    border-radius: 999px;
    padding: 3px 12px;
  }

  /* Form layout: section title beside its fields when there is room */
  .body {
    container: pw / inline-size;
  }
  .section {
    display: grid;
    gap: 12px calc(var(--_space) * 2);
    padding: calc(var(--_space) * 1.5) 0;
    border-top: 1px solid var(--_line);
  }
  .section-title {
    font-size: 15px;
    font-weight: 600;
    line-height: 24px;
  }
  .section-note {
    margin-top: 4px;
    font-size: 13px;
    color: var(--_muted);
    max-width: 36ch;
  }
  .fields {
    display: grid;
    grid-template-columns: minmax(0, 1fr);
    gap: var(--_space);
  }
  @container pw (min-width: 480px) {
    .fields {
      grid-template-columns: repeat(2, minmax(0, 1fr));
    }
    .wide {
      grid-column: 1 / -1;
    }
  }
  @container pw (min-width: 680px) {
    .section {
      grid-template-columns: minmax(160px, 1fr) 2.6fr;
    }
  }

  /* Fields */
  label {
    display: block;
    font-size: 14px;
    font-weight: 500;
    line-height: 20px;
    margin-bottom: 6px;
  }
  input,
  select,
  button {
    font: inherit;
    color: inherit;
    margin: 0;
  }
  input,
  select {
    display: block;
    width: 100%;
    min-height: 42px;
    padding: 8px 12px;
    font-size: 15px;
    color: var(--_text);
    background: var(--_surface);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    box-shadow: 0 1px 2px rgb(16 24 40 / 5%);
    outline: none;
    appearance: none;
    transition:
      border-color 0.15s,
      box-shadow 0.15s;
  }
  input:hover,
  select:hover {
    border-color: color-mix(in srgb, var(--_border) 60%, var(--_text));
  }
  /* The same 2 px ring as the buttons' (WCAG 2.2 focus appearance), just outside the border. */
  input:focus,
  select:focus {
    border-color: var(--_focus);
    outline: 2px solid var(--_focus);
    outline-offset: 1px;
  }
  [aria-invalid="true"],
  [aria-invalid="true"]:hover,
  [aria-invalid="true"]:focus {
    border-color: var(--_danger);
  }
  .attention,
  .attention:hover {
    border-color: var(--_warning);
  }
  .attention-note {
    margin-top: 8px;
  }
  /* Inputs take their direction from what is typed (dir=auto: "12 Main St" stays in order in an Arabic form;
     numbers and addresses are dir=ltr), yet line up with the rest of a right-to-left form. */
  [dir="rtl"] input {
    text-align: right;
  }
  @media (pointer: coarse) {
    input,
    select {
      font-size: 16px;
    }
  }
  .select {
    position: relative;
  }
  .select::after {
    content: "";
    position: absolute;
    top: 50%;
    inset-inline-end: 15px;
    width: 7px;
    height: 7px;
    border: solid var(--_muted);
    border-width: 0 1.5px 1.5px 0;
    transform: translateY(-70%) rotate(45deg);
    pointer-events: none;
  }
  select {
    padding-inline-end: 38px;
    text-overflow: ellipsis;
    cursor: pointer;
  }
  .hint,
  .error {
    margin-top: 6px;
    font-size: 13px;
    line-height: 18px;
    color: var(--_muted);
  }
  .error {
    color: var(--_danger);
  }

  /* Footer: status beside the button, so a message does not push the form around */
  .footer {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 12px var(--_space);
    padding-top: calc(var(--_space) * 1.25);
    border-top: 1px solid var(--_line);
  }
  .status {
    flex: 1 1 260px;
    min-height: 42px;
    display: flex;
    align-items: center;
  }
  .actions {
    display: flex;
    gap: 8px;
    margin-inline-start: auto;
  }
  @container pw (max-width: 479px) {
    .status:empty {
      min-height: 0;
    }
    .actions {
      flex: 1 1 100%;
      flex-direction: column-reverse;
    }
  }
  .notice {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 4px 12px;
    width: 100%;
    font-size: 14px;
    line-height: 20px;
    padding: 10px 12px;
    border-radius: var(--_radius);
    color: var(--_c);
    background: color-mix(in srgb, var(--_c) 8%, var(--_surface));
    border: 1px solid color-mix(in srgb, var(--_c) 22%, var(--_surface));
  }
  .success {
    --_c: var(--_success);
  }
  .success::before {
    content: "";
    width: 10px;
    height: 6px;
    margin: -3px 2px 0;
    border: solid currentColor;
    border-width: 0 0 2px 2px;
    transform: rotate(-45deg);
  }
  .warning {
    --_c: var(--_warning);
  }
  .error.notice {
    --_c: var(--_danger);
    margin: 0;
  }
  .notice span {
    flex: 1 1 0;
    min-width: min(100%, 180px);
  }

  /* Buttons */
  button {
    display: inline-flex;
    align-items: center;
    justify-content: center;
    gap: 8px;
    min-height: 42px;
    padding: 0 18px;
    font-size: 14px;
    font-weight: 600;
    line-height: 20px;
    border: 1px solid transparent;
    border-radius: var(--_radius);
    background: none;
    cursor: pointer;
    transition:
      background-color 0.15s,
      opacity 0.15s;
  }
  button:focus-visible {
    outline: 2px solid var(--_focus);
    outline-offset: 2px;
  }
  .primary {
    color: var(--_on-primary);
    background: var(--_primary);
    box-shadow: 0 1px 2px rgb(16 24 40 / 10%);
  }
  .primary:hover:not(:disabled, [aria-disabled="true"]) {
    background: color-mix(in srgb, var(--_primary) 86%, var(--_text));
  }
  .primary:disabled,
  .primary[aria-disabled="true"] {
    cursor: not-allowed;
    opacity: 0.45;
  }
  .primary.busy {
    opacity: 0.85;
    cursor: progress;
  }
  .secondary {
    color: var(--_text);
    background: var(--_surface);
    border-color: var(--_border);
    box-shadow: 0 1px 2px rgb(16 24 40 / 5%);
  }
  .secondary:hover {
    background: var(--_tint);
  }
  .link {
    min-height: 40px;
    padding: 0 8px;
    margin: -10px -8px;
    color: inherit;
    text-decoration: underline;
    text-underline-offset: 3px;
  }
  .spinner {
    width: 14px;
    height: 14px;
    border: 2px solid currentColor;
    border-right-color: transparent;
    border-radius: 50%;
    animation: spin 0.7s linear infinite;
  }
  @keyframes spin {
    to {
      transform: rotate(1turn);
    }
  }

  /* Whole-card states: loading, signed out, errors */
  .state {
    display: grid;
    justify-items: center;
    gap: 6px;
    text-align: center;
    padding: calc(var(--_space) * 2.5) var(--_space);
    border-radius: var(--_radius);
    background: var(--_tint);
    border: 1px solid var(--_line);
  }
  .state-title {
    font-size: 16px;
    font-weight: 600;
  }
  .state-text {
    color: var(--_muted);
    font-size: 14px;
    max-width: 44ch;
  }
  .state button {
    margin-top: 10px;
  }
  .bone {
    display: block;
    height: 12px;
    border-radius: 6px;
    background: linear-gradient(
        90deg,
        transparent 30%,
        color-mix(in srgb, var(--_surface) 60%, transparent) 50%,
        transparent 70%
      )
      0 0 / 300% 100%,
      color-mix(in srgb, var(--_text) 7%, var(--_surface));
    animation: shimmer 1.6s ease-in-out infinite;
  }
  .skeleton.rows {
    display: grid;
    gap: 12px;
  }
  .bone.title {
    width: 96px;
    height: 14px;
    margin-top: 5px;
  }
  .bone.label {
    width: 40%;
    margin: 4px 0 10px;
  }
  .bone.control {
    height: 42px;
    border-radius: var(--_radius);
  }
  @keyframes shimmer {
    from {
      background-position: 100% 0;
    }
    to {
      background-position: 0 0;
    }
  }
  @media (prefers-reduced-motion: reduce) {
    .bone,
    .spinner {
      animation: none;
    }
    * {
      transition: none !important;
    }
  }
`;
