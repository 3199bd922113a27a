/**
 * A program using a loader with one worker, run by the worker tests: it prints the case ids of a batch,
 * then ends, with `close` as its argument after closing the loader, otherwise without closing it (idle
 * workers must not keep a program alive, and a close() in flight must); with `wait`, it stays until
 * it is killed.
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
if (process.argv[2] === 'wait') setInterval(() => undefined, 1000);
if (process.argv[2] === 'close') {
  await loader.close();
  console.log('closed');
}
