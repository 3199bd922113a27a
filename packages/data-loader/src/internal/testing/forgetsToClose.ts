/**
 * A program that uses a loader with a worker and ends without closing it: idle workers must not keep it
 * alive. Prints the case ids of its batch and exits by itself.
 */
import { createTrainingLoader } from '../../createTrainingLoader';
import { memorySource } from '../../memorySource';
import { syntheticCase } from './syntheticCase';

const source = memorySource([
  syntheticCase('only', [10, 10, 10], 1, [{ center: [5, 5, 5], radius: 2, label: 1 }]),
]);
const loader = await createTrainingLoader({
  source,
  dim: 3,
  patch: [4, 4, 4],
  batchSize: 2,
  seed: 1,
  numWorkers: 1,
});
const batch = await loader.batch(0, 0);
console.log(batch.caseIds.join(','));
