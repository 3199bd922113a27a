import { JsonSyntaxError, parsePythonJson, type JsonValue } from './parsePythonJson';

interface DllRecordBase {
  /** 1-based line number in the file. */
  readonly line: number;
  /** Seconds since the epoch. */
  readonly timestamp: number;
  /** The `datetime` text as written (local time of the writer). */
  readonly datetime: string;
  /** Seconds since the writer's logger started. */
  readonly elapsedtime: number;
}

export interface DllLogRecord extends DllRecordBase {
  readonly type: 'LOG';
  readonly step: JsonValue;
  readonly data: { readonly [key: string]: JsonValue };
}

export interface DllMetadataRecord extends DllRecordBase {
  readonly type: 'METADATA';
  readonly metric: string;
  readonly metadata: { readonly [key: string]: JsonValue };
}

export type DllRecord = DllLogRecord | DllMetadataRecord;

export interface MalformedDllLine {
  readonly line: number;
  readonly text: string;
  readonly reason: string;
}

export interface DllLog {
  readonly records: DllRecord[];
  /** Lines that are not dllogger records (e.g. a last line cut short by a crash), with the reason. */
  readonly malformed: MalformedDllLine[];
}

const PREFIX = 'DLLL ';

/**
 * Parses the text of a dllogger JSON-lines file (ours or Python's). Blank lines are skipped; a
 * line that is not a well-formed record is reported in `malformed` instead of stopping the read,
 * since a run that crashed mid-write leaves a truncated last line.
 */
export function parseDllogger(text: string): DllLog {
  const records: DllRecord[] = [];
  const malformed: MalformedDllLine[] = [];
  const lines = text.split('\n');
  lines.forEach((raw, index) => {
    const lineText = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    if (lineText.trim() === '') return;
    const line = index + 1;
    try {
      records.push(parseRecord(lineText, line));
    } catch (error) {
      malformed.push({ line, text: lineText, reason: (error as Error).message });
    }
  });
  return { records, malformed };
}

function parseRecord(text: string, line: number): DllRecord {
  if (!text.startsWith(PREFIX)) throw new Error(`does not start with '${PREFIX}'`);
  let json: JsonValue;
  try {
    json = parsePythonJson(text.slice(PREFIX.length));
  } catch (error) {
    if (!(error instanceof JsonSyntaxError)) throw error;
    throw new Error(`invalid JSON at column ${PREFIX.length + error.offset + 1}: ${error.reason}`, {
      cause: error,
    });
  }
  const fields = asObject(json, 'the record');
  const base = {
    line,
    timestamp: seconds(fields, 'timestamp'),
    datetime: typeof fields.datetime === 'string' ? fields.datetime : missing('datetime', 'a string'),
    elapsedtime: seconds(fields, 'elapsedtime'),
  };
  if (fields.type === 'LOG') {
    if (!('step' in fields)) missing('step', 'present');
    return { ...base, type: 'LOG', step: fields.step, data: asObject(fields.data, "'data'") };
  }
  if (fields.type === 'METADATA') {
    const metric = typeof fields.metric === 'string' ? fields.metric : missing('metric', 'a string');
    return { ...base, type: 'METADATA', metric, metadata: asObject(fields.metadata, "'metadata'") };
  }
  throw new Error(`'type' must be 'LOG' or 'METADATA', got ${JSON.stringify(fields.type ?? null)}`);
}

/** dllogger writes times as strings of Python floats; numbers are accepted too. */
function seconds(fields: { [key: string]: JsonValue }, key: string): number {
  const value = fields[key];
  const number = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  if (typeof number !== 'number' || !Number.isFinite(number)) return missing(key, 'a number of seconds');
  return number;
}

function asObject(value: JsonValue | undefined, what: string): { [key: string]: JsonValue } {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new Error(`${what} must be a JSON object`);
  }
  return value;
}

function missing(key: string, expected: string): never {
  throw new Error(`'${key}' must be ${expected}`);
}
