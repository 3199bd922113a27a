import { describe, expect, it } from 'vitest';
import { parseSlurmTasksPerNode } from './parseSlurmTasksPerNode';

describe('parseSlurmTasksPerNode', () => {
  it('expands repeat counts', () => {
    expect(parseSlurmTasksPerNode('4')).toEqual([4]);
    expect(parseSlurmTasksPerNode('2(x3),1')).toEqual([2, 2, 2, 1]);
    expect(parseSlurmTasksPerNode('1,3(x2),2')).toEqual([1, 3, 3, 2]);
  });

  it('names the variable and the part it cannot read', () => {
    expect(() => parseSlurmTasksPerNode('2(3)', 'SLURM_TASKS_PER_NODE')).toThrow(
      "SLURM_TASKS_PER_NODE: cannot read '2(3)' in '2(3)' (expected N or N(xM))",
    );
  });
});
