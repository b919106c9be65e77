/**
 * The same ISO 3166-1 alpha-2 codes as `contract/countries.ts` (which the server validates with), packed for the bundle: one
 * bit per letter pair AA…ZZ, set when the pair is a country — about a quarter of the bytes once gzipped.
 * `country-codes.test.ts` checks that both lists stay equal; regenerate this with the snippet there.
 */
const PACKED =
  "Hpr7d/e9u3vk/CGoASsAcAA6kA3536gAsWAYHvACAsAAuNQvgoHyvz//66TSEACAAjzxyoAAAAIAio+/51zd+VmCCCDqoQIAQAIAAAAACAAQIAIAgA==";

export const COUNTRY_CODES: readonly string[] = [...atob(PACKED)]
  .flatMap((char) => [...char.charCodeAt(0).toString(2).padStart(8, "0")])
  .flatMap((bit, i) => (bit === "1" ? [String.fromCharCode(65 + i / 26, 65 + (i % 26))] : []));
