export { windowStarts, windowGrid } from './windowGrid';
export { gaussianImportanceMap } from './gaussianImportanceMap';
export {
  slidingWindowInference,
  type SlidingWindowOptions,
  type WindowPredictor,
} from './slidingWindowInference';
export { tfjsWindowPredictor } from './tfjsWindowPredictor';
