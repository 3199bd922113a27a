export { createLogger, type Logger, type LoggerOptions } from './internal/createLogger';
export { dlloggerBackend, type DlloggerBackendOptions } from './internal/dlloggerBackend';
export { consoleBackend, type ConsoleBackendOptions, type TextSink } from './internal/consoleBackend';
export { readDllogger } from './internal/readDllogger';
export {
  parseDllogger,
  type DllLog,
  type DllLogRecord,
  type DllMetadataRecord,
  type DllRecord,
  type MalformedDllLine,
} from './internal/parseDllogger';
export { resolveRank, RANK_ENV_VARS } from './internal/resolveRank';
export { formatMetricNumber } from './internal/formatMetricNumber';
export type { JsonValue } from './internal/parsePythonJson';
export type { LogBackend, LogData, LogEntry, LogStep, LogTime, LogValue } from './internal/LogEntry';
