/** A JSON value as Python's `json` module reads it: numbers may also be NaN or ±Infinity. */
export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

/** A syntax error with the 0-based character offset where parsing stopped. */
export class JsonSyntaxError extends SyntaxError {
  constructor(
    readonly reason: string,
    readonly offset: number,
  ) {
    super(`${reason} at offset ${offset}`);
    this.name = 'JsonSyntaxError';
  }
}

/**
 * Parses JSON plus the `NaN`, `Infinity` and `-Infinity` literals that Python's `json.dumps`
 * writes for non-finite floats (a diverged loss), which `JSON.parse` rejects.
 * Throws a {@link JsonSyntaxError} naming the character offset of the problem.
 */
export function parsePythonJson(text: string): JsonValue {
  const parser = new Parser(text);
  const value = parser.value();
  parser.skipSpace();
  if (parser.pos < text.length) parser.fail('unexpected text after the JSON value');
  return value;
}

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
// eslint-disable-next-line no-control-regex -- JSON strings may not hold raw control characters
const STRING = /"(?:[^"\\\u0000-\u001f]|\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4}))*"/y;
const LITERALS: ReadonlyArray<readonly [string, JsonValue]> = [
  ['true', true],
  ['false', false],
  ['null', null],
  ['NaN', NaN],
  ['Infinity', Infinity],
  ['-Infinity', -Infinity],
];

class Parser {
  pos = 0;
  constructor(private readonly text: string) {}

  fail(message: string): never {
    throw new JsonSyntaxError(message, this.pos);
  }

  skipSpace(): void {
    while (this.pos < this.text.length && ' \t\n\r'.includes(this.text[this.pos])) this.pos++;
  }

  value(): JsonValue {
    this.skipSpace();
    const ch = this.text[this.pos];
    if (ch === '{') return this.object();
    if (ch === '[') return this.array();
    if (ch === '"') return this.string();
    for (const [literal, value] of LITERALS) {
      if (this.text.startsWith(literal, this.pos)) {
        this.pos += literal.length;
        return value;
      }
    }
    NUMBER.lastIndex = this.pos;
    const match = NUMBER.exec(this.text);
    if (match) {
      this.pos += match[0].length;
      return Number(match[0]);
    }
    return this.fail(
      ch === undefined ? 'unexpected end of JSON' : `unexpected character ${JSON.stringify(ch)}`,
    );
  }

  private string(): string {
    STRING.lastIndex = this.pos;
    const match = STRING.exec(this.text);
    if (!match) this.fail('unterminated or invalid string');
    this.pos += match[0].length;
    // the token is valid JSON string syntax, so the built-in parser decodes its escapes
    return JSON.parse(match[0]) as string;
  }

  private array(): JsonValue[] {
    this.pos++;
    const items: JsonValue[] = [];
    this.skipSpace();
    if (this.text[this.pos] === ']') {
      this.pos++;
      return items;
    }
    for (;;) {
      items.push(this.value());
      this.skipSpace();
      const ch = this.text[this.pos++];
      if (ch === ']') return items;
      if (ch !== ',') {
        this.pos--;
        this.fail("expected ',' or ']' in array");
      }
    }
  }

  private object(): { [key: string]: JsonValue } {
    this.pos++;
    const result: { [key: string]: JsonValue } = {};
    this.skipSpace();
    if (this.text[this.pos] === '}') {
      this.pos++;
      return result;
    }
    for (;;) {
      this.skipSpace();
      if (this.text[this.pos] !== '"') this.fail('expected a string key in object');
      const key = this.string();
      this.skipSpace();
      if (this.text[this.pos] !== ':') this.fail("expected ':' after object key");
      this.pos++;
      // defineProperty keeps a "__proto__" key as data instead of changing the prototype
      Object.defineProperty(result, key, {
        value: this.value(),
        enumerable: true,
        writable: true,
        configurable: true,
      });
      this.skipSpace();
      const ch = this.text[this.pos++];
      if (ch === '}') return result;
      if (ch !== ',') {
        this.pos--;
        this.fail("expected ',' or '}' in object");
      }
    }
  }
}
