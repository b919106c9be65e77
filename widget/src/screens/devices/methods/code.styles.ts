import { css } from "lit";

/**
 * The code field (also the authenticator app's, totp.ts), "Resend code" (code.ts) and the phone step's country-code
 * picker beside the number (phone-field.ts); part of the devices sheet.
 */
export const codeStyles = css`
  .phone {
    display: grid;
    grid-template-columns: minmax(0, 16rem) minmax(0, 1fr);
    gap: 8px;
  }
  @container pw (max-width: 479px) {
    .phone {
      grid-template-columns: minmax(0, 1fr);
    }
  }
  .code {
    max-width: 14ch;
    font-size: 22px;
    letter-spacing: 0.3em;
    font-variant-numeric: tabular-nums;
    font-family: ui-monospace, "SF Mono", Menlo, Consolas, monospace;
  }
  .resend {
    margin-top: 10px;
    font-size: 13.5px;
    color: var(--_muted);
  }
  .resend .link {
    margin: -10px 0;
    padding: 0 6px;
    min-height: 36px;
    color: var(--_primary);
    font-size: 13.5px;
  }
  .resend .link:disabled {
    color: var(--_muted);
    text-decoration: none;
  }
`;
