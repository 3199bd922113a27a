import { pythonFloatRepr } from './pythonFloatRepr';

/**
 * Serialises a value the way Python's `json.dumps` does with its defaults, which is how dllogger
 * writes every line: `", "` and `": "` separators, non-ASCII and control characters escaped as
 * lowercase `\uXXXX`, non-finite numbers as `NaN` / `Infinity` / `-Infinity` (Python's reader
 * accepts them, and a diverging loss must still be logged), floats as `repr(float)`.
 *
 * JavaScript has one number type: integral values up to 2^53 are written as Python ints (`3`),
 * everything else as Python floats (`0.5`, `1e-05`, `-0.0`). Numeric typed arrays become lists.
 * `path` names the value in error messages.
 */
export function toPythonJson(value: unknown, path = 'value'): string {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'boolean':
      return value ? 'true' : 'false';
    case 'number':
      return pythonJsonNumber(value);
    case 'string':
      return pythonJsonString(value);
    case 'object':
      break;
    default:
      throw new TypeError(
        `${path}: cannot write ${value === undefined ? 'undefined' : `a ${typeof value}`} as JSON`,
      );
  }
  if (Array.isArray(value)) {
    return `[${value.map((item, i) => toPythonJson(item, `${path}[${i}]`)).join(', ')}]`;
  }
  if (ArrayBuffer.isView(value)) {
    if (value instanceof DataView || value instanceof BigInt64Array || value instanceof BigUint64Array) {
      throw new TypeError(`${path}: cannot write a ${value.constructor.name} as JSON`);
    }
    const numbers = Array.from(value as unknown as ArrayLike<number>, pythonJsonNumber);
    return `[${numbers.join(', ')}]`;
  }
  const proto = Object.getPrototypeOf(value) as unknown;
  if (proto !== Object.prototype && proto !== null) {
    const name = (value as object).constructor?.name ?? 'object';
    throw new TypeError(
      `${path}: cannot write a ${name} as JSON (only plain objects, arrays and primitives)`,
    );
  }
  const members = Object.entries(value as Record<string, unknown>).map(
    ([key, item]) => `${pythonJsonString(key)}: ${toPythonJson(item, `${path}.${key}`)}`,
  );
  return `{${members.join(', ')}}`;
}

function pythonJsonNumber(value: number): string {
  if (Number.isNaN(value)) return 'NaN';
  if (value === Infinity) return 'Infinity';
  if (value === -Infinity) return '-Infinity';
  if (Number.isSafeInteger(value) && !Object.is(value, -0)) return String(value);
  return pythonFloatRepr(value);
}

const SHORT_ESCAPES: Readonly<Record<string, string>> = {
  '"': '\\"',
  '\\': '\\\\',
  '\n': '\\n',
  '\r': '\\r',
  '\t': '\\t',
  '\b': '\\b',
  '\f': '\\f',
};

/** Python's `ensure_ascii` escaping: everything outside printable ASCII (space..tilde) is escaped. */
function pythonJsonString(text: string): string {
  const escaped = text.replace(/[^ -~]|["\\]/g, (ch) => {
    return SHORT_ESCAPES[ch] ?? `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`;
  });
  return `"${escaped}"`;
}
