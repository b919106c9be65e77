import { css } from "lit";

/**
 * The activity screen: its list of events, "Show more", "Wasn't you?" and "Your data". Adopted with the screens'
 * shared frame (screens/screen.styles.ts) when the screen's chunk loads; tokens come from :host.
 */
export const activityStyles = css`
  .events {
    margin: 0;
    padding: 0;
    list-style: none;
    border: 1px solid var(--_line);
    border-radius: var(--_radius);
  }
  .events > * {
    display: flex;
    align-items: flex-start;
    gap: 12px;
    padding: 12px 14px;
  }
  .events > * + * {
    border-top: 1px solid var(--_line);
  }
  /* An event takes focus after "Show more" (the first new one), so the keyboard carries on from there. */
  .events > li {
    outline: none;
  }
  .events > li:focus-visible {
    outline: 2px solid var(--_focus);
    outline-offset: -2px;
    border-radius: var(--_radius);
  }
  .event .tile {
    width: 36px;
    height: 36px;
  }
  .event .tile .icon {
    width: 18px;
    height: 18px;
  }
  /* What failed or was refused: the warning's colour on its icon, beside a title that says it. */
  .event.warning .tile {
    color: var(--_warning);
    background: color-mix(in srgb, var(--_warning) 9%, var(--_surface));
    border-color: color-mix(in srgb, var(--_warning) 22%, var(--_surface));
  }
  .event-main {
    display: grid;
    flex: 1;
    min-width: 0;
    gap: 1px;
  }
  .event-title {
    font-size: 15px;
    font-weight: 600;
    line-height: 22px;
  }
  .event-about {
    font-size: 14px;
    line-height: 20px;
  }
  .event-meta {
    font-size: 13px;
    line-height: 18px;
    color: var(--_muted);
  }
  .event-meta time {
    text-decoration: underline dotted color-mix(in srgb, var(--_muted) 60%, transparent);
    text-underline-offset: 3px;
  }

  /* The first page on its way */
  .bone.square {
    flex: none;
    width: 36px;
    height: 36px;
    border-radius: var(--_radius);
  }
  .bone.line {
    width: 55%;
    margin: 5px 0;
  }
  .bone.line.short {
    width: 35%;
  }

  .more {
    justify-self: center;
  }
  .more.busy {
    cursor: progress;
  }

  .not-you {
    display: flex;
    align-items: flex-start;
    gap: 10px;
    font-size: 14px;
    line-height: 20px;
    color: var(--_muted);
  }
  .not-you .icon {
    width: 18px;
    height: 18px;
    margin-top: 1px;
    color: var(--_primary);
  }
  .not-you a {
    color: var(--_primary);
    font-weight: 500;
    text-decoration: underline;
    text-underline-offset: 3px;
    border-radius: 2px;
  }
  .not-you a:hover {
    text-decoration-thickness: 2px;
  }
  .not-you a:focus-visible {
    outline: 2px solid var(--_focus);
    outline-offset: 2px;
  }

  /* Your data */
  .data {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    justify-content: space-between;
    gap: 12px var(--_space);
    padding-top: var(--_space);
    border-top: 1px solid var(--_line);
  }
  .data > div:first-child {
    flex: 1 1 240px;
  }
  .data-title {
    margin: 0;
    font-size: 14.5px;
    font-weight: 600;
  }
  .data-text {
    margin-top: 2px;
    color: var(--_muted);
    font-size: 13.5px;
    max-width: 52ch;
  }
  .data > .live {
    flex: 1 1 100%;
  }
  .data .busy {
    cursor: progress;
  }
  @container pw (max-width: 479px) {
    .more,
    .data > button {
      width: 100%;
    }
  }
`;
