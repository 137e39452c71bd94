/**
 * Python's float text forms: `repr(float)`, `'%.Nf' % x` and `'{:,}'.format(int)` (spec §4.4).
 */

/**
 * The shortest round-trip decimal digits of a finite, non-zero |n| and the decimal exponent of
 * the first digit. JavaScript's `toExponential()` without an argument picks exactly the digits
 * Python's repr picks (both are the shortest string that reads back as the same double).
 */
function shortestDigits(magnitude: number): { digits: string; exponent: number } {
  const text = magnitude.toExponential();
  const e = text.indexOf("e");
  const mantissa = text.slice(0, e);
  const digits = mantissa.length > 1 ? mantissa[0] + mantissa.slice(2) : mantissa;
  return { digits, exponent: Number(text.slice(e + 1)) };
}

/**
 * Python `repr(float)`: `1.0`, `0.1`, `1e-07`, `1e+16`, `-0.0`, `nan`, `inf`, `-inf`.
 * Exponent form is used when the decimal exponent is below -4 or at least 16, and the exponent
 * always carries a sign and two digits or more.
 * @example floatRepr(1e-5) → "1e-05"
 */
export function floatRepr(n: number): string {
  if (Number.isNaN(n)) return "nan";
  if (n === Infinity) return "inf";
  if (n === -Infinity) return "-inf";
  if (n === 0) return Object.is(n, -0) ? "-0.0" : "0.0";
  const sign = n < 0 ? "-" : "";
  const { digits, exponent } = shortestDigits(Math.abs(n));
  if (exponent < -4 || exponent >= 16) {
    const fraction = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits;
    const exponentSign = exponent < 0 ? "-" : "+";
    return `${sign}${fraction}e${exponentSign}${String(Math.abs(exponent)).padStart(2, "0")}`;
  }
  if (exponent < 0) return `${sign}0.${"0".repeat(-exponent - 1)}${digits}`;
  const integerDigits = exponent + 1;
  if (digits.length <= integerDigits) return `${sign}${digits}${"0".repeat(integerDigits - digits.length)}.0`;
  return `${sign}${digits.slice(0, integerDigits)}.${digits.slice(integerDigits)}`;
}

const float64View = new DataView(new ArrayBuffer(8));

/** A finite double's exact value as `mantissa * 2^exponent` (mantissa a non-negative integer). */
function decompose(magnitude: number): { mantissa: bigint; exponent: number } {
  float64View.setFloat64(0, magnitude);
  const high = float64View.getUint32(0);
  const low = float64View.getUint32(4);
  const biasedExponent = (high >>> 20) & 0x7ff;
  const fractionBits = (high & 0xfffff) * 2 ** 32 + low;
  if (biasedExponent === 0) return { mantissa: BigInt(fractionBits), exponent: -1074 };
  return { mantissa: BigInt(fractionBits + 2 ** 52), exponent: biasedExponent - 1075 };
}

/**
 * Python `'%.{digits}f' % n`: the double's exact binary value rounded half-to-even at `digits`
 * decimals, never in exponent form; the sign of a zero result is kept (`-0.001` → `-0.00`).
 * Computed with BigInt on the mantissa and exponent because `toFixed` rounds ties away from zero
 * on the decimal approximation (`0.125` → `0.13`) and switches to exponent form from 1e21.
 * @example formatFixed(0.125, 2) → "0.12"
 */
export function formatFixed(n: number, digits: number): string {
  if (Number.isNaN(n)) return "nan";
  if (n === Infinity) return "inf";
  if (n === -Infinity) return "-inf";
  const sign = n < 0 || Object.is(n, -0) ? "-" : "";
  const { mantissa, exponent } = decompose(Math.abs(n));
  const scaled = mantissa * 10n ** BigInt(digits);
  let rounded: bigint;
  if (exponent >= 0) {
    rounded = scaled << BigInt(exponent);
  } else {
    const shift = BigInt(-exponent);
    rounded = scaled >> shift;
    const remainder = scaled - (rounded << shift);
    const half = 1n << (shift - 1n);
    if (remainder > half || (remainder === half && (rounded & 1n) === 1n)) rounded += 1n;
  }
  const text = rounded.toString().padStart(digits + 1, "0");
  if (digits === 0) return sign + text;
  return `${sign}${text.slice(0, -digits)}.${text.slice(-digits)}`;
}

/**
 * Python `'{:,}'.format(n)` for an int: a comma between every group of three digits.
 * @example formatThousands(-1234567) → "-1,234,567"
 */
export function formatThousands(n: number | bigint): string {
  // \B never falls between the sign and the first digit.
  return BigInt(n).toString().replace(/\B(?=(\d{3})+$)/g, ",");
}
