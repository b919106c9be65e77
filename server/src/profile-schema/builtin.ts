import { EMAIL_MAX_LENGTH } from "../../../contract/rules";
import { POSTAL_CODE, PROFILE_MAX_LENGTH as MAX, PROFILE_MESSAGES } from "../../../contract/profile-rules";

/**
 * The profile without PROFILE_SCHEMA: the fields every earlier release had, with their names, limits and messages.
 * Email and phone are verified: a new address applies once the code sent to it is entered.
 */
export const BUILTIN_PROFILE_SCHEMA = {
  $schema: "https://json-schema.org/draft/2020-12/schema",
  title: "Profile",
  type: "object",
  additionalProperties: false,
  properties: {
    givenName: {
      type: "string",
      title: "First name",
      maxLength: MAX.givenName,
      "x-profile": { order: 1, autocomplete: "given-name" },
    },
    familyName: {
      type: "string",
      title: "Last name",
      maxLength: MAX.familyName,
      "x-profile": { order: 2, autocomplete: "family-name" },
    },
    email: {
      type: "string",
      title: "Email",
      format: "email",
      maxLength: EMAIL_MAX_LENGTH,
      "x-profile": { order: 3, autocomplete: "email", protected: true, verify: "email" },
    },
    phone: {
      type: "string",
      title: "Phone",
      description: "International format, e.g. +14155550123",
      format: "tel",
      "x-profile": { order: 4, autocomplete: "tel", protected: true, verify: "phone" },
    },
    address: {
      type: "object",
      title: "Address",
      additionalProperties: false,
      properties: {
        streetAddress: {
          type: "string",
          title: "Street address",
          maxLength: MAX["address.streetAddress"],
          "x-profile": { order: 1, autocomplete: "street-address" },
        },
        locality: {
          type: "string",
          title: "City",
          maxLength: MAX["address.locality"],
          "x-profile": { order: 2, autocomplete: "address-level2" },
        },
        region: {
          type: "string",
          title: "State / Province",
          maxLength: MAX["address.region"],
          "x-profile": { order: 3, autocomplete: "address-level1" },
        },
        postalCode: {
          type: "string",
          title: "Postal code",
          maxLength: MAX["address.postalCode"],
          pattern: POSTAL_CODE.source,
          "x-profile": { order: 4, autocomplete: "postal-code", messages: { pattern: { en: PROFILE_MESSAGES.postalCode } } },
        },
        countryCode: {
          type: "string",
          title: "Country",
          "x-profile": { order: 5, autocomplete: "country", input: "country" },
        },
      },
      "x-profile": { order: 5, messages: { type: { en: "Must be an object with address fields, or null." } } },
    },
  },
} as const;
