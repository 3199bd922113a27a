import { existsSync, writeFileSync } from 'node:fs';
import type { CaseSource } from '../../CaseSource';
import { memorySource, type MemoryCase } from '../../memorySource';

/**
 * A memory source whose reads of case `crashOn` kill the process (exit code 86): a worker dying on a
 * marked case. With `marker`, only the first such read crashes (it leaves the marker file behind).
 * Only worker processes read through it: the loader's parent asks a source for headers only.
 */
export function crashingSource(cases: readonly MemoryCase[], crashOn: string, marker?: string): CaseSource {
  const inner = memorySource(cases);
  return {
    ...inner,
    read: async (id, region) => {
      if (id === crashOn && (marker === undefined || !existsSync(marker))) {
        if (marker !== undefined) writeFileSync(marker, '');
        process.exit(86);
      }
      return inner.read(id, region);
    },
    recipe: { module: import.meta.url, factory: 'crashingSource', args: [cases, crashOn, marker] },
  };
}
