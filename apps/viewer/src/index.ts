// @nnunet-ts/viewer: the viewer page and its local server (`nnunet view`), and the static report (`nnunet report`).
export { viewOptionsSchema, type ViewOptions } from './viewOptions';
export { startViewerServer, type ViewerServer, type ViewerServerOptions } from './startViewerServer';
export { reportOptionsSchema, type ReportOptions } from './reportOptions';
export { writeReport, type ReportImage, type ReportResult } from './writeReport';
export type { ViewerContent, ContentCase } from './internal/ViewerContent';
export type {
  SessionData,
  SessionCase,
  SessionClass,
  MetricValues,
  MetricValue,
} from './internal/SessionData';
export type { CurvePoint, CurveGroup } from './internal/trainingCurves';
