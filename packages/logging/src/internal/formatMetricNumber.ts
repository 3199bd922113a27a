/**
 * A number for people to read in a log line: integers in full, other values with 4 significant
 * digits (`0.4123`, `0.87`, `12.35`), large ones with one decimal (`12345.7`), tiny or huge ones
 * in exponent form (`3e-4`, `1.235e+21`); `nan`, `inf`, `-inf` as Python prints them.
 */
export function formatMetricNumber(value: number): string {
  if (Number.isNaN(value)) return 'nan';
  if (!Number.isFinite(value)) return value > 0 ? 'inf' : '-inf';
  if (Number.isInteger(value) && Math.abs(value) < 1e15) return String(value);
  const size = Math.abs(value);
  if (size >= 1e-3 && size < 1e4) {
    const text = value.toPrecision(4);
    // rounding can carry into a fifth digit (9999.99 -> "1.000e+4"): use the large-number form
    if (!text.includes('e')) return trimFraction(text);
  }
  if (size >= 1e-3 && size < 1e15) return trimFraction(value.toFixed(1));
  const [mantissa, exponent] = value.toExponential(3).split('e');
  return `${trimFraction(mantissa)}e${exponent}`;
}

/** Drops trailing zeros of a fractional part, and the point when nothing is left after it. */
function trimFraction(text: string): string {
  return text.includes('.') ? text.replace(/\.?0+$/, '') : text;
}
