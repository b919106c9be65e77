import { describe, expect, it } from "vitest";
import { DEFAULT_NICKNAMES as SERVER_DEFAULTS } from "../../../../contract/rules.js";
import { DEFAULT_NICKNAMES } from "./verify-flow.js";

describe("the verify flow's default nicknames", () => {
  it("are the server's, so an unnamed device is shown under its type's name in the person's language", () => {
    expect(DEFAULT_NICKNAMES).toEqual(SERVER_DEFAULTS);
  });
});
