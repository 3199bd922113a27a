/**
 * Loss weights of the deep-supervision outputs, full resolution first: 0.5^i normalised to sum 1.
 * `seedCompatible` reproduces NVIDIA's normaliser 1/(2 − 2^−3) for three outputs, whose weights sum
 * to 0.933 rather than 1 (a defect kept only to match the seed's numbers).
 */
export function deepSupervisionWeights(outputs: number, { seedCompatible = false } = {}): number[] {
  if (!Number.isInteger(outputs) || outputs < 1) {
    throw new Error(`deep supervision needs at least one output, got ${outputs}`);
  }
  const raw = Array.from({ length: outputs }, (_, i) => 0.5 ** i);
  const normaliser = seedCompatible ? 1 / (2 - 2 ** -3) : 1 / raw.reduce((a, b) => a + b, 0);
  return raw.map((w) => w * normaliser);
}
