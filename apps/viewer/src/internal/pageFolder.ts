import { readdir, stat } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

/** The bundled page: its folder and the names of its files (the page is flat: no subfolders). */
export interface PageFolder {
  dir: string;
  files: Set<string>;
}

/**
 * Where the bundled page lies: `dist/page/` of this package, seen from the built `dist/index.js` or
 * from `src/` when running from source. `nx run viewer:build` makes it.
 */
function defaultPageDirs(): string[] {
  return [new URL('./page/', import.meta.url), new URL('../../dist/page/', import.meta.url)].map((u) =>
    fileURLToPath(u),
  );
}

/** Lists the page folder (`dir`, else the package's own), checking that it holds index.html. */
export async function findPageFolder(dir?: string): Promise<PageFolder> {
  const candidates = dir === undefined ? defaultPageDirs() : [dir];
  for (const candidate of candidates) {
    const index = await stat(`${candidate}/index.html`).catch(() => undefined);
    if (!index?.isFile()) continue;
    const entries = await readdir(candidate, { withFileTypes: true });
    return { dir: candidate, files: new Set(entries.filter((e) => e.isFile()).map((e) => e.name)) };
  }
  throw new Error(
    dir === undefined
      ? `the viewer page is not built (no index.html in ${candidates.join(' or ')}): run npx nx run viewer:build`
      : `page folder ${dir} has no index.html`,
  );
}
