import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { loadDataset } from '@nnunet-ts/datasets';
import { describe, expect, it } from 'vitest';
import type { CaseJob } from './caseJobs';
import { runCaseJobs, type CaseOutcome } from './runCaseJobs';

const DATA = '/work/shared/data/msd_totalseg_ct';

/** Process ids of this process's children. */
function children(): number[] {
  try {
    return execFileSync('ps', ['-o', 'pid=', '--ppid', String(process.pid)], { encoding: 'utf8' })
      .split('\n')
      .map((s) => Number(s.trim()))
      .filter((n) => n > 0);
  } catch {
    return [];
  }
}

describe.skipIf(!existsSync(DATA))('runCaseJobs', () => {
  const jobs = (ids: string[]): CaseJob[] =>
    ids.map((caseId) => ({ kind: 'fingerprint', caseId, maxSamples: 100 }));

  it('gives the same results in worker processes as in this process', async () => {
    const dataset = await loadDataset(DATA);
    const ids = dataset.training.map((c) => c.id);
    const inProcess = await runCaseJobs(dataset, jobs(ids), { nJobs: 1 });
    const inWorkers = await runCaseJobs(dataset, jobs(ids), { nJobs: 2 });
    for (const id of ids) {
      expect(inWorkers.get(id)).toEqual(inProcess.get(id));
      expect(inWorkers.get(id)?.ok).toBe(true);
    }
  }, 60_000);

  it('reports a case whose worker is killed, and finishes the others on a new worker', async () => {
    const dataset = await loadDataset(DATA);
    const ids = dataset.training.map((c) => c.id);
    const finished: [string, CaseOutcome][] = [];
    const run = runCaseJobs(dataset, jobs(ids), { nJobs: 2, onOutcome: (id, o) => finished.push([id, o]) });
    let victims: number[] = [];
    for (let tries = 0; tries < 500 && victims.length === 0; tries++) {
      await new Promise((r) => setTimeout(r, 10));
      victims = children().filter((pid) => pid !== process.pid);
    }
    expect(victims.length).toBeGreaterThan(0);
    process.kill(victims[0], 'SIGKILL');
    const outcomes = await run;
    const failed = [...outcomes.values()].filter((o) => !o.ok);
    expect(failed).toHaveLength(1);
    const failure = (failed[0] as Extract<CaseOutcome, { ok: false }>).failure;
    expect(failure.reason).toContain('was killed (SIGKILL)');
    expect(failure.file).toMatch(/imagesTr\/ct_00\d\.nii\.gz$/);
    expect(outcomes.size).toBe(ids.length);
    expect(finished).toHaveLength(ids.length);
  }, 60_000);
});
