import type { BackendReport } from '@nnunet-ts/tf-backend';
import type { Topology } from '@nnunet-ts/preprocessing';
import type { BenchmarkOptions } from '../benchmarkOptions';
import type { PerformanceStats } from '../performanceStats';
import type { KernelProfile } from './profileKernels';

/** Kernels listed by name in the profile table; the rest are summed in one row. */
const PROFILE_ROWS = 15;

/** What the run measures, on which model and backend. */
export function formatHeader(options: BenchmarkOptions, topology: Topology, backend: BackendReport): string {
  const extras = [
    options.norm === 'none' ? 'no norm' : `${options.norm} norm`,
    `LeakyReLU ${options.negativeSlope}`,
    ...(options.deepSupervision && options.mode === 'train' ? ['deep supervision'] : []),
  ];
  return [
    `nnunet-bench  ${options.mode}, ${options.dim}D U-Net, patch ${topology.patchSize.join('×')}, ` +
      `batch ${options.batchSize}, ${options.inChannels} channels → ${options.classes} classes, ${extras.join(', ')}`,
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

/** The profile as a table of the kernels with the largest share of kernel time. */
export function formatProfile(profile: KernelProfile, mode: string): string {
  const percent = (x: number) => `${(100 * x).toFixed(1)}%`;
  const inKernels = profile.wallMs > 0 ? profile.kernelMs / profile.wallMs : 0;
  const lines = [
    `profile of one ${mode} step: ${profile.wallMs.toFixed(0)} ms wall, ` +
      `${profile.kernelMs.toFixed(0)} ms in kernels (${percent(inKernels)})`,
    `${'kernel'.padEnd(28)}${'calls'.padStart(7)}${'ms'.padStart(11)}${'share'.padStart(8)}`,
  ];
  const row = (name: string, calls: number, ms: number, share: number) =>
    `${name.padEnd(28)}${String(calls).padStart(7)}${ms.toFixed(1).padStart(11)}${percent(share).padStart(8)}`;
  for (const kernel of profile.kernels.slice(0, PROFILE_ROWS)) {
    lines.push(row(kernel.name, kernel.calls, kernel.totalMs, kernel.share));
  }
  const rest = profile.kernels.slice(PROFILE_ROWS);
  if (rest.length > 0) {
    lines.push(
      row(
        `(${rest.length} other kernels)`,
        rest.reduce((sum, k) => sum + k.calls, 0),
        rest.reduce((sum, k) => sum + k.totalMs, 0),
        rest.reduce((sum, k) => sum + k.share, 0),
      ),
    );
  }
  return `${lines.join('\n')}\n`;
}
