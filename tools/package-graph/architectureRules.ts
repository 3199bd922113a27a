/**
 * The package table of ARCHITECTURE.md as data: which workspace packages each package may
 * depend on (directly; what those depend on is allowed too), and which tfjs packages it may use.
 */
export type TfjsAccess =
  /** no `@tensorflow/*` import at all (typed-array packages, distributed, logging) */
  | 'none'
  /** tfjs core/layers/umbrella, but no backend package */
  | 'core'
  /** anything, backends included: only tf-backend */
  | 'backends';

export interface PackageRule {
  dependsOn: readonly string[];
  tfjs: TfjsAccess;
}

export const architectureRules: Readonly<Record<string, PackageRule>> = {
  volume: { dependsOn: [], tfjs: 'none' },
  // the checked plan and the topology rules: zod only, browser-safe, read by every stage
  plans: { dependsOn: [], tfjs: 'none' },
  'io-nifti': { dependsOn: ['volume'], tfjs: 'none' },
  datasets: { dependsOn: ['volume', 'io-nifti', 'plans'], tfjs: 'none' },
  preprocessing: { dependsOn: ['volume', 'io-nifti', 'datasets', 'plans'], tfjs: 'none' },
  augment: { dependsOn: ['volume'], tfjs: 'none' },
  'data-loader': { dependsOn: ['augment', 'preprocessing'], tfjs: 'none' },
  'kernels-native': { dependsOn: [], tfjs: 'core' },
  // io-nifti: its writeFileAtomic, the one atomic writer, for the file:// model IO
  'tf-backend': { dependsOn: ['kernels-native', 'io-nifti'], tfjs: 'backends' },
  // the network is built from the plan's topology
  'unet-model': { dependsOn: ['tf-backend', 'plans'], tfjs: 'core' },
  'losses-metrics': { dependsOn: ['tf-backend', 'volume'], tfjs: 'core' },
  'sliding-window': { dependsOn: ['tf-backend', 'volume'], tfjs: 'core' },
  // a model folder or an array in, a segmentation out (Node; the browser entry for the web page)
  inference: {
    dependsOn: [
      'plans',
      'volume',
      'io-nifti',
      'datasets',
      'preprocessing',
      'tf-backend',
      'unet-model',
      'sliding-window',
    ],
    tfjs: 'core',
  },
  distributed: { dependsOn: [], tfjs: 'none' },
  logging: { dependsOn: [], tfjs: 'none' },
  trainer: {
    dependsOn: [
      'volume',
      'io-nifti',
      'datasets',
      'preprocessing',
      'augment',
      'data-loader',
      'tf-backend',
      'unet-model',
      'losses-metrics',
      'sliding-window',
      'inference',
      'distributed',
      'logging',
    ],
    tfjs: 'core',
  },
};

/** Apps compose packages: any package, tfjs core, but backends only through tf-backend. */
export const appRule: PackageRule = { dependsOn: Object.keys(architectureRules), tfjs: 'core' };

export const SCOPE = '@nnunet-ts/';

/** npm packages that are tfjs backends (only tf-backend may use them). */
export function isTfjsBackendPackage(npmName: string): boolean {
  return /^@tensorflow\/tfjs-(backend-|node)/.test(npmName);
}

export function isTfjsPackage(npmName: string): boolean {
  return npmName.startsWith('@tensorflow/');
}
