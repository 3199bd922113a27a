import { realpath } from 'node:fs/promises';
import path from 'node:path';
import { isInside } from './scanResults';

/**
 * How the server checks a catalogued file each time it is asked for it, since links can change
 * after the server started:
 * - `named`: given on the command line (`--image`, `--label`, `--pred`): served as named;
 * - `inside`: lies in the results folder: must still resolve inside it;
 * - `pinned`: outside the results folder, named by its summaries or datasets (reference labels,
 *   images): must still resolve to the file it was when the server started.
 */
export type FileRule =
  | { readonly kind: 'named' }
  | { readonly kind: 'inside'; readonly folder: string }
  | { readonly kind: 'pinned'; readonly real: string };

export interface RuleSources {
  /** the files given on the command line, absolute */
  named: ReadonlySet<string>;
  /** the results folder as given */
  results?: string;
}

/** The rule for one file of the content, or why it is not served (a link out of the results folder). */
export async function fileRule(file: string, sources: RuleSources): Promise<FileRule | string> {
  if (sources.named.has(file)) return { kind: 'named' };
  const real = await realpath(file).catch(() => undefined);
  if (real === undefined) return `${file}: cannot be resolved; not served`;
  if (sources.results !== undefined) {
    const folder = path.resolve(sources.results);
    const root = await realpath(folder);
    if (isInside(root, real)) return { kind: 'inside', folder };
    if (isInside(root, file) || isInside(folder, file))
      return `${file}: a link that leads outside the results folder; not served`;
  }
  return { kind: 'pinned', real };
}

/** The real path to open for a request of `file`, or undefined when its rule no longer holds. */
export async function resolveServed(file: string, rule: FileRule): Promise<string | undefined> {
  const real = await realpath(file).catch(() => undefined);
  if (real === undefined) return undefined;
  switch (rule.kind) {
    case 'named':
      return real;
    case 'inside': {
      const root = await realpath(rule.folder).catch(() => undefined);
      return root !== undefined && isInside(root, real) ? real : undefined;
    }
    case 'pinned':
      return real === rule.real ? real : undefined;
  }
}
