import type { CropChoice } from '../Augment';
import { chooseCropBox } from '../chooseCropBox';
import type { Random } from '../random';
import type { Sample, Shape3 } from '../Sample';
import { objectsFor } from './objectsFor';

/** Where a pipeline's patch starts: the caller's box, else the seed's foreground-biased choice. */
export function cropStart(
  name: string,
  sample: Sample,
  patch: Shape3,
  random: Random,
  oversampling: number,
  crop: CropChoice | undefined,
): readonly number[] {
  if (crop && 'start' in crop) {
    // a patch may reach past the sample (it is zero-padded there), as the chosen boxes do
    if (crop.start.length !== 3 || !crop.start.every(Number.isInteger)) {
      throw new RangeError(`${name}: crop start must be three integers, got ${JSON.stringify(crop.start)}`);
    }
    return crop.start;
  }
  return chooseCropBox(objectsFor(name, sample, crop?.objects), patch, random, oversampling).start;
}
