import { defineConfig, type Options } from 'tsup';

/**
 * The one build preset every package uses: ESM + CJS with type declarations for
 * `src/index.ts`, targeting the Node version the workspace supports.
 * Packages pass only what differs (extra entries, bundled ESM-only dependencies).
 */
export function packageConfig(overrides: Options = {}) {
  return defineConfig({
    entry: ['src/index.ts'],
    format: ['esm', 'cjs'],
    target: 'node20',
    platform: 'node',
    dts: true,
    sourcemap: true,
    clean: true,
    splitting: false,
    treeshake: true,
    ...overrides,
  });
}
