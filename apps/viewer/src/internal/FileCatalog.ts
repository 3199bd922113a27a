import path from 'node:path';

/**
 * The files the viewer server may hand out, each under `/files/<n>/<name>`. URLs name a number, not
 * a path, so no request can reach a file that was not registered here.
 */
export class FileCatalog {
  private readonly files: string[] = [];
  private readonly ids = new Map<string, number>();

  /** The URL of `file` (absolute), registering it on first use. */
  url(file: string): string {
    let id = this.ids.get(file);
    if (id === undefined) {
      id = this.files.push(file) - 1;
      this.ids.set(file, id);
    }
    return `/files/${id}/${encodeURIComponent(path.basename(file))}`;
  }

  /** The file a `/files/...` path names, or undefined when it names none. */
  resolve(urlPath: string): string | undefined {
    const match = /^\/files\/(\d{1,9})\/([^/]+)$/.exec(urlPath);
    if (!match) return undefined;
    const file = this.files[Number(match[1])];
    let name: string;
    try {
      name = decodeURIComponent(match[2]!);
    } catch {
      return undefined;
    }
    return file !== undefined && path.basename(file) === name ? file : undefined;
  }
}
