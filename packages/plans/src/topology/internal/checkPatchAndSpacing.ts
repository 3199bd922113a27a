/** Rejects patch/spacing pairs that no topology rule can work with. */
export function checkPatchAndSpacing(patchSize: readonly number[], spacing: readonly number[]): void {
  if (patchSize.length !== 2 && patchSize.length !== 3) {
    throw new Error(`patch size must have 2 or 3 axes, got [${patchSize.join(', ')}]`);
  }
  if (spacing.length !== patchSize.length) {
    throw new Error(
      `spacing [${spacing.join(', ')}] must have as many axes as the patch size [${patchSize.join(', ')}]`,
    );
  }
  if (!patchSize.every((s) => Number.isInteger(s) && s >= 1)) {
    throw new Error(`patch size must hold positive integers, got [${patchSize.join(', ')}]`);
  }
  if (!spacing.every((s) => Number.isFinite(s) && s > 0)) {
    throw new Error(`spacing must hold positive finite numbers, got [${spacing.join(', ')}]`);
  }
}
