import { css } from "lit";

/** The authenticator app's screen (totp.ts): numbered steps, QR code beside the setup key; part of the devices sheet. */
export const totpStyles = css`
  .steps {
    display: grid;
    gap: calc(var(--_space) * 1.25);
    margin: 0;
    padding: 0;
    list-style: none;
    counter-reset: step;
  }
  .step {
    display: grid;
    gap: 12px;
    counter-increment: step;
  }
  .step-title {
    display: flex;
    gap: 10px;
    font-weight: 500;
  }
  .step-title::before {
    content: counter(step);
    display: inline-grid;
    place-items: center;
    flex: none;
    width: 24px;
    height: 24px;
    border-radius: 50%;
    font-size: 12px;
    font-weight: 600;
    color: var(--_primary);
    background: color-mix(in srgb, var(--_primary) 10%, var(--_surface));
  }
  .totp {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: var(--_space) calc(var(--_space) * 1.5);
    padding-inline-start: 34px;
  }
  .qr {
    width: 168px;
    flex: none;
    padding: 4px;
    border-radius: var(--_radius);
    background: #fff;
    border: 1px solid var(--_line);
  }
  .qr svg {
    display: block;
    width: 100%;
    height: auto;
    fill: #000;
  }
  .qr-bone {
    width: 100%;
    height: auto;
    aspect-ratio: 1;
  }
  .manual {
    display: grid;
    justify-items: start;
    gap: 8px;
    flex: 1 1 200px;
    min-width: 0;
  }
  .muted {
    color: var(--_muted);
    font-size: 14px;
  }
  .secret {
    display: block;
    max-width: 100%;
    font: 500 15px/1.6 ui-monospace, "SF Mono", Menlo, Consolas, monospace;
    letter-spacing: 0.04em;
    word-spacing: 0.2em;
    padding: 8px 12px;
    border-radius: var(--_radius);
    background: var(--_tint);
    border: 1px solid var(--_line);
    user-select: all;
  }
  .step-body {
    padding-inline-start: 34px;
  }
  .copied {
    color: var(--_success);
  }
  @container pw (max-width: 479px) {
    .totp,
    .step-body {
      padding-inline-start: 0;
    }
    .qr {
      width: 100%;
      max-width: 200px;
    }
  }
`;
