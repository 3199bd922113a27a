import { benchmarkOptions } from '@nnunet-ts/benchmark/options';
import { defineCommand } from '../internal/defineCommand';

/** `nnunet benchmark`: the same run and options as `nnunet-bench` (apps/benchmark). */
export const benchmarkCommand = defineCommand({
  name: 'benchmark',
  summary: 'throughput and latency of a U-Net training step or forward pass on synthetic patches',
  description:
    "The seed's benchmark (scripts/benchmark.py) on synthetic patches: builds the U-Net of --patch-size, " +
    'runs --warmup-steps untimed and --bench-steps timed steps (--mode train: forward, Dice+CE loss, ' +
    'backward, Adam; --mode predict: forward only), prints throughput (img/s) and latency mean/p50/p90/p95/p99 ' +
    '(ms per batch) and writes them to <results>/<logname> as DLLogger lines. --profile adds the time ' +
    'share of each tfjs kernel in one more step.',
  options: benchmarkOptions,
  async run(options, io) {
    // loaded here, not at the top, so that other commands and --help do not pay for loading tfjs
    const { runBenchmark } = await import('@nnunet-ts/benchmark');
    await runBenchmark(options, io);
  },
});
