/** Problems listed after the first one; a file with nothing right would list every field. */
const MORE_SHOWN = 4;

/**
 * A plan file (plans.json, a store's store.json, a model's plan) that cannot be used: `file` names it,
 * `problems` are `field: what is wrong` lines, the first of which leads the message.
 */
export class PlanFileError extends Error {
  constructor(
    readonly file: string,
    readonly problems: readonly string[],
  ) {
    const [first, ...rest] = problems;
    const shown = rest.slice(0, MORE_SHOWN).map((line) => `\n  also ${line}`);
    if (rest.length > MORE_SHOWN) shown.push(`\n  and ${rest.length - MORE_SHOWN} more`);
    super(`${file}: ${first ?? 'unusable'}${shown.join('')}`);
    this.name = 'PlanFileError';
  }
}
