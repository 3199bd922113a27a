import type { CaseArrays, CaseSource, Region } from './CaseSource';
import { checkCaseArrays } from './internal/checkCaseArrays';
import { copyRegion } from './internal/copyRegion';

/** A case held in memory. */
export interface MemoryCase extends CaseArrays {
  readonly id: string;
}

/**
 * A case source over arrays in memory (tests, small datasets, data made on the fly). Worker processes
 * get their own copy of the cases when they start.
 */
export function memorySource(cases: readonly MemoryCase[]): CaseSource {
  const byId = new Map<string, MemoryCase>();
  for (const [i, c] of cases.entries()) {
    if (typeof c.id !== 'string' || c.id === '') throw new TypeError(`memorySource: case ${i} has no id`);
    if (byId.has(c.id)) throw new RangeError(`memorySource: case id '${c.id}' appears twice`);
    checkCaseArrays(`memorySource: case '${c.id}'`, c);
    byId.set(c.id, c);
  }
  const get = (id: string) => {
    const c = byId.get(id);
    if (!c) throw new RangeError(`memorySource: no case '${id}'`);
    return c;
  };
  return {
    ids: cases.map((c) => c.id),
    header: async (id) => {
      const { shape, channels } = get(id);
      return { shape, channels };
    },
    read: async (id: string, region?: Region) => {
      const c = get(id);
      return region ? copyRegion(c, region) : c;
    },
    readLabel: async (id) => get(id).label,
    // The built package exports this factory under the same name from the module this code is bundled in.
    recipe: { module: import.meta.url, factory: 'memorySource', args: [cases] },
  };
}
