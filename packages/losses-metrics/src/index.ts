export { confusionCounts, type ConfusionCounts } from './confusionCounts';
export { diceFromCounts, iouFromCounts, type EmptyPolicy } from './overlapMetrics';
export { hausdorffDistance95, normalizedSurfaceDice, type MaskGrid } from './surfaceDistances';
export { evaluateCase, type ClassMetrics, type EvaluateCaseOptions } from './evaluateCase';
export { summarizeCases, formatSummary, parseSummary, type CaseResult, type Summary } from './summarizeCases';
export { diceCrossEntropyLoss, type DiceCrossEntropyOptions } from './losses/diceCrossEntropyLoss';
export { deepSupervisionLoss, type DeepSupervisionLossOptions } from './losses/deepSupervisionLoss';
export { deepSupervisionWeights } from './losses/deepSupervisionWeights';
export { l2WeightDecay, l2WeightDecayCoefficients } from './losses/l2WeightDecay';
