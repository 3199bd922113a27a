import { describe, expect, it } from 'vitest';
import { parseBenchArgs } from './parseBenchArgs';

function options(argv: string[]) {
  const parsed = parseBenchArgs(argv);
  if (parsed.status !== 'options')
    throw new Error(`expected options, got exit ${parsed.exitCode}: ${parsed.stderr}`);
  return parsed.options;
}

function failure(argv: string[]) {
  const parsed = parseBenchArgs(argv);
  if (parsed.status !== 'exit') throw new Error('expected a usage error');
  return parsed;
}

describe('parseBenchArgs (the nnunet-bench command line)', () => {
  it('fills in the defaults around the required flags', () => {
    expect(options(['--mode', 'train', '--dim', '3', '--batch-size', '2'])).toEqual({
      mode: 'train',
      dim: 3,
      batchSize: 2,
      warmupSteps: 2,
      benchSteps: 10,
      inChannels: 4,
      classes: 4,
      minFmap: 4,
      network: 'plain',
      norm: 'instance',
      negativeSlope: 0.01,
      deepSupervision: false,
      backend: 'auto',
      results: 'results',
      logname: 'perf.json',
      profile: false,
      seed: 0,
      amp: false,
      xla: false,
      quiet: false,
    });
  });

  it("takes the seed's dash and underscore spellings, `=` values and bare switches", () => {
    const parsed = options([
      '--mode=predict',
      '--dim',
      '2',
      '--batch_size',
      '16',
      '--warmup_steps',
      '0',
      '--bench-steps=3',
      '--patch-size',
      '192,160',
      '--negative-slope',
      '2e-2',
      '--deep_supervision',
      '--profile',
      '--backend',
      'cpu',
      '--results',
      '2024',
    ]);
    expect(parsed).toMatchObject({
      mode: 'predict',
      dim: 2,
      batchSize: 16,
      warmupSteps: 0,
      benchSteps: 3,
      patchSize: '192,160',
      negativeSlope: 0.02,
      deepSupervision: true,
      profile: true,
      backend: 'cpu',
      // a numeric-looking folder name stays text
      results: '2024',
    });
  });

  it('names each bad flag with what was wrong, exit 2', () => {
    const bad = failure([
      '--mode',
      'fit',
      '--dim',
      '4',
      '--batch-size',
      '0',
      '--warmup-steps',
      '1.5',
      '--patch-size',
      '64x64x64',
    ]);
    expect(bad.exitCode).toBe(2);
    expect(bad.stderr).toMatch(/^nnunet-bench: invalid command line:\n/);
    expect(bad.stderr).toMatch(/ {2}--mode: .*"train"\|"predict".* \(got 'fit'\)\n/);
    expect(bad.stderr).toMatch(/ {2}--dim: .* \(got '4'\)\n/);
    expect(bad.stderr).toMatch(/ {2}--batch-size: .*>0 \(got '0'\)\n/);
    expect(bad.stderr).toMatch(/ {2}--warmup-steps: .*expected int.* \(got '1.5'\)\n/);
    expect(bad.stderr).toContain(
      "  --patch-size: expected comma-separated sizes such as 64,64,64 (got '64x64x64')\n",
    );
    expect(bad.stderr).toContain('(add --help for usage)');
  });

  it('says which required flags are missing', () => {
    const bad = failure(['--mode', 'train']);
    expect(bad.exitCode).toBe(2);
    expect(bad.stderr).toContain('  --dim is required\n');
    expect(bad.stderr).toContain('  --batch-size is required\n');
  });

  it('rejects unknown flags, values given to switches and stray arguments', () => {
    expect(failure(['--mode', 'train', '--gpus', '8']).stderr).toContain("Unknown option '--gpus'");
    expect(failure(['--profile=yes']).stderr).toContain("--profile' does not take an argument");
    expect(failure(['--mode', 'train', 'extra']).stderr).toContain("Unexpected argument 'extra'");
  });

  it('prints every flag with its default on --help, exit 0', () => {
    const help = failure(['--help']);
    expect(help.exitCode).toBe(0);
    expect(help.stderr).toBe('');
    expect(help.stdout).toMatch(/^usage: nnunet-bench --mode train\|predict --dim 2\|3 --batch-size N/);
    expect(help.stdout).toMatch(/--batch-size, --batch_size <value> +patches per step \(required\)\n/);
    expect(help.stdout).toMatch(/--warmup-steps, --warmup_steps <value> +.*\(default: 2\)\n/);
    expect(help.stdout).toMatch(/--profile +after the timed steps/);
    expect(help.stdout).not.toMatch(/--profile .*default/);
  });
});
