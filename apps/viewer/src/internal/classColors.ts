/** An RGB colour, 0..255 per component. */
export type Rgb = readonly [number, number, number];

/**
 * Default colours of label classes 1, 2, 3, ... (background 0 has none), repeating after the last.
 * Saturated hues far from grey, so an overlay stays visible on a CT or MR slice; the page and the
 * static report use the same ones so that a class looks alike in both.
 */
const PALETTE: readonly Rgb[] = [
  [230, 25, 75],
  [60, 180, 75],
  [0, 130, 200],
  [255, 225, 25],
  [245, 130, 48],
  [145, 30, 180],
  [70, 240, 240],
  [240, 50, 230],
  [210, 245, 60],
  [250, 190, 212],
  [0, 128, 128],
  [170, 110, 40],
];

/** The default colour of label value `value` (≥ 1). */
export function classColor(value: number): Rgb {
  if (!Number.isInteger(value) || value < 1) {
    throw new RangeError(`classColor: a class value is an integer ≥ 1 (0 is background), got ${value}`);
  }
  return PALETTE[(value - 1) % PALETTE.length]!;
}

/** `#rrggbb` of a colour, as an `<input type="color">` and vega want it. */
export function rgbToHex(rgb: Rgb): string {
  return `#${rgb.map((c) => c.toString(16).padStart(2, '0')).join('')}`;
}

/** Parses `#rrggbb`. */
export function hexToRgb(hex: string): Rgb {
  const match = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex);
  if (!match) throw new Error(`hexToRgb: expected a colour like #ff8800, got '${hex}'`);
  return [parseInt(match[1]!, 16), parseInt(match[2]!, 16), parseInt(match[3]!, 16)];
}
