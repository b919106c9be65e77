import { css } from "lit";

/**
 * What the schema-built profile form adds to the element's own sheet: an object's group (a fieldset laid out as the
 * other sections) and required marks. Adopted by the profile flow (profile-flow.ts), so the devices and verify flows
 * do not carry it; the rarer controls bring their own (profile-controls.ts).
 */
export const profileFormStyles = css`
  fieldset.section {
    margin: 0;
    min-width: 0;
    border-width: 1px 0 0;
  }
  .required {
    margin-inline-start: 2px;
    color: var(--_danger);
  }
  .required-note {
    padding-bottom: 12px;
    font-size: 13px;
    color: var(--_muted);
  }
  .required-note span {
    color: var(--_danger);
  }
`;
