import { DEFAULT_OVERSAMPLING, type Augment, type PipelineConfig } from './Augment';
import { brightness } from './brightness';
import { contrast } from './contrast';
import { flip } from './flip';
import { foregroundCrop } from './foregroundCrop';
import { gaussianBlur } from './gaussianBlur';
import { gaussianNoise } from './gaussianNoise';
import { checkShape } from './Sample';
import { zoom } from './zoom';
import { checkProbability } from './internal/checks';
import { spatialAxes } from './internal/spatialAxes';

/**
 * The seed's pipeline (NVIDIA nnU-Net DALI, `--augment nvidia`): foreground-biased crop (p = oversampling),
 * zoom (p 0.15, ×U(0.7, 1)), flips (p 0.5 per axis), Gaussian noise (p 0.15, σ U(0, 0.3)), Gaussian blur
 * (p 0.15, σ U(0.5, 1.5)), brightness (p 0.15, ×U(0.7, 1.3)), contrast (p 0.15, ×U(0.65, 1.5) clamped to
 * the original range). Each step draws from its own fork of the stream, so one step's draws never shift
 * another's.
 */
export function nvidiaPipeline(config: PipelineConfig): Augment {
  const { patch, dims = 3, oversampling = DEFAULT_OVERSAMPLING } = config;
  checkShape('nvidiaPipeline: patch', patch);
  checkProbability('nvidiaPipeline: oversampling', oversampling);
  const axes = spatialAxes(dims);
  return (sample, random, crop) => {
    let s = foregroundCrop(sample, random.fork(0), { patch, oversampling, crop });
    s = zoom(s, random.fork(1), { axes });
    s = flip(s, random.fork(2), { axes });
    s = gaussianNoise(s, random.fork(3));
    s = gaussianBlur(s, random.fork(4), { axes });
    s = brightness(s, random.fork(5));
    return contrast(s, random.fork(6));
  };
}
