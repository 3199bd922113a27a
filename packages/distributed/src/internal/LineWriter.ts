import { StringDecoder } from 'node:string_decoder';

/**
 * Copies a worker's output to `write` line by line, each line passed through `format` (e.g. a
 * `[rank] ` prefix), holding back a line until its end arrives so that lines of different workers
 * never mix.
 */
export class LineWriter {
  private readonly decoder = new StringDecoder('utf8');
  private partial = '';

  constructor(
    private readonly format: (line: string) => string,
    private readonly write: (text: string) => void,
  ) {}

  push(chunk: Buffer): void {
    const text = this.partial + this.decoder.write(chunk);
    const end = text.lastIndexOf('\n');
    if (end < 0) {
      this.partial = text;
      return;
    }
    this.partial = text.slice(end + 1);
    const lines = text.slice(0, end).split('\n');
    this.write(lines.map((line) => `${this.format(line)}\n`).join(''));
  }

  /** Writes a last line that had no newline. */
  end(): void {
    const rest = this.partial + this.decoder.end();
    this.partial = '';
    if (rest) this.write(`${this.format(rest)}\n`);
  }
}
