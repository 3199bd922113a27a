import type { CurvePoint } from './trainingCurves';

/** A metric value as JSON carries it: NaN (both masks empty) becomes null. */
export type MetricValue = number | null;

/** Metric name (`Dice`, `IoU`, ...) → value. */
export type MetricValues = Record<string, MetricValue>;

/** A label class the page and the report show (background excluded). */
export interface SessionClass {
  value: number;
  name: string;
}

/** One case to browse: URLs the page may load, and its metrics from `summary.json`. */
export interface SessionCase {
  name: string;
  image?: string;
  label?: string;
  prediction?: string;
  /** class value → metrics */
  metrics?: Record<string, MetricValues>;
}

/**
 * What the viewer server answers at `/api/session`: everything the page shows apart from the
 * volumes themselves, which it fetches from the case URLs.
 */
export interface SessionData {
  title: string;
  classes: SessionClass[];
  cases: SessionCase[];
  /** `summary.json`'s means over cases, per class and over foreground classes */
  summary?: { mean: Record<string, MetricValues>; foregroundMean: MetricValues };
  curves: CurvePoint[];
  /** the DLLogger file the curves come from, relative to the results folder */
  curvesSource?: string;
  /** problems met while collecting the data (unreadable files, malformed log lines), for the page to show */
  warnings: string[];
}
