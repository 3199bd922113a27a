import { DEFAULT_OVERSAMPLING } from '@nnunet-ts/augment';
import { datasetFolderOptions } from '@nnunet-ts/datasets';
import { DIST_BACKEND_CHOICES, type DistBackendChoice } from '@nnunet-ts/distributed';
import { BASE_FILTERS, configurationNameSchema, plannerOptions } from '@nnunet-ts/plans';
import { z } from 'zod';

/**
 * The options of `nnunet train` and `nx run trainer:train`, with the seed's flag names
 * (`--learning-rate`, `--deep-supervision`, ...; the underscore spellings work too) and the seed's
 * code defaults. Where the seed's README and code disagree, the code wins and the description says so.
 */
export const trainOptionsSchema = z.object({
  execMode: z
    .enum(['train', 'evaluate', 'predict', 'export'])
    .default('train')
    .describe(
      "train; or, from the fold's best (else last) checkpoint: evaluate on the validation fold, predict the test images, export the model folder",
    ),
  ...datasetFolderOptions,
  data: datasetFolderOptions.data.describe(
    `${datasetFolderOptions.data.description}; with neither, the built-in phantom dataset`,
  ),
  results: z
    .string()
    .optional()
    .describe(
      'folder for plans, preprocessed stores, checkpoints, logs and models ($NNUNET_RESULTS, else ./results)',
    ),
  ...plannerOptions,
  baseFilters: z
    .int()
    .positive()
    .default(BASE_FILTERS)
    .describe('filters of the first stage, doubled per stage up to the cap'),
  maxFilters: z
    .int()
    .positive()
    .optional()
    .describe(
      'cap on filters per stage (default: 320 in 3D, 512 in 2D as the seed); smaller trains faster on a CPU',
    ),
  dim: z.literal([2, 3]).default(3).describe('U-Net dimension'),
  configuration: configurationNameSchema
    .optional()
    .describe(
      'configuration by name (3d_lowres: planned for large images; default from --dim); its dimension must be --dim',
    ),
  fold: z
    .union([z.int().min(0), z.literal('all')])
    .default(0)
    .describe(
      'cross-validation fold to train and validate on; all: every case, no validation (as nnU-Net v2)',
    ),
  nfolds: z.int().min(2).default(5).describe('number of cross-validation folds'),
  epochs: z.int().positive().default(1000).describe('training epochs'),
  stepsPerEpoch: z
    .int()
    .positive()
    .optional()
    .describe('steps per epoch (default: training cases / batch size, as the seed)'),
  batchSize: z.int().positive().default(2).describe('batch size (2D: slices per batch)'),
  learningRate: z.number().positive().default(3e-4).describe('initial learning rate'),
  optimizer: z.enum(['adam', 'sgd', 'radam']).default('adam').describe('optimizer'),
  momentum: z.number().min(0).max(1).default(0.99).describe('SGD momentum'),
  weightDecay: z
    .number()
    .min(0)
    .default(1e-4)
    .describe('L2 penalty on weights that are not normalisation parameters'),
  lookahead: z.boolean().default(false).describe('wrap the optimizer in Lookahead'),
  scheduler: z
    .enum(['none', 'poly', 'cosine', 'cosine_annealing'])
    .default('cosine_annealing')
    .describe('learning-rate schedule (the seed code default; its README says none)'),
  endLearningRate: z.number().min(0).default(1e-5).describe('final learning rate of the poly schedule'),
  cosineAnnealingFirstCycleSteps: z
    .int()
    .positive()
    .default(4096)
    .describe('steps in the first cosine-annealing cycle'),
  cosineAnnealingAlpha: z
    .number()
    .min(0)
    .max(1)
    .default(0.1)
    .describe('floor of each cosine-annealing cycle, as a fraction'),
  deepSupervision: z
    .boolean()
    .default(false)
    .describe('two extra full-resolution heads on the decoder, weighted 0.5^i'),
  norm: z.enum(['instance', 'batch', 'group', 'none']).default('instance').describe('normalization layer'),
  negativeSlope: z.number().min(0).default(0.01).describe('LeakyReLU negative slope'),
  lossBatchReduction: z.boolean().default(true).describe('Dice over the whole batch at once'),
  lossIncludeBackground: z.boolean().default(false).describe('include the background class in the Dice loss'),
  oversampling: z
    .number()
    .min(0)
    .max(1)
    .default(DEFAULT_OVERSAMPLING)
    .describe('probability that a patch is centred on foreground'),
  nvol: z.int().positive().default(2).describe('2D: volumes each batch draws its slices from'),
  numWorkers: z.int().min(0).default(2).describe('augmentation worker processes (the seed: 8 DALI threads)'),
  augment: z
    .enum(['nvidia', 'nnunet'])
    .default('nvidia')
    .describe("augmentation pipeline: the seed's or nnU-Net v2's"),
  skipEval: z.int().min(0).default(0).describe('epochs to train before the first validation'),
  overlap: z
    .number()
    .min(0)
    .max(0.95)
    .default(0.25)
    .describe('sliding-window overlap (seed code 0.25; its README says 0.5)'),
  blend: z
    .enum(['gaussian', 'constant'])
    .default('constant')
    .describe('sliding-window blending (seed code constant)'),
  tta: z.boolean().default(false).describe('mirror test-time augmentation in validation and prediction'),
  savePreds: z.boolean().default(false).describe('save predicted probabilities'),
  ckptStrategy: z
    .enum(['last_and_best', 'last_only', 'none'])
    .default('last_and_best')
    .describe('which checkpoints to keep'),
  ckptDir: z.string().optional().describe('checkpoint folder (default: <results>/ckpt)'),
  resumeTraining: z.boolean().default(false).describe('continue from the last checkpoint'),
  seed: z.int().min(0).optional().describe('random seed (default: random, as the seed)'),
  logname: z.string().default('dllogger.json').describe('DLLogger file name under --results'),
  quiet: z.boolean().default(false).describe('print only the final summary'),
  benchmark: z
    .boolean()
    .default(false)
    .describe('measure throughput and latency instead of training to the end'),
  warmupSteps: z.int().min(0).default(100).describe('benchmark: steps before timing'),
  benchSteps: z.int().positive().default(200).describe('benchmark: timed steps'),
  amp: z
    .boolean()
    .default(false)
    .describe('accepted for compatibility: tfjs has no float16 compute, training stays float32'),
  xla: z.boolean().default(false).describe('accepted for compatibility: tfjs has no XLA, nothing changes'),
  backend: z.enum(['auto', 'tensorflow', 'native', 'wasm', 'cpu']).default('auto').describe('tfjs backend'),
  gpus: z
    .int()
    .positive()
    .default(1)
    .describe(
      'data-parallel ranks on this host, one process per GPU (as horovodrun -np N): N > 1 relaunches the command through nnunet-run with CUDA_VISIBLE_DEVICES = local rank; each rank uses cores / N kernel threads unless NNUNET_NUM_THREADS is set',
    ),
  distBackend: z
    .enum(DIST_BACKEND_CHOICES as [DistBackendChoice, ...DistBackendChoice[]])
    .optional()
    .describe(
      'data parallel: the engine of the collectives; auto (the default, or NNUNET_DIST_BACKEND) takes MPI when mpirun or srun started the ranks and the MPI addon is built, else the TCP ring',
    ),
  fusionThresholdMb: z
    .number()
    .min(0)
    .default(64)
    .describe(
      "data parallel: gradients are averaged in fused allreduce buffers of at most this many MiB (Horovod's HOROVOD_FUSION_THRESHOLD); 0 sends each gradient alone",
    ),
  preset: z
    .enum(['nvidia', 'nnunet'])
    .default('nvidia')
    .describe(
      "nnunet: nnU-Net v2's recipe (SGD, Nesterov 0.99, lr 1e-2, poly to 0, deep supervision, nnU-Net augmentation)",
    ),
});

export type TrainOptions = z.output<typeof trainOptionsSchema>;

/** Checks that go beyond one flag's own range; returns the problems as messages. */
export function trainOptionProblems(options: TrainOptions): string[] {
  const problems: string[] = [];
  if (options.fold !== 'all' && options.fold >= options.nfolds) {
    problems.push(
      `--fold ${options.fold} does not exist with --nfolds ${options.nfolds} (folds are 0..${options.nfolds - 1})`,
    );
  }
  const configurationDim =
    options.configuration === undefined ? options.dim : options.configuration === '2d' ? 2 : 3;
  if (configurationDim !== options.dim) {
    problems.push(
      `--configuration ${options.configuration} trains a ${configurationDim}D U-Net: give --dim ${configurationDim}`,
    );
  }
  if (options.dim === 2 && options.batchSize % options.nvol !== 0) {
    problems.push(`2D: --batch-size ${options.batchSize} must be a multiple of --nvol ${options.nvol}`);
  }
  if (options.gpus > 1 && options.execMode !== 'train') {
    problems.push(`--exec-mode ${options.execMode} runs in one process: leave out --gpus ${options.gpus}`);
  }
  return problems;
}

/**
 * nnU-Net v2's training recipe, applied over the seed defaults by `--preset nnunet`. Options the user
 * set win: those named in `explicit`, or else those whose value differs from the default.
 */
export function applyPreset(options: TrainOptions, explicit?: ReadonlySet<string>): TrainOptions {
  if (options.preset !== 'nnunet') return options;
  const defaults = trainOptionsSchema.parse({}) as Record<string, unknown>;
  const userSet =
    explicit ??
    new Set(Object.keys(options).filter((key) => options[key as keyof TrainOptions] !== defaults[key]));
  const recipe: Partial<TrainOptions> = {
    optimizer: 'sgd',
    momentum: 0.99,
    learningRate: 1e-2,
    scheduler: 'poly',
    endLearningRate: 0,
    weightDecay: 3e-5,
    deepSupervision: true,
    augment: 'nnunet',
    overlap: 0.5,
    blend: 'gaussian',
    tta: true,
  };
  // flags the user gave on the command line win over the preset
  const kept = Object.fromEntries(Object.entries(recipe).filter(([key]) => !userSet.has(key)));
  return { ...options, ...kept };
}
