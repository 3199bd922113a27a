const TRUE = new Set(['yes', 'true', 't', 'y', '1']);
const FALSE = new Set(['no', 'false', 'f', 'n', '0']);

/**
 * The seed's `str2bool` (`runtime/args.py`): case-insensitive yes/true/t/y/1 and no/false/f/n/0.
 * Returns undefined for anything else so the caller can say which flag was wrong.
 */
export function str2bool(text: string): boolean | undefined {
  const word = text.trim().toLowerCase();
  if (TRUE.has(word)) return true;
  if (FALSE.has(word)) return false;
  return undefined;
}
