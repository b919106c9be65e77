import { encode } from "uqr";

/** A QR code as one SVG path: `size` modules square, `d` draws each row's runs of dark modules. */
export interface QrPath {
  size: number;
  d: string;
}

/** Encodes `text` (an otpauth:// URI) with medium error correction and no quiet zone (the viewBox adds it). */
export function qrPath(text: string): QrPath {
  const { size, data } = encode(text, { ecc: "M", border: 0 });
  let d = "";
  data.forEach((row, y) => {
    for (let x = 0; x < size; x++) {
      if (!row[x]) continue;
      let run = 1;
      while (row[x + run]) run++;
      d += `M${x} ${y}h${run}v1h-${run}z`;
      x += run;
    }
  });
  return { size, d };
}
