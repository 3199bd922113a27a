/**
 * `repr(float)` as CPython writes it: the shortest digits that round-trip (the same digits as
 * JavaScript's `Number#toString`), in fixed notation with at least one fractional digit for
 * decimal exponents -4..15 (`0.0001`, `100.0`) and otherwise in exponent notation with a sign and
 * at least two exponent digits (`1e-05`, `1.5e+16`). dllogger writes its `timestamp` and
 * `elapsedtime` fields with `str(float)`, and `json.dumps` writes floats the same way.
 */
export function pythonFloatRepr(value: number): string {
  if (Number.isNaN(value)) return 'nan';
  if (value === Infinity) return 'inf';
  if (value === -Infinity) return '-inf';
  const sign = value < 0 || Object.is(value, -0) ? '-' : '';
  const { digits, exponent } = shortestDigits(Math.abs(value));
  if (exponent >= -4 && exponent < 16) {
    if (exponent < 0) return `${sign}0.${'0'.repeat(-exponent - 1)}${digits}`;
    const whole = digits.slice(0, exponent + 1).padEnd(exponent + 1, '0');
    const fraction = digits.slice(exponent + 1) || '0';
    return `${sign}${whole}.${fraction}`;
  }
  const mantissa = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits;
  const expSign = exponent < 0 ? '-' : '+';
  return `${sign}${mantissa}e${expSign}${String(Math.abs(exponent)).padStart(2, '0')}`;
}

/**
 * The significant digits (no leading or trailing zeros, `'0'` for zero) and the decimal exponent
 * of the first digit, read from `String(value)`, whose digit choice ECMAScript specifies exactly.
 */
function shortestDigits(value: number): { digits: string; exponent: number } {
  if (value === 0) return { digits: '0', exponent: 0 };
  const text = String(value);
  const [mantissa, exp = '0'] = text.split('e');
  const [whole, fraction = ''] = mantissa.split('.');
  const all = whole + fraction;
  const firstNonZero = all.search(/[1-9]/);
  const digits = all.slice(firstNonZero).replace(/0+$/, '');
  // position of the first significant digit relative to the decimal point of the mantissa
  const exponent = whole.length - 1 - firstNonZero + Number(exp);
  return { digits, exponent };
}
