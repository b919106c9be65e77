import { encode } from "uqr";
import { describe, expect, it } from "vitest";
import { qrPath } from "./qr.js";

/** Paints a path of `M x y h n v1 h-n z` runs back onto a grid. */
function paint(d: string, size: number): boolean[][] {
  const grid = Array.from({ length: size }, () => Array<boolean>(size).fill(false));
  for (const [, x, y, run] of d.matchAll(/M(\d+) (\d+)h(\d+)v1h-\d+z/g)) {
    for (let i = 0; i < Number(run); i++) grid[Number(y)]![Number(x) + i] = true;
  }
  return grid;
}

describe("qrPath", () => {
  it("draws exactly the dark modules of the QR code, as one path of row runs", () => {
    const uri = "otpauth://totp/Acme%20Travel:ada?secret=JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP&issuer=Acme%20Travel";
    const { size, d } = qrPath(uri);
    const reference = encode(uri, { ecc: "M", border: 0 });
    expect(size).toBe(reference.size);
    expect(d).toMatch(/^(M\d+ \d+h\d+v1h-\d+z)+$/);
    expect(paint(d, size)).toEqual(reference.data);
  });
});
