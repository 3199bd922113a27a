import { defineConfig } from 'vitest/config';

/**
 * Shared vitest settings: resolve workspace packages to their TypeScript sources
 * (the `@nnunet-ts/source` export condition), run in forked processes (tfjs must not
 * share a worker thread), and leave a JSON report that `.ci/run` adds up.
 */
export function packageTestConfig(options: { testTimeout?: number } = {}) {
  return defineConfig({
    ssr: { resolve: { conditions: ['@nnunet-ts/source'] } },
    resolve: { conditions: ['@nnunet-ts/source'] },
    test: {
      environment: 'node',
      pool: 'forks',
      testTimeout: options.testTimeout ?? 30_000,
      reporters: ['default', ['json', { outputFile: '.vitest-results/results.json' }]],
    },
  });
}
