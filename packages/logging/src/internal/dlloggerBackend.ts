import { closeSync, constants, fsyncSync, mkdirSync, openSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import { formatDllLine } from './formatDllLine';
import type { LogBackend, LogEntry } from './LogEntry';

export interface DlloggerBackendOptions {
  /** The file to write, e.g. `results/dllogger.json`; missing parent folders are created. */
  path: string;
  /**
   * Keep existing lines (the seed passes `append=args.resume_training`). Default false: the file
   * is truncated when the logger opens it, as dllogger's `JSONStreamBackend` does.
   */
  append?: boolean;
}

/**
 * Writes dllogger `JSONStreamBackend` lines (`DLLL {...}`) to a file. The file is opened in
 * append mode and each record goes to the OS as one `write`, so a crash loses no finished line and
 * a reader tailing the file never sees half a record; `flush` and `close` fsync it.
 */
export function dlloggerBackend(options: DlloggerBackendOptions): LogBackend {
  return new DlloggerFileBackend(options.path, options.append ?? false);
}

class DlloggerFileBackend implements LogBackend {
  private fd: number | undefined;
  private closed = false;

  constructor(
    private readonly path: string,
    private readonly append: boolean,
  ) {
    if (typeof path !== 'string' || path === '') {
      throw new TypeError(`dlloggerBackend: path must be a non-empty string, got ${String(path)}`);
    }
  }

  open(): void {
    this.descriptor();
  }

  write(entry: LogEntry): void {
    const bytes = Buffer.from(`${formatDllLine(entry)}\n`, 'utf8');
    const fd = this.descriptor();
    let offset = 0;
    while (offset < bytes.length) offset += writeSync(fd, bytes, offset);
  }

  async flush(): Promise<void> {
    if (this.fd !== undefined) fsyncSync(this.fd);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    if (this.fd === undefined) return;
    const fd = this.fd;
    this.fd = undefined;
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  }

  private descriptor(): number {
    if (this.closed) throw new Error(`dlloggerBackend: ${this.path} is closed`);
    if (this.fd === undefined) {
      try {
        mkdirSync(dirname(this.path), { recursive: true });
        const truncate = this.append ? 0 : constants.O_TRUNC;
        this.fd = openSync(
          this.path,
          constants.O_WRONLY | constants.O_CREAT | constants.O_APPEND | truncate,
          0o644,
        );
      } catch (error) {
        throw new Error(`dlloggerBackend: cannot open ${this.path}: ${(error as Error).message}`, {
          cause: error,
        });
      }
    }
    return this.fd;
  }
}
