import { css } from "lit";

/**
 * The frame the devices and the activity screens share (screens/screen.ts adopts it once, for either flow): the
 * screen, its Back link, heading and intro, its live region, the icons and their tiles, a list's empty state. Tokens
 * come from :host.
 */
export const screenStyles = css`
  .screen {
    display: grid;
    gap: var(--_space);
    padding-top: calc(var(--_space) * 1.25);
    border-top: 1px solid var(--_line);
  }
  .icon {
    width: 20px;
    height: 20px;
    flex: none;
    fill: none;
    stroke: currentColor;
    stroke-width: 1.75;
    stroke-linecap: round;
    stroke-linejoin: round;
  }
  [dir="rtl"] .flip {
    transform: scaleX(-1);
  }

  /* Screen heading */
  .back {
    justify-self: start;
    min-height: 32px;
    padding: 0;
    padding-inline: 4px 10px;
    margin: -6px 0 -4px;
    margin-inline-start: -4px;
    gap: 2px;
    font-weight: 500;
    color: var(--_muted);
  }
  .back:hover {
    color: var(--_text);
    background: var(--_tint);
  }
  .screen-head {
    display: flex;
    align-items: flex-start;
    gap: 14px;
  }
  .screen-titles {
    flex: 1;
    min-width: 0;
  }
  .screen-title-row {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 4px 10px;
  }
  /* Beside an icon tile, the title's first line sits on the tile's middle (the intro, if any, below). */
  .screen-head.with-tile .screen-title-row {
    min-height: 40px;
  }
  .screen-head.with-tile:has(.hero) .screen-title-row {
    min-height: 48px;
  }
  .screen-title {
    font-size: 17px;
    line-height: 26px;
    font-weight: 600;
    letter-spacing: -0.01em;
    outline: none;
  }
  .screen-text {
    margin-top: 2px;
    color: var(--_muted);
    font-size: 14px;
    max-width: 60ch;
  }
  .live:empty {
    display: none;
  }
  .live .notice {
    margin: 0;
  }

  /* Icon tiles */
  .tile {
    display: inline-grid;
    place-items: center;
    flex: none;
    width: 40px;
    height: 40px;
    border-radius: var(--_radius);
    color: var(--_primary);
    background: color-mix(in srgb, var(--_primary) 9%, var(--_surface));
    border: 1px solid color-mix(in srgb, var(--_primary) 16%, var(--_surface));
  }

  /* A list's empty state */
  .empty {
    display: grid;
    justify-items: center;
    gap: 4px;
    text-align: center;
    padding: calc(var(--_space) * 1.75) var(--_space);
    border: 1px dashed var(--_border);
    border-radius: var(--_radius);
    background: var(--_tint);
  }
  .empty .tile {
    margin-bottom: 6px;
  }
  .empty-title {
    font-weight: 600;
  }
  .empty-text {
    color: var(--_muted);
    font-size: 14px;
    max-width: 42ch;
    margin-bottom: 10px;
  }
`;
