/** Expands SLURM's compressed tasks-per-node list, `2(x3),1` → `[2, 2, 2, 1]`. */
export function parseSlurmTasksPerNode(text: string, name = 'SLURM_STEP_TASKS_PER_NODE'): number[] {
  return text.split(',').flatMap((part) => {
    const match = /^\s*(\d+)(?:\(x(\d+)\))?\s*$/.exec(part);
    if (!match) throw new Error(`${name}: cannot read '${part}' in '${text}' (expected N or N(xM))`);
    return new Array<number>(Number(match[2] ?? 1)).fill(Number(match[1]));
  });
}
