export { crossValidationSplits, type Fold, type SplitOptions } from './crossValidationSplits';
