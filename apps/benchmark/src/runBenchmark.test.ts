import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readDllogger, type DllLogRecord } from '@nnunet-ts/logging';
import { initBackend, tf } from '@nnunet-ts/tf-backend';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runBenchmark } from './runBenchmark';

const dir = mkdtempSync(join(tmpdir(), 'nnunet-bench-'));
// tf.memory() below needs an initialised backend
beforeAll(() => initBackend({ backend: 'cpu' }));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function capture() {
  const out = { stdout: '', stderr: '' };
  const io = {
    stdout: { write: (text: string) => (out.stdout += text) },
    stderr: { write: (text: string) => (out.stderr += text) },
  };
  return { io, out };
}

const SEED_KEYS = (mode: string) => [
  `throughput_${mode}`,
  `latency_${mode}_mean`,
  `latency_${mode}_50`,
  `latency_${mode}_90`,
  `latency_${mode}_95`,
  `latency_${mode}_99`,
];

describe('runBenchmark end to end (tiny patches, tfjs cpu backend)', () => {
  it('times 2 warmup + 3 training steps and writes the DLLogger file with the seed keys', async () => {
    const { io, out } = capture();
    const tensorsBefore = tf.memory().numTensors;
    const result = await runBenchmark(
      {
        mode: 'train',
        dim: 3,
        batchSize: 2,
        warmupSteps: 2,
        benchSteps: 3,
        patchSize: '8,8,8',
        inChannels: 2,
        classes: 3,
        backend: 'cpu',
        results: join(dir, 'train'),
        profile: true,
      },
      io,
    );
    // the model, optimizer slots and batch are released
    expect(tf.memory().numTensors).toBe(tensorsBefore);
    expect(result.backend.backend).toBe('cpu');
    expect(result.topology.filters).toEqual([32, 64]);
    expect(result.deltasMs).toHaveLength(3);
    const mean = result.deltasMs.reduce((a, b) => a + b, 0) / 3;
    expect(result.stats.throughput_train).toBeCloseTo(2000 / mean, 9);
    expect(result.stats.latency_train_50).toBe([...result.deltasMs].sort((a, b) => a - b)[1]);
    expect(out.stderr.match(/^(warmup [12]\/2|bench [123]\/3) {2}\d+ ms \(cpu \d+ ms\)$/gm)).toHaveLength(5);

    expect(result.logPath).toBe(join(dir, 'train', 'perf.json'));
    const { records, malformed } = await readDllogger(result.logPath);
    expect(malformed).toEqual([]);
    const logs = records.filter((r): r is DllLogRecord => r.type === 'LOG');
    const parameters = logs.find((r) => r.step === 'PARAMETER')!;
    expect(parameters.data).toMatchObject({
      exec_mode: 'train',
      dim: 3,
      batch_size: 2,
      patch_size: [8, 8, 8],
      in_channels: 2,
      n_class: 3,
      filters: [32, 64],
      backend: 'cpu',
    });
    const summary = logs.find((r) => Array.isArray(r.step) && r.step.length === 0)!;
    expect(Object.keys(summary.data)).toEqual(SEED_KEYS('train'));
    for (const [key, value] of Object.entries(result.stats)) expect(summary.data[key]).toBeCloseTo(value, 9);
    expect(out.stdout).toMatch(/^throughput_train +\d+\.\d{4} img\/s$/m);
    expect(out.stdout).toMatch(/^latency_train_99 +\d+\.\d ms$/m);

    // the profiled step really trains: backward convolutions run; kernels and the time outside
    // them make up the step's wall time
    const profile = result.profile!;
    const names = profile.kernels.map((k) => k.name);
    expect(names).toEqual(
      expect.arrayContaining(['Conv3D', 'Conv3DBackpropFilterV2', 'Conv3DBackpropInputV2']),
    );
    expect(profile.kernelMs).toBeLessThanOrEqual(profile.wallMs);
    expect(profile.kernels.reduce((sum, k) => sum + k.totalMs, 0)).toBeCloseTo(profile.kernelMs, 6);
    const shares = profile.kernels.reduce((sum, k) => sum + k.share, 0);
    expect(shares + (profile.wallMs - profile.kernelMs) / profile.wallMs).toBeCloseTo(1, 9);
    expect(out.stdout).toMatch(/^profile of one train step: \d+ ms wall/m);
    expect(out.stdout).toMatch(/^\(outside tfjs kernels\) +0 +\d+\.\d +\d+\.\d%$/m);
    expect(result.profilePath).toBe(join(dir, 'train', 'perf.profile.json'));
    expect(JSON.parse(readFileSync(result.profilePath!, 'utf8'))).toEqual(profile);
    expect(out.stdout).toMatch(/^Conv3DBackpropFilterV2 +\d+ +\d+\.\d +\d+\.\d%$/m);
  });

  it('times forward passes only in predict mode', async () => {
    const { io, out } = capture();
    const result = await runBenchmark(
      {
        mode: 'predict',
        dim: 2,
        batchSize: 4,
        warmupSteps: 1,
        benchSteps: 2,
        patchSize: '16,16',
        inChannels: 1,
        classes: 2,
        backend: 'cpu',
        results: join(dir, 'predict'),
        logname: 'infer.json',
        profile: true,
        quiet: true,
      },
      io,
    );
    expect(out.stderr).toBe('');
    expect(result.deltasMs).toHaveLength(2);
    const names = result.profile!.kernels.map((k) => k.name);
    // each kernel has at least one group of input shapes; rows end with the kernel and its shapes
    expect(result.profile!.byShape.length).toBeGreaterThanOrEqual(names.length);
    expect(out.stdout).toMatch(/^ +\d+ +\d+\.\d +\d+\.\d% {2}\w+ (\[[\d,]*\]|-)( (\[[\d,]*\]|-))*$/m);
    expect(names.some((name) => name.startsWith('Conv2D') || name === 'FusedConv2D')).toBe(true);
    expect(names.filter((name) => name.includes('Backprop') && name !== 'Conv2DBackpropInput')).toEqual([]);
    const { records } = await readDllogger(join(dir, 'predict', 'infer.json'));
    const summary = records.find((r): r is DllLogRecord => r.type === 'LOG' && Array.isArray(r.step))!;
    expect(Object.keys(summary.data)).toEqual(SEED_KEYS('predict'));
  });

  it('trains with deep-supervision heads', async () => {
    const { io } = capture();
    const result = await runBenchmark(
      {
        mode: 'train',
        dim: 2,
        batchSize: 1,
        warmupSteps: 0,
        benchSteps: 1,
        patchSize: '16,16',
        inChannels: 1,
        classes: 2,
        minFmap: 2,
        deepSupervision: true,
        // stock tfjs cpu needs seconds for the 256-filter backward convolutions: take the fastest
        backend: 'auto',
        results: join(dir, 'ds'),
        quiet: true,
      },
      io,
    );
    expect(result.topology.filters).toHaveLength(4);
    const { records } = await readDllogger(result.logPath);
    const parameters = records.find((r): r is DllLogRecord => r.type === 'LOG' && r.step === 'PARAMETER')!;
    expect(parameters.data.deep_supervision).toBe(true);
  });

  it('--network resenc times the ResEnc network on the same stages and logs its blocks', async () => {
    const { io, out } = capture();
    const result = await runBenchmark(
      {
        mode: 'train',
        dim: 3,
        batchSize: 1,
        warmupSteps: 0,
        benchSteps: 1,
        patchSize: '8,8,8',
        inChannels: 1,
        classes: 2,
        network: 'resenc',
        backend: 'cpu',
        results: join(dir, 'resenc'),
        profile: true,
        quiet: true,
      },
      io,
    );
    expect(result.topology.filters).toEqual([32, 64]);
    expect(out.stdout).toMatch(/^network +ResidualEncoderUNet, blocks 1,3, decoder convs 1$/m);
    // the strided block's skip is average-pooled, forward and backward
    expect(result.profile!.kernels.map((k) => k.name)).toEqual(
      expect.arrayContaining(['AvgPool3D', 'AvgPool3DGrad']),
    );
    const { records } = await readDllogger(result.logPath);
    const parameters = records.find((r): r is DllLogRecord => r.type === 'LOG' && r.step === 'PARAMETER')!;
    expect(parameters.data).toMatchObject({
      network: 'ResidualEncoderUNet',
      n_blocks_per_stage: [1, 3],
      n_conv_per_stage_decoder: [1],
    });
  });

  it('rejects bad options before loading a backend, naming them', async () => {
    const { io } = capture();
    await expect(runBenchmark({ mode: 'train', dim: 3, batchSize: 0 }, io)).rejects.toThrow(
      'runBenchmark: invalid options: batchSize: Too small: expected number to be >0',
    );
    await expect(
      runBenchmark({ mode: 'train', dim: 3, batchSize: 1, patchSize: '9,16,16' }, io),
    ).rejects.toThrow("patch size 9 on axis 0 is not divisible by the network's total stride 2");
  });

  it('says that --amp and --xla change nothing', async () => {
    const { io, out } = capture();
    await runBenchmark(
      {
        mode: 'predict',
        dim: 2,
        batchSize: 1,
        warmupSteps: 0,
        benchSteps: 1,
        patchSize: '8,8',
        inChannels: 1,
        classes: 2,
        backend: 'cpu',
        results: join(dir, 'amp'),
        amp: true,
        xla: true,
        quiet: true,
      },
      io,
    );
    expect(out.stderr).toBe(
      'note: --amp has no effect: tfjs has no float16 compute, the run is float32\n' +
        'note: --xla has no effect: tfjs has no XLA compiler\n',
    );
  });
});
