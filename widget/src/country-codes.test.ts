import { describe, expect, it } from "vitest";
import { COUNTRY_CODES as SERVER_LIST } from "../../contract/countries.js";
import { COUNTRY_CODES } from "./country-codes.js";

/** Packs a list of codes the way country-codes.ts stores them (run this to regenerate it). */
function pack(codes: readonly string[]): string {
  const bits = Array.from({ length: 680 }, () => 0);
  for (const code of codes) bits[(code.charCodeAt(0) - 65) * 26 + code.charCodeAt(1) - 65] = 1;
  const bytes = Array.from({ length: bits.length / 8 }, (_, i) => parseInt(bits.slice(i * 8, i * 8 + 8).join(""), 2));
  return Buffer.from(bytes).toString("base64");
}

describe("the widget's packed country list", () => {
  it("is exactly the list the server validates against, in the same order", () => {
    expect(COUNTRY_CODES).toEqual(SERVER_LIST);
    expect(pack(COUNTRY_CODES)).toBe(pack(SERVER_LIST));
  });
});
