import { css } from "lit";
import { codeStyles } from "./methods/code.styles.js";
import { totpStyles } from "./methods/totp.styles.js";
import { recoveryStyles } from "./recovery.styles.js";

/** The lifecycle's screens: list, choice of a type, one device (their frame: screens/screen.styles.ts). */
const lifecycleStyles = css`
  .screen > .footer {
    margin-top: calc(var(--_space) * 0.25);
  }
  form > .footer {
    margin-top: calc(var(--_space) * 1.25);
  }
  /* Badges, and the tiles' variants */
  .tile.hero {
    width: 48px;
    height: 48px;
  }
  .tile.hero .icon {
    width: 26px;
    height: 26px;
  }
  .tile.done {
    color: var(--_success);
    background: color-mix(in srgb, var(--_success) 9%, var(--_surface));
    border-color: color-mix(in srgb, var(--_success) 18%, var(--_surface));
  }
  .pill {
    --_c: var(--_muted);
    display: inline-flex;
    align-items: center;
    flex: none;
    font-size: 12px;
    font-weight: 600;
    line-height: 18px;
    padding: 1px 8px;
    border-radius: 999px;
    white-space: nowrap;
    color: var(--_c);
    background: color-mix(in srgb, var(--_c) 9%, var(--_surface));
    border: 1px solid color-mix(in srgb, var(--_c) 20%, var(--_surface));
  }
  .pill.default {
    --_c: var(--_primary);
  }
  .pill.pending {
    --_c: var(--_warning);
  }
  .pill.on {
    --_c: var(--_success);
  }
  .chips {
    display: flex;
    flex-wrap: wrap;
    gap: 8px;
    margin: 0;
    padding: 0;
    list-style: none;
  }
  .start-with-label {
    margin-bottom: 8px;
    font-size: 13.5px;
    color: var(--_muted);
  }
  /* A kind of device on "Protect your account with MFA": turns MFA on and starts adding one. */
  .chip {
    gap: 6px;
    min-height: 36px;
    font-size: 13.5px;
    font-weight: 500;
    padding: 0 14px 0 10px;
    border-radius: 999px;
    color: var(--_text);
    background: var(--_surface);
    border: 1px solid var(--_border);
  }
  .chip:hover:not(:disabled, [aria-disabled="true"]) {
    color: var(--_primary);
    border-color: color-mix(in srgb, var(--_primary) 45%, var(--_surface));
    background: color-mix(in srgb, var(--_primary) 5%, var(--_surface));
  }
  .chip .icon {
    width: 16px;
    height: 16px;
    color: var(--_primary);
  }
  .chip .spinner {
    width: 12px;
    height: 12px;
  }

  /* Whether sign-ins are protected */
  .protection {
    --_c: var(--_success);
    display: flex;
    align-items: center;
    gap: 10px;
    font-size: 14px;
    line-height: 20px;
    font-weight: 500;
    color: var(--_text);
  }
  .protection .icon {
    color: var(--_c);
  }
  .protection.pending {
    --_c: var(--_warning);
    padding: 10px 12px;
    border-radius: var(--_radius);
    color: var(--_c);
    background: color-mix(in srgb, var(--_c) 8%, var(--_surface));
    border: 1px solid color-mix(in srgb, var(--_c) 22%, var(--_surface));
  }

  /* Device list and the choice of a type */
  .devices {
    margin: 0;
    padding: 0;
    list-style: none;
    border: 1px solid var(--_line);
    border-radius: var(--_radius);
    overflow: hidden;
  }
  .devices li + li {
    border-top: 1px solid var(--_line);
  }
  .device,
  .option {
    display: flex;
    width: 100%;
    gap: 12px;
    min-height: 64px;
    padding: 12px 14px;
    justify-content: flex-start;
    text-align: start;
    font-weight: 400;
    border-radius: 0;
  }
  .device:hover:not([aria-disabled="true"]),
  .option:hover:not(:disabled, [aria-disabled="true"]) {
    background: var(--_tint);
  }
  .device:focus-visible,
  .option:focus-visible {
    outline-offset: -2px;
  }
  .option:disabled {
    cursor: not-allowed;
    opacity: 0.55;
  }
  .device-main {
    display: grid;
    flex: 1;
    min-width: 0;
  }
  .device-title {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 2px 8px;
  }
  .device-name {
    font-size: 15px;
    font-weight: 600;
    line-height: 22px;
  }
  .device-meta {
    font-size: 13px;
    line-height: 18px;
    color: var(--_muted);
  }
  .device > .icon,
  .option > .icon {
    color: var(--_muted);
  }
  /* The way to the recent activity: a device-like row of its own. */
  .activity-link {
    border: 1px solid var(--_line);
    border-radius: var(--_radius);
  }
  .activity-link:focus-visible {
    outline-offset: 2px;
  }
  .activity-link .spinner {
    margin-inline-end: 3px;
    color: var(--_muted);
  }
  .add {
    width: 100%;
    color: var(--_primary);
    border: 1px dashed color-mix(in srgb, var(--_primary) 40%, var(--_surface));
    background: color-mix(in srgb, var(--_primary) 3%, var(--_surface));
  }
  .add:hover:not([aria-disabled="true"]) {
    background: color-mix(in srgb, var(--_primary) 8%, var(--_surface));
  }
  .limit {
    font-size: 13.5px;
    color: var(--_muted);
    padding: 10px 12px;
    border-radius: var(--_radius);
    background: var(--_tint);
    border: 1px solid var(--_line);
  }
  .quiet {
    margin: 0;
    margin-inline: -8px auto;
    color: var(--_muted);
    font-weight: 500;
    font-size: 13.5px;
  }
  .quiet:hover {
    color: var(--_danger);
  }

  /* Buttons of this flow */
  .danger {
    color: var(--_on-danger);
    background: var(--_danger);
    box-shadow: 0 1px 2px rgb(16 24 40 / 10%);
  }
  .danger:hover:not(:disabled) {
    background: color-mix(in srgb, var(--_danger) 86%, var(--_text));
  }
  .danger-text {
    color: var(--_danger);
  }
  .danger-text:hover {
    background: color-mix(in srgb, var(--_danger) 6%, var(--_surface));
  }
  button:disabled {
    cursor: not-allowed;
  }
  .secondary:disabled,
  .danger:disabled,
  .link:disabled {
    opacity: 0.5;
  }
  /* What would fail until the person signs in again or confirms it's them: still focusable, plainly unavailable. */
  [aria-disabled="true"]:is(.device, .option, .add, .chip, .secondary, .danger, .link) {
    cursor: not-allowed;
    opacity: 0.5;
  }
  .small {
    min-height: 34px;
    padding: 0 12px;
    font-size: 13px;
  }
  .small .icon {
    width: 16px;
    height: 16px;
  }

  /* One device */
  .facts {
    display: grid;
    grid-template-columns: repeat(auto-fit, minmax(120px, 1fr));
    gap: 12px var(--_space);
    margin: 0;
    padding: 12px 14px;
    border-radius: var(--_radius);
    background: var(--_tint);
    border: 1px solid var(--_line);
  }
  .facts dt {
    font-size: 12.5px;
    color: var(--_muted);
  }
  .facts dd {
    margin: 0;
    font-size: 14px;
    font-weight: 500;
  }
  .block {
    padding-top: var(--_space);
    border-top: 1px solid var(--_line);
  }
  .block > .live {
    margin-top: 12px;
  }
  .block.row,
  .block > .row {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    justify-content: space-between;
    gap: 12px var(--_space);
  }
  .block.row > div,
  .block > .row > div {
    flex: 1 1 240px;
  }
  .block-title {
    margin: 0;
    font-size: 14.5px;
    font-weight: 600;
  }
  .block-text {
    margin-top: 2px;
    color: var(--_muted);
    font-size: 13.5px;
    max-width: 52ch;
  }
  .tick {
    display: inline-grid;
    place-items: center;
    width: 32px;
    height: 32px;
    border-radius: 50%;
    color: var(--_success);
    background: color-mix(in srgb, var(--_success) 10%, var(--_surface));
  }
  .inline {
    display: grid;
    grid-template-columns: minmax(0, 1fr) auto;
    align-items: start;
    gap: 0 10px;
  }
  .inline > button {
    margin-top: 26px;
  }
  .hint-row {
    display: flex;
    align-items: baseline;
    gap: 12px;
  }
  .hint-row .hint {
    flex: 1;
  }
  .counter {
    margin-top: 6px;
    margin-inline-start: auto;
    font-size: 12.5px;
    line-height: 18px;
    color: var(--_muted);
    font-variant-numeric: tabular-nums;
  }
  .counter.over {
    color: var(--_danger);
    font-weight: 600;
  }
  .footer > .live {
    flex: 1 1 100%;
  }
  @container pw (max-width: 479px) {
    .footer .quiet {
      order: 2;
      margin: 0 auto;
    }
  }
`;

/**
 * The devices flow's styles, adopted by the widget's shadow root when the flow loads (one sheet, after the screens'
 * shared frame, screens/screen.styles.ts); tokens come from :host. The methods' own screens are styled beside them
 * (methods/*.styles.ts).
 */
export const devicesStyles = css`${lifecycleStyles}${codeStyles}${totpStyles}${recoveryStyles}`;
