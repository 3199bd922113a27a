import { labelObjects, type LabelObjects } from '../labelObjects';
import type { Sample } from '../Sample';

/** The cached objects if given (checked against the sample's shape), else those of `sample.label`. */
export function objectsFor(name: string, sample: Sample, objects: LabelObjects | undefined): LabelObjects {
  if (objects === undefined) return labelObjects(sample.label, sample.shape);
  if (objects.shape.some((n, a) => n !== sample.shape[a])) {
    throw new RangeError(
      `${name}: objects were found on shape [${objects.shape.join(', ')}], the sample has [${sample.shape.join(', ')}]`,
    );
  }
  return objects;
}
