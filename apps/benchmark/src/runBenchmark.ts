import { writeFileSync } from 'node:fs';
import { basename, extname, join } from 'node:path';
import { initBackend, tf, type BackendReport } from '@nnunet-ts/tf-backend';
import { networkClassOf } from '@nnunet-ts/plans';
import { buildUNet } from '@nnunet-ts/unet-model';
import { benchmarkOptions, type BenchmarkOptions, type BenchmarkOptionsInput } from './benchmarkOptions';
import { performanceStats, type PerformanceStats } from './performanceStats';
import { benchmarkTopology, type BenchmarkNetwork } from './internal/benchmarkTopology';
import { formatHeader, formatProfile, formatStats } from './internal/formatReport';
import { predictStep } from './internal/predictStep';
import { profileKernels, type KernelProfile } from './internal/profileKernels';
import { syntheticBatch } from './internal/syntheticBatch';
import { timeSteps } from './internal/timeSteps';
import { trainStep } from './internal/trainStep';
import { writePerfLog } from './internal/writePerfLog';

export interface BenchmarkResult {
  options: BenchmarkOptions;
  backend: BackendReport;
  topology: BenchmarkNetwork;
  /** duration of each timed step, ms */
  deltasMs: number[];
  stats: PerformanceStats;
  /** with `profile: true` */
  profile?: KernelProfile;
  /** the DLLogger file written */
  logPath: string;
  /** with `profile: true`: the whole profile as JSON, beside the DLLogger file */
  profilePath?: string;
}

/** Where the report (stdout) and progress lines and notes (stderr) go. */
export interface BenchmarkIo {
  readonly stdout: { write(text: string): unknown };
  readonly stderr: { write(text: string): unknown };
}

/**
 * The seed's benchmark on synthetic patches: builds the U-Net of `--patch-size` on the chosen
 * backend, runs the warmup and timed steps (a training step or a forward pass), prints throughput and
 * latency, writes them to `<results>/<logname>` as DLLogger lines, and with `profile` times the
 * kernels of one more step (printed, and saved as `<results>/<logname stem>.profile.json`).
 */
export async function runBenchmark(
  input: BenchmarkOptionsInput,
  io: BenchmarkIo = process,
): Promise<BenchmarkResult> {
  const parsed = benchmarkOptions.safeParse(input);
  if (!parsed.success) {
    const problems = parsed.error.issues.map(
      (issue) => `${issue.path.join('.') || 'options'}: ${issue.message}`,
    );
    throw new Error(`runBenchmark: invalid options: ${problems.join('; ')}`);
  }
  const options = parsed.data;
  const topology = benchmarkTopology(options);
  if (options.amp)
    io.stderr.write('note: --amp has no effect: tfjs has no float16 compute, the run is float32\n');
  if (options.xla) io.stderr.write('note: --xla has no effect: tfjs has no XLA compiler\n');

  const backend = await initBackend({ backend: options.backend });
  io.stdout.write(formatHeader(options, topology, backend));
  const model = buildUNet({
    topology,
    inChannels: options.inChannels,
    classes: options.classes,
    norm: options.norm,
    negativeSlope: options.negativeSlope,
    // the seed's inference model returns the main head only
    deepSupervision: options.deepSupervision && options.mode === 'train',
    seed: options.seed,
  });
  const batch = syntheticBatch({ ...options, patchSize: topology.patchSize });
  const step =
    options.mode === 'train' ? trainStep(model, batch, options.classes) : predictStep(model, batch);
  let deltasMs: number[];
  let profile: KernelProfile | undefined;
  try {
    deltasMs = await timeSteps(step, {
      warmupSteps: options.warmupSteps,
      benchSteps: options.benchSteps,
      onStep: ({ index, phase, ms, cpuMs }) => {
        if (options.quiet) return;
        const count = phase === 'warmup' ? options.warmupSteps : options.benchSteps;
        const number = phase === 'warmup' ? index + 1 : index + 1 - options.warmupSteps;
        io.stderr.write(`${phase} ${number}/${count}  ${ms.toFixed(0)} ms (cpu ${cpuMs.toFixed(0)} ms)\n`);
      },
    });
    if (options.profile) profile = await profileKernels(() => step.run());
  } finally {
    step.dispose();
    tf.dispose([batch.image, batch.label]);
    model.dispose();
  }

  const stats = performanceStats(deltasMs, options.batchSize, options.mode);
  const logPath = join(options.results, options.logname);
  await writePerfLog(logPath, options.mode, logParameters(options, topology, backend), stats);
  io.stdout.write(formatStats(stats));
  io.stdout.write(`\nDLLogger: ${logPath}\n`);
  let profilePath: string | undefined;
  if (profile) {
    profilePath = join(
      options.results,
      `${basename(options.logname, extname(options.logname))}.profile.json`,
    );
    writeFileSync(profilePath, `${JSON.stringify(profile, null, 1)}\n`);
    io.stdout.write(`\n${formatProfile(profile, options.mode)}\nprofile: ${profilePath}\n`);
  }
  return { options, backend, topology, deltasMs, stats, profile, logPath, profilePath };
}

/** The run's parameters under the seed's snake_case argument names. */
function logParameters(options: BenchmarkOptions, topology: BenchmarkNetwork, backend: BackendReport) {
  return {
    exec_mode: options.mode,
    dim: options.dim,
    batch_size: options.batchSize,
    warmup_steps: options.warmupSteps,
    bench_steps: options.benchSteps,
    patch_size: topology.patchSize,
    in_channels: options.inChannels,
    n_class: options.classes,
    network: networkClassOf(topology),
    filters: topology.filters,
    strides: topology.strides,
    kernels: topology.kernels,
    ...(topology.networkClassName === 'ResidualEncoderUNet'
      ? {
          n_blocks_per_stage: topology.nBlocksPerStage,
          n_conv_per_stage_decoder: topology.nConvPerStageDecoder,
        }
      : {}),
    norm: options.norm,
    negative_slope: options.negativeSlope,
    deep_supervision: options.deepSupervision,
    backend: backend.backend,
    seed: options.seed,
    amp: options.amp,
    xla: options.xla,
  };
}
