/**
 * What a log line is about, as in dllogger: `'PARAMETER'` for hyperparameters, a number or a list
 * such as `[epoch, iteration]` for progress, `[]` for end-of-run summaries.
 */
export type LogStep = number | string | readonly (number | string)[];

/** A value in a record's data: JSON values, plus numeric typed arrays (written as lists). */
export type LogValue =
  | number
  | string
  | boolean
  | null
  | readonly LogValue[]
  | Float32Array
  | Float64Array
  | Int32Array
  | Uint8Array
  | { readonly [key: string]: LogValue };

export type LogData = { readonly [key: string]: LogValue };

/** When a record was made: wall-clock microseconds since the epoch, and since the logger started. */
export interface LogTime {
  readonly epochMicros: number;
  readonly elapsedMicros: number;
}

/** A record as the logger hands it to each backend. */
export type LogEntry =
  | { readonly type: 'LOG'; readonly time: LogTime; readonly step: LogStep; readonly data: LogData }
  | {
      readonly type: 'METADATA';
      readonly time: LogTime;
      readonly metric: string;
      readonly metadata: LogData;
    };

/** A destination for records. The logger calls `open` once, before the first record, on rank 0 only. */
export interface LogBackend {
  open?(): void;
  write(entry: LogEntry): void;
  /** Makes everything written so far durable or visible (file: fsync; stream: drained). */
  flush(): Promise<void>;
  /** Flushes and releases the destination; later writes throw. */
  close(): Promise<void>;
}
