/**
 * The product of the strides on each axis: how much the network downsamples that axis, so what a
 * patch size must be a multiple of there (and the factor of a stage's feature maps when given the
 * strides up to that stage).
 */
export function totalStrides(strides: readonly (readonly number[])[]): number[] {
  const dim = strides[0]?.length ?? 0;
  return Array.from({ length: dim }, (_, axis) => strides.reduce((product, s) => product * s[axis]!, 1));
}

/**
 * Why `patchSize` does not fit a network with these strides (an axis not divisible by its total
 * stride), or undefined when it fits. Axis numbers are in the patch's order.
 */
export function patchStrideProblem(
  patchSize: readonly number[],
  strides: readonly (readonly number[])[],
): string | undefined {
  const totals = totalStrides(strides);
  const axis = patchSize.findIndex((size, a) => size % totals[a]! !== 0);
  if (axis < 0) return undefined;
  const total = totals[axis]!;
  return (
    `patch size ${patchSize[axis]} on axis ${axis} is not divisible by the network's total stride ${total} there; ` +
    `use a multiple of ${total}`
  );
}
