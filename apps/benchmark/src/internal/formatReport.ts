import { networkClassOf } from '@nnunet-ts/plans';
import type { BackendReport } from '@nnunet-ts/tf-backend';
import type { BenchmarkNetwork } from './benchmarkTopology';
import type { BenchmarkOptions } from '../benchmarkOptions';
import type { PerformanceStats } from '../performanceStats';
import type { KernelProfile, KernelShare } from './profileKernels';

/** Kernels listed by name in the profile table; the rest are summed in one row. */
const PROFILE_ROWS = 15;

/** What the run measures, on which model and backend. */
export function formatHeader(
  options: BenchmarkOptions,
  topology: BenchmarkNetwork,
  backend: BackendReport,
): string {
  const extras = [
    options.norm === 'none' ? 'no norm' : `${options.norm} norm`,
    `LeakyReLU ${options.negativeSlope}`,
    ...(options.deepSupervision && options.mode === 'train' ? ['deep supervision'] : []),
  ];
  return [
    `nnunet-bench  ${options.mode}, ${options.dim}D U-Net, patch ${topology.patchSize.join('×')}, ` +
      `batch ${options.batchSize}, ${options.inChannels} channels → ${options.classes} classes, ${extras.join(', ')}`,
    `network       ${networkClassOf(topology)}${
      topology.networkClassName === 'ResidualEncoderUNet'
        ? `, blocks ${topology.nBlocksPerStage.join(',')}, decoder convs ${topology.nConvPerStageDecoder.join(',')}`
        : ''
    }`,
    `filters       ${topology.filters.join(',')}`,
    `strides       ${topology.strides.map((s) => s.join('')).join(' ')}`,
    `backend       ${backend.backend} (${backend.reason})`,
    `steps         ${options.warmupSteps} warmup + ${options.benchSteps} timed`,
    '',
  ].join('\n');
}

/** One line per statistic, in the order of the seed's keys. */
export function formatStats(stats: PerformanceStats): string {
  const width = Math.max(...Object.keys(stats).map((key) => key.length)) + 2;
  return Object.entries(stats)
    .map(([key, value]) => {
      const unit = key.startsWith('throughput_') ? 'img/s' : 'ms';
      const digits = unit === 'ms' ? 1 : 4;
      return `${key.padEnd(width)}${value.toFixed(digits)} ${unit}\n`;
    })
    .join('');
}

/**
 * The profile as two tables: kernels by their share of the step's wall time (and the time outside
 * kernels), then the costliest calls by input shapes.
 */
export function formatProfile(profile: KernelProfile, mode: string): string {
  const outsideMs = profile.wallMs - profile.kernelMs;
  const lines = [
    `profile of one ${mode} step: ${profile.wallMs.toFixed(0)} ms wall; share = part of the wall time`,
    row('kernel', 'calls', 'ms', 'share'),
  ];
  for (const kernel of profile.kernels.slice(0, PROFILE_ROWS)) lines.push(shareRow(kernel.name, kernel));
  const rest = profile.kernels.slice(PROFILE_ROWS);
  if (rest.length > 0) {
    const sum = (pick: (k: KernelShare) => number) => rest.reduce((total, k) => total + pick(k), 0);
    lines.push(
      shareRow(`(${rest.length} other kernels)`, {
        calls: sum((k) => k.calls),
        totalMs: sum((k) => k.totalMs),
        share: sum((k) => k.share),
      }),
    );
  }
  lines.push(
    shareRow('(outside tfjs kernels)', {
      calls: 0,
      totalMs: outsideMs,
      share: profile.wallMs > 0 ? outsideMs / profile.wallMs : 0,
    }),
  );
  // kernel and shapes last, as they are too long for a column
  lines.push('', `${'calls'.padStart(6)}${'ms'.padStart(11)}${'share'.padStart(8)}  kernel on input shapes`);
  for (const group of profile.byShape.slice(0, PROFILE_ROWS)) {
    const shapes = group.inputShapes.map((shape) => (shape ? `[${shape.join(',')}]` : '-')).join(' ');
    lines.push(
      `${String(group.calls).padStart(6)}${group.totalMs.toFixed(1).padStart(11)}` +
        `${percent(group.share).padStart(8)}  ${group.name} ${shapes}`,
    );
  }
  return `${lines.join('\n')}\n`;
}

function percent(x: number): string {
  return `${(100 * x).toFixed(1)}%`;
}

function row(name: string, calls: string, ms: string, share: string): string {
  return `${name.padEnd(28)} ${calls.padStart(6)}${ms.padStart(11)}${share.padStart(8)}`;
}

function shareRow(name: string, { calls, totalMs, share }: Omit<KernelShare, 'name'>): string {
  return row(name, String(calls), totalMs.toFixed(1), percent(share));
}
