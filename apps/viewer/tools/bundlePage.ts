import { copyFile, mkdir, readdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { wasmBinariesFolder } from '@nnunet-ts/tf-backend';
import { build } from 'esbuild';

const pageSource = fileURLToPath(new URL('../src/page/', import.meta.url));

/** Files copied as they are next to the bundles. */
const STATIC_FILES = ['index.html', 'style.css'];

/**
 * Bundles the viewer page into `outDir` with esbuild: `main.js` (the page with Niivue and vega) and
 * `inferenceWorker.js` (tfjs and the inference code), plus the HTML, the CSS and tfjs-backend-wasm's
 * `.wasm` binaries, which the worker loads from beside itself. Everything the page needs is inside,
 * so it works offline. Workspace packages are bundled from their sources; `@nnunet-ts/tf-backend`
 * resolves to its browser entry (the `browser` export condition): its Node backends and file IO
 * have no place here.
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
  const wasmFolder = wasmBinariesFolder();
  for (const file of (await readdir(wasmFolder)).filter((f) => f.endsWith('.wasm'))) {
    await copyFile(path.join(wasmFolder, file), path.join(outDir, file));
  }
}
