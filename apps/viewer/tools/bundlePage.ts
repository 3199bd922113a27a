import { copyFile, mkdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const pageSource = fileURLToPath(new URL('../src/page/', import.meta.url));

/** Files copied as they are next to the bundles. */
const STATIC_FILES = ['index.html', 'style.css'];

/**
 * Bundles the viewer page into `outDir` with esbuild: `main.js` (the page with Niivue and vega) and
 * `inferenceWorker.js` (tfjs and the inference code), plus the HTML and CSS. Everything the page
 * needs is inside, so it works offline. Workspace packages are bundled from their sources, and
 * `@nnunet-ts/tf-backend` becomes plain tfjs (src/page/tfBackendBrowser.ts): its backend
 * selection and file IO are for Node.
 */
export async function bundlePage(outDir: string, options: { minify?: boolean } = {}): Promise<void> {
  await mkdir(outDir, { recursive: true });
  const result = await build({
    entryPoints: {
      main: path.join(pageSource, 'main.ts'),
      inferenceWorker: path.join(pageSource, 'inferenceWorker.ts'),
    },
    outdir: outDir,
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    minify: options.minify ?? true,
    conditions: ['@nnunet-ts/source'],
    alias: { '@nnunet-ts/tf-backend': path.join(pageSource, 'tfBackendBrowser.ts') },
    // the Node entry points of workspace packages (readNifti, ...) are in their barrels but unused
    // here, so tree shaking drops them; `external` only lets the build get that far
    external: ['node:*'],
    define: { 'process.env.NODE_ENV': '"production"' },
    // unet-model's bare imports of its layer files are dropped as side-effect free; the worker
    // registers the layer classes itself
    logOverride: { 'ignored-bare-import': 'silent' },
    logLevel: 'warning',
    metafile: true,
  });
  const leftovers = Object.entries(result.metafile.outputs).flatMap(([file, output]) =>
    output.imports.filter((i) => i.external).map((i) => `${path.basename(file)} imports ${i.path}`),
  );
  if (leftovers.length)
    throw new Error(`bundlePage: the page cannot load Node modules: ${leftovers.join(', ')}`);
  for (const file of STATIC_FILES) await copyFile(path.join(pageSource, file), path.join(outDir, file));
}
