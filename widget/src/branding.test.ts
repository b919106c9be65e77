import { describe, expect, it } from "vitest";
import { safeLogoStyle, safeUrl } from "./branding.js";

const HTTPS_PAGE = "https://shop.example/account/";
const HTTP_PAGE = "http://localhost:3000/account/";

describe("safeUrl", () => {
  it("accepts https URLs on any host", () => {
    expect(safeUrl("https://cdn.example/logo.svg", HTTP_PAGE, "http://localhost:3000")).toBe(
      "https://cdn.example/logo.svg",
    );
  });

  it("resolves relative URLs against the page", () => {
    expect(safeUrl("logo.png", HTTPS_PAGE, "https://shop.example")).toBe("https://shop.example/account/logo.png");
    expect(safeUrl("/img/logo.png", HTTP_PAGE, "http://localhost:3000")).toBe("http://localhost:3000/img/logo.png");
  });

  it("accepts plain http only from the page's own origin", () => {
    expect(safeUrl("http://localhost:3000/logo.png", HTTP_PAGE, "http://localhost:3000")).toBe(
      "http://localhost:3000/logo.png",
    );
    expect(safeUrl("http://localhost:3001/logo.png", HTTP_PAGE, "http://localhost:3000")).toBeNull();
    expect(safeUrl("http://other.example/logo.png", HTTPS_PAGE, "https://shop.example")).toBeNull();
  });

  it("resolves protocol-relative URLs with the page's scheme", () => {
    expect(safeUrl("//evil.example/x.png", HTTP_PAGE, "http://localhost:3000")).toBeNull();
    expect(safeUrl("//cdn.example/x.png", HTTPS_PAGE, "https://shop.example")).toBe("https://cdn.example/x.png");
  });

  it.each([
    "javascript:alert(1)",
    "JaVaScRiPt:alert(1)",
    " \tjavascript:alert(1)",
    "java\nscript:alert(1)",
    "data:image/svg+xml,<svg onload=alert(1)>",
    "DATA:image/png;base64,AAAA",
    "blob:https://shop.example/0d9c1a3e",
    "file:///etc/passwd",
    "ftp://shop.example/logo.png",
    "vbscript:msgbox(1)",
  ])("refuses %j", (raw) => {
    expect(safeUrl(raw, HTTPS_PAGE, "https://shop.example")).toBeNull();
  });

  it("refuses a data: URL even where the page origin is opaque", () => {
    expect(safeUrl("data:image/png;base64,AAAA", "about:blank", "null")).toBeNull();
  });

  it("ignores empty and unparsable values", () => {
    expect(safeUrl(undefined, HTTPS_PAGE, "https://shop.example")).toBeNull();
    expect(safeUrl("   ", HTTPS_PAGE, "https://shop.example")).toBeNull();
    expect(safeUrl("https://", HTTPS_PAGE, "https://shop.example")).toBeNull();
  });
});

describe("safeLogoStyle", () => {
  it("keeps sizing and spacing declarations", () => {
    expect(safeLogoStyle("width: 120px; max-height:2.5rem;margin: 0 auto 8px; PADDING-TOP: 4PX")).toEqual([
      ["width", "120px"],
      ["max-height", "2.5rem"],
      ["margin", "0 auto 8px"],
      ["padding-top", "4px"],
    ]);
  });

  it("accepts every allowed unit and the bare keywords", () => {
    expect(safeLogoStyle("width: 50%; height: 10vh; min-width: 1em; max-width: 20vw; margin: .5rem")).toHaveLength(5);
    expect(safeLogoStyle("width: auto; height: 0")).toEqual([
      ["width", "auto"],
      ["height", "0"],
    ]);
  });

  it.each([
    "position: fixed",
    "position:fixed; top:0; left:0; z-index: 99999",
    "background: url(https://evil.example/track.png)",
    "width: url(x)",
    "width: calc(100% + 10px)",
    "width: var(--x)",
    "width: expression(alert(1))",
    "width: 10px !important",
    "width: 10",
    "width: -10px",
    "margin: 1px 2px 3px 4px 5px",
    "width: 10pt",
    "content: 'x'",
    "behavior: url(x.htc)",
    "-moz-binding: url(x)",
  ])("drops %j", (raw) => {
    expect(safeLogoStyle(raw)).toEqual([]);
  });

  it("keeps the good declarations beside a bad one", () => {
    expect(safeLogoStyle("position: fixed; width: 40px; background: url(x); height: 40px")).toEqual([
      ["width", "40px"],
      ["height", "40px"],
    ]);
  });

  it.each([
    "width: 10px} body { background: red",
    "width: 10px; } :host { display: none } {",
    'width: "10px;height:1px"',
    "width: 1\\0070 x",
    "wid\\74h: 10px",
    "width: 10px /* ; height: 100vh */",
    "width: 10px</style><script>alert(1)</script>",
  ])("refuses a smuggling attempt %j", (raw) => {
    expect(safeLogoStyle(raw)).toEqual([]);
  });

  it("does not let ; smuggle a second property into a value", () => {
    expect(safeLogoStyle("width: 10px; position: fixed; top: 0")).toEqual([["width", "10px"]]);
  });

  it("ignores empty input", () => {
    expect(safeLogoStyle(undefined)).toEqual([]);
    expect(safeLogoStyle("")).toEqual([]);
    expect(safeLogoStyle(";;:;")).toEqual([]);
  });
});
