import { css } from "lit";

/** The verify screens: joined to the widget's styles when the flow's chunk loads. */
export const verifyStyles = css`
  .verify {
    display: grid;
    gap: calc(var(--_space) * 0.75);
    padding-top: calc(var(--_space) * 1.25);
    border-top: 1px solid var(--_line);
  }
  .screen-title {
    font-size: 1.0625rem;
    font-weight: 600;
    outline: none;
  }
  .screen-text {
    color: var(--_muted);
    font-size: 0.9375rem;
  }
  .verify form {
    display: grid;
    gap: calc(var(--_space) * 0.75);
  }
  .verify .field {
    max-width: 20rem;
  }
  input.code,
  input.recovery {
    font-variant-numeric: tabular-nums;
    letter-spacing: 0.2em;
    font-size: 1.125rem;
  }
  .verify .footer {
    margin-top: calc(var(--_space) * 0.5);
  }
  .methods {
    display: grid;
    gap: 8px;
    margin: 0;
    padding: 0;
    list-style: none;
  }
  .method {
    display: flex;
    flex-direction: column;
    align-items: flex-start;
    width: 100%;
    min-height: 56px;
    gap: 2px;
    font-weight: 400;
    padding: 12px 14px;
    text-align: start;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface);
    color: var(--_text);
  }
  .method:hover:not(:disabled) {
    border-color: var(--_primary);
  }
  .method-name {
    font-weight: 600;
  }
  .method-detail {
    color: var(--_muted);
    font-size: 0.875rem;
    overflow-wrap: anywhere;
  }
  .badge {
    margin-inline-start: 6px;
    padding: 1px 8px;
    border-radius: 999px;
    font-size: 0.75rem;
    font-weight: 500;
    color: var(--_primary);
    border: 1px solid currentColor;
  }
`;
