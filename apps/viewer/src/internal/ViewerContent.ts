import type { MetricValues, SessionClass } from './SessionData';
import type { CurvePoint } from './trainingCurves';

/** One case with the absolute paths of its files. */
export interface ContentCase {
  name: string;
  image?: string;
  label?: string;
  prediction?: string;
  /** class value → metrics, from `summary.json` */
  metrics?: Record<string, MetricValues>;
}

/**
 * What the viewer and the report show, read from the files given on the command line and a
 * results folder; the server turns paths into URLs, the report reads them.
 */
export interface ViewerContent {
  title: string;
  classes: SessionClass[];
  cases: ContentCase[];
  summary?: { mean: Record<string, MetricValues>; foregroundMean: MetricValues };
  curves: CurvePoint[];
  /** the DLLogger file the curves come from */
  curvesSource?: string;
  warnings: string[];
}
