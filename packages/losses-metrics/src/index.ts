export { confusionCounts, type ConfusionCounts } from './confusionCounts';
export { diceFromCounts, iouFromCounts, type EmptyPolicy } from './overlapMetrics';
export { hausdorffDistance95, normalizedSurfaceDice, type MaskGrid } from './surfaceDistances';
export { evaluateCase, type ClassMetrics, type EvaluateCaseOptions } from './evaluateCase';
export { summarizeCases, formatSummary, parseSummary, type CaseResult, type Summary } from './summarizeCases';
