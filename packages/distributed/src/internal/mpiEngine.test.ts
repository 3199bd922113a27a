import { afterAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { collectiveResults, fromHex, mixedFloats } from './testing/collectiveResults';
import { mpirun, mpiUnavailable } from './testing/mpirun';
import { startInProcessJob } from './testing/startInProcessJob';

// The MPI engine under a real mpirun (Open MPI from Debian in CI). Without mpirun or the addon the
// tests are skipped, saying why.
const missing = mpiUnavailable();
if (missing) console.warn(`[distributed] skipping the MPI tests: ${missing}`);

interface RankReport {
  rank: number;
  size: number;
  backend: string;
  source: string;
  results: Record<string, string[]>;
}

const reports = (dir: string): RankReport[] =>
  readdirSync(dir)
    .map((file) => JSON.parse(readFileSync(join(dir, file), 'utf8')) as RankReport)
    .sort((a, b) => a.rank - b.rank);

/** The same collectives on the TCP ring, in this process. */
async function ringResults(size: number): Promise<Record<string, string[]>> {
  const job = await startInProcessJob(size, { timeoutMs: 30_000 });
  try {
    return (await Promise.all(job.contexts.map((c) => collectiveResults(c))))[0]!;
  } finally {
    await job.close();
  }
}

const work = mkdtempSync(join(tmpdir(), 'nnunet-mpi-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe.skipIf(missing !== null)('the MPI engine under mpirun', () => {
  const cases: [number, string[], string][] = [
    [2, [], 'shared memory'],
    [4, [], 'shared memory, oversubscribed'],
    [3, ['--mca', 'btl', 'self,tcp'], 'TCP, the path between nodes'],
  ];
  for (const [np, mpirunArgs, transport] of cases) {
    it(`-np ${np} over ${transport}: bit-identical on every rank, equal to the ring's up to summation order`, async () => {
      const out = mkdtempSync(join(work, `np${np}-`));
      const run = await mpirun(np, 'collectives', { mpirunArgs, env: { NNUNET_TEST_OUT: out } });
      expect(run.code, run.stderr).toBe(0);
      const ranks = reports(out);
      expect(ranks.map((r) => r.rank)).toEqual([...Array(np).keys()]);
      for (const report of ranks) {
        expect(report).toMatchObject({ size: np, backend: 'mpi', source: 'open-mpi' });
        expect(report.results).toEqual(ranks[0]!.results);
      }
      const mpi = ranks[0]!.results;
      const ring = await ringResults(np);
      expect(Object.keys(mpi)).toEqual(Object.keys(ring));
      for (const [key, values] of Object.entries(mpi)) {
        values.forEach((value, i) => {
          const [m, r] = [fromHex(value), fromHex(ring[key]![i]!)];
          expect(m.length, `${key}[${i}]`).toBe(r.length);
          // sums (0, 1) may differ in the last bits: another order of summation, bounded by
          // size · ε · Σ|x| per element; broadcasts and gathers are exact
          if (key !== 'allgather' && i < 2) {
            const inputs = [...Array(np).keys()].map((rank) => mixedFloats(rank, m.length, i));
            for (let j = 0; j < m.length; j++) {
              const magnitude = inputs.reduce((a, x) => a + Math.abs(x[j]!), 0) / (i === 1 ? np : 1);
              const bound = np * 2 ** -23 * magnitude + 1e-30;
              if (Math.abs(m[j]! - r[j]!) > bound) {
                expect.fail(
                  `${key} ${i === 0 ? 'sum' : 'mean'}[${j}]: MPI ${m[j]}, ring ${r[j]}, bound ${bound}`,
                );
              }
            }
          } else {
            expect(value, `${key}[${i}]`).toBe(ring[key]![i]);
          }
        });
      }
    });
  }

  it('ranks that call different collectives fail with a message naming both calls, not a hang', async () => {
    const run = await mpirun(2, 'mismatch', { env: { NNUNET_TIMEOUT_MS: '20000' } });
    expect(run.code).not.toBe(0);
    expect(run.ms).toBeLessThan(20_000);
    for (const rank of [0, 1]) {
      expect(run.stdout).toContain(
        `caught: rank ${rank}: the ranks called different collectives: rank 0 called barrier #1, ` +
          'rank 1 called allreduce #1 (sum, 8 floats) (at epoch 0 step 7)',
      );
    }
  });

  it('a stalled rank trips the watchdog: the job is aborted, naming the collective and the step', async () => {
    const run = await mpirun(2, 'stall', { env: { NNUNET_TIMEOUT_MS: '1500' } });
    expect(run.code).not.toBe(0);
    expect(run.ms).toBeLessThan(15_000);
    expect(run.stderr).toMatch(
      /nnunet-ts rank 0: allreduce #2 \(mean, 16 floats\) at epoch 2 step 41 did not complete within 1\.5 s/,
    );
  });

  it('a rank killed mid-allreduce ends the job quickly, and a survivor names it and the step', async () => {
    const run = await mpirun(2, 'kill', { env: { NNUNET_TIMEOUT_MS: '30000' } });
    expect(run.code).not.toBe(0);
    expect(run.ms).toBeLessThan(15_000);
    expect(run.stderr).toMatch(
      /nnunet-ts rank 0: rank 1 vanished \(its process ended without closing\) (during|after) allreduce #\d+ \(mean, 4194304 floats\) at epoch 1 step 12/,
    );
  });
});
