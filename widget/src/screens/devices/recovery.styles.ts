import { css } from "lit";

/** Recovery codes: the list's row, and the codes shown once. */
export const recoveryStyles = css`
  .recovery-row {
    display: flex;
    align-items: center;
    gap: 12px;
    padding: 12px 14px;
    border: 1px solid var(--_line);
    border-radius: var(--_radius);
  }
  .recovery-row .device-main {
    flex: 1;
    min-width: 0;
  }
  .recovery-row.low {
    border-color: color-mix(in srgb, var(--_warning) 45%, var(--_surface));
  }
  .recovery-warning {
    display: block;
    margin-top: 2px;
    color: var(--_warning);
    font-size: 0.875rem;
  }
  @container pw (max-width: 479px) {
    .recovery-row {
      flex-wrap: wrap;
    }
    .recovery-row > button {
      width: 100%;
    }
  }
  .recovery-codes {
    display: grid;
    grid-template-columns: repeat(auto-fill, minmax(min(10.5rem, 100%), 1fr));
    gap: 8px 24px;
    box-sizing: border-box;
    min-width: 0;
    width: 100%;
    max-width: 26rem;
    margin: 0;
    padding: 14px;
    list-style: none;
    border-radius: var(--_radius);
    background: var(--_tint);
    border: 1px solid var(--_line);
  }
  .recovery-codes code {
    font: 500 1rem/1.5 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace;
    letter-spacing: 0.04em;
    user-select: all;
  }
  .recovery-tools {
    display: flex;
    flex-wrap: wrap;
    gap: 8px;
  }
`;
