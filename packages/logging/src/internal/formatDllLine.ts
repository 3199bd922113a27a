import type { LogEntry } from './LogEntry';
import { pythonDatetimeStr } from './pythonDatetimeStr';
import { pythonFloatRepr } from './pythonFloatRepr';
import { toPythonJson } from './toPythonJson';

/**
 * One line of a dllogger `JSONStreamBackend` file, without the newline: `DLLL ` and a JSON object
 * with the keys, key order and value formats of NVIDIA's dllogger 1.0 (`dllogger/logger.py`):
 *
 * - LOG: `timestamp`, `datetime`, `elapsedtime`, `type`, `step`, `data`
 * - METADATA: `timestamp`, `elapsedtime`, `datetime`, `type`, `metric`, `metadata`
 *
 * `timestamp` is `str(datetime.timestamp())` (seconds since the epoch as a Python float string),
 * `datetime` is `str(datetime)` in local time, `elapsedtime` is `str(timedelta.total_seconds())`
 * since the logger started.
 */
export function formatDllLine(entry: LogEntry): string {
  const { epochMicros, elapsedMicros } = entry.time;
  // CPython's naive datetime.timestamp() adds whole seconds and microseconds / 1e6 as doubles
  const seconds = Math.floor(epochMicros / 1_000_000);
  const timestamp = pythonFloatRepr(seconds + (epochMicros - seconds * 1_000_000) / 1e6);
  const datetime = pythonDatetimeStr(epochMicros);
  const elapsedtime = pythonFloatRepr(elapsedMicros / 1e6);
  const fields =
    entry.type === 'LOG'
      ? { timestamp, datetime, elapsedtime, type: 'LOG', step: entry.step, data: entry.data }
      : {
          timestamp,
          elapsedtime,
          datetime,
          type: 'METADATA',
          metric: entry.metric,
          metadata: entry.metadata,
        };
  return `DLLL ${toPythonJson(fields, entry.type === 'LOG' ? 'log' : 'metadata')}`;
}
