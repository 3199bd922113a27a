import { spawnSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const workspaceRoot = resolve(fileURLToPath(import.meta.url), '../../..');

function runFuzz(...args: string[]) {
  return spawnSync(
    process.execPath,
    [
      '--conditions=@nnunet-ts/source',
      '--import',
      'tsx',
      join(workspaceRoot, 'tools/fuzz/runFuzz.ts'),
      ...args,
    ],
    { cwd: workspaceRoot, encoding: 'utf8' },
  );
}

describe('tools/fuzz/runFuzz.ts', () => {
  it('runs a parser for the cases asked, reports them per property and in total, and exits 0', () => {
    const run = runFuzz('--runs', '60', '--seed', '3', '--parser', 'plans');
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('fuzzing plans: 60 cases per parser, seed 3');
    expect(run.stdout).toMatch(/^plans: 60 cases, 0 failed properties, [\d.]+ s$/m);
    expect(run.stdout.match(/^ {2}plans: .*: \d+ cases, [\d.]+ s$/gm)?.length).toBe(5);
  });

  it('refuses an unknown parser or a bad count with exit code 2', () => {
    const unknown = runFuzz('--parser', 'yaml');
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toContain(
      'unknown parser yaml; known: nifti, npy, dataset-json, splits, plans, model-folder',
    );
    expect(runFuzz('--runs', '0').status).toBe(2);
  });
});
