import { z } from 'zod';

const BACKENDS = ['auto', 'tensorflow', 'native', 'wasm', 'cpu'] as const;

/**
 * Options of `nnunet-bench` and `nnunet benchmark`, with the flag names of the seed's
 * `scripts/benchmark.py` / `main.py --benchmark`. Defaults that differ from the seed's are noted in
 * the descriptions (a CPU step takes seconds, so the seed's 100 + 200 steps would take hours).
 */
export const benchmarkOptions = z.object({
  mode: z
    .enum(['train', 'predict'])
    .describe('train: forward, loss, backward and Adam; predict: forward only'),
  dim: z.literal([2, 3]).describe('U-Net dimension, 2 or 3'),
  batchSize: z.int().positive().describe('patches per step'),
  warmupSteps: z
    .int()
    .min(0)
    .default(2)
    .describe('untimed steps before the timed ones (the seed script uses 100)'),
  benchSteps: z
    .int()
    .positive()
    .default(10)
    .describe('timed steps after the warmup (the seed script uses 200, warmup included)'),
  patchSize: z
    .string()
    .regex(/^\s*\d+(\s*,\s*\d+)*\s*$/, 'expected comma-separated sizes such as 64,64,64')
    .optional()
    .describe("patch size, e.g. 64,64,64; default the seed's task 01 patch (128,128,128 or 192,160)"),
  inChannels: z.int().positive().default(4).describe('input channels (task 01: 4 MRI modalities)'),
  classes: z.int().min(2).default(4).describe('output classes, background included (task 01: 4)'),
  minFmap: z
    .int()
    .positive()
    .default(4)
    .describe("an axis is downsampled while at least 2·min-fmap long (seed rule: 4; NVIDIA's PyTorch flag)"),
  network: z
    .enum(['plain', 'resenc'])
    .default('plain')
    .describe(
      "plain: the seed's U-Net (v2's PlainConvUNet); resenc: v2's ResidualEncoderUNet of the ResEnc M/L/XL presets (1,3,4,6,6,... residual blocks per encoder stage, 1 conv per decoder stage)",
    ),
  norm: z
    .enum(['instance', 'batch', 'group', 'none'])
    .default('instance')
    .describe('normalization layers: instance, batch, group or none'),
  negativeSlope: z.number().min(0).default(0.01).describe('negative slope of the LeakyReLU'),
  deepSupervision: z
    .boolean()
    .default(false)
    .describe('two extra heads, as in training with deep supervision'),
  backend: z
    .enum(BACKENDS)
    .default('auto')
    .describe('tfjs backend; auto tries tfjs-node-gpu, tfjs-node, native, wasm, cpu in turn'),
  results: z.string().default('results').describe('folder of the DLLogger file (the seed uses /results)'),
  logname: z.string().min(1).default('perf.json').describe('DLLogger file name'),
  profile: z
    .boolean()
    .default(false)
    .describe('after the timed steps, profile one more step and print the time share of each kernel'),
  seed: z.int().default(0).describe('seed of the weights and the synthetic batch'),
  amp: z
    .boolean()
    .default(false)
    .describe('accepted for the seed; tfjs has no float16 compute, runs float32'),
  xla: z.boolean().default(false).describe('accepted for the seed; tfjs has no XLA, has no effect'),
  quiet: z.boolean().default(false).describe('no per-step progress lines'),
});

/** Options as a library caller writes them (defaults may be left out). */
export type BenchmarkOptionsInput = z.input<typeof benchmarkOptions>;
/** Options with every default filled in. */
export type BenchmarkOptions = z.output<typeof benchmarkOptions>;
