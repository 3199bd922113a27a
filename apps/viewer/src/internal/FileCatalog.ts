import path from 'node:path';
import type { FileRule } from './fileRule';

/** A file the server may hand out and the rule it is checked by on each request. */
export interface CatalogEntry {
  readonly file: string;
  readonly rule: FileRule;
}

/**
 * The files the viewer server may hand out, each under `/files/<n>/<name>`. URLs name a number, not
 * a path, and only the exact URL given out matches (no decoding, so no other spelling of it), so no
 * request can reach a file that was not registered here.
 */
export class FileCatalog {
  private readonly byUrl = new Map<string, CatalogEntry>();
  private readonly urls = new Map<string, string>();

  /** The URL of `file` (absolute), registering it with `rule` on first use. */
  add(file: string, rule: FileRule): string {
    let url = this.urls.get(file);
    if (url === undefined) {
      url = `/files/${this.urls.size}/${encodeURIComponent(path.basename(file))}`;
      this.urls.set(file, url);
      this.byUrl.set(url, { file, rule });
    }
    return url;
  }

  /** The entry whose URL is `urlPath` exactly as the request wrote it, or undefined. */
  lookup(urlPath: string): CatalogEntry | undefined {
    return this.byUrl.get(urlPath);
  }
}
