import { describe, expect, it } from 'vitest';
import { fileURLToPath } from 'node:url';
import { resolve } from 'node:path';
import { checkPackageGraph } from './checkPackageGraph';
import {
  importsOf,
  isTestCode,
  packageNameOf,
  readSharedDevDependencies,
  readWorkspaceGraph,
  type GraphNode,
} from './packageGraph';

const workspaceRoot = resolve(fileURLToPath(import.meta.url), '../../..');

function node(name: string, overrides: Partial<GraphNode> = {}): GraphNode {
  return {
    name,
    kind: 'package',
    dir: `packages/${name}`,
    runtimeDeps: [],
    devDeps: [],
    imports: [],
    ...overrides,
  };
}

describe('the workspace package graph', () => {
  it('follows ARCHITECTURE.md', () => {
    const graph = readWorkspaceGraph(workspaceRoot);
    expect(graph.map((n) => n.name)).toEqual(
      expect.arrayContaining(['volume', 'io-nifti', 'tf-backend', 'kernels-native', 'trainer', 'cli']),
    );
    const violations = checkPackageGraph(graph, {
      sharedDevDependencies: readSharedDevDependencies(workspaceRoot),
    });
    expect(violations.map((v) => `${v.where}: ${v.message}`)).toEqual([]);
  });
});

describe('checkPackageGraph on fixture graphs', () => {
  const clean: GraphNode[] = [
    node('volume'),
    node('io-nifti', {
      runtimeDeps: ['@nnunet-ts/volume', 'nifti-reader-js'],
      imports: [{ file: 'packages/io-nifti/src/readNifti.ts', specifier: 'nifti-reader-js', inTest: false }],
    }),
    node('tf-backend', {
      runtimeDeps: ['@tensorflow/tfjs', '@tensorflow/tfjs-backend-wasm', '@nnunet-ts/kernels-native'],
    }),
    node('trainer', { runtimeDeps: ['@nnunet-ts/io-nifti', '@nnunet-ts/volume', '@nnunet-ts/tf-backend'] }),
    node('cli', { kind: 'app', dir: 'apps/cli', runtimeDeps: ['@nnunet-ts/trainer'] }),
  ];

  it('accepts a graph that follows the table', () => {
    expect(checkPackageGraph(clean)).toEqual([]);
  });

  it('rejects a typed-array package that imports tfjs', () => {
    const graph = [
      ...clean,
      node('augment', {
        runtimeDeps: ['@nnunet-ts/volume', '@tensorflow/tfjs'],
        imports: [{ file: 'packages/augment/src/flip.ts', specifier: '@tensorflow/tfjs', inTest: false }],
      }),
    ];
    const violations = checkPackageGraph(graph);
    expect(violations).toHaveLength(2);
    expect(violations.every((v) => v.project === 'augment' && /must not import tfjs/.test(v.message))).toBe(
      true,
    );
  });

  it('rejects a dependency against the direction of the table', () => {
    const graph = clean.map((n) =>
      n.name === 'volume' ? node('volume', { runtimeDeps: ['@nnunet-ts/io-nifti'] }) : n,
    );
    const [violation, ...rest] = checkPackageGraph(graph);
    expect(rest).toEqual([]);
    expect(violation).toMatchObject({ project: 'volume', where: 'packages/volume/package.json' });
    expect(violation!.message).toMatch(/against the direction/);
  });

  it('rejects a tfjs backend import outside tf-backend', () => {
    const graph = [
      ...clean,
      node('unet-model', {
        runtimeDeps: ['@nnunet-ts/tf-backend', '@tensorflow/tfjs-backend-wasm'],
      }),
    ];
    expect(checkPackageGraph(graph).map((v) => v.message)).toEqual([
      expect.stringMatching(/only tf-backend may import backend packages/),
    ]);
  });

  it('rejects tfjs in distributed and logging, and packages depending on apps', () => {
    const graph = [
      ...clean,
      node('distributed', { runtimeDeps: ['@tensorflow/tfjs-core'] }),
      node('logging', { runtimeDeps: ['@nnunet-ts/cli'] }),
    ];
    const messages = checkPackageGraph(graph).map((v) => `${v.project}: ${v.message}`);
    expect(messages).toEqual([
      expect.stringMatching(
        /^distributed: uses @tensorflow\/tfjs-core, but distributed must not import tfjs/,
      ),
      expect.stringMatching(/^logging: depends on @nnunet-ts\/cli, which is an app/),
    ]);
  });

  it('rejects imports that package.json does not declare, and run-time imports of devDependencies', () => {
    const graph = [
      ...clean,
      node('sliding-window', {
        runtimeDeps: ['@nnunet-ts/volume'],
        devDeps: ['@nnunet-ts/tf-backend'],
        imports: [
          { file: 'packages/sliding-window/src/a.ts', specifier: 'rxjs', inTest: false },
          { file: 'packages/sliding-window/src/b.ts', specifier: '@nnunet-ts/tf-backend', inTest: false },
          { file: 'packages/sliding-window/src/b.test.ts', specifier: '@nnunet-ts/tf-backend', inTest: true },
        ],
      }),
    ];
    expect(checkPackageGraph(graph).map((v) => v.where)).toEqual([
      'packages/sliding-window/src/a.ts',
      'packages/sliding-window/src/b.ts',
    ]);
  });

  it('lets tests use the workspace-wide dev tools, but not run-time code', () => {
    const graph = [
      node('volume', {
        imports: [
          { file: 'packages/volume/src/crop.test.ts', specifier: 'vitest', inTest: true },
          { file: 'packages/volume/src/crop.ts', specifier: 'vitest', inTest: false },
        ],
      }),
    ];
    expect(checkPackageGraph(graph, { sharedDevDependencies: ['vitest'] }).map((v) => v.where)).toEqual([
      'packages/volume/src/crop.ts',
    ]);
  });

  it('recognises test code by its file name', () => {
    expect(isTestCode('packages/a/src/x.test.ts')).toBe(true);
    expect(isTestCode('packages/a/src/internal/testing/reference.ts')).toBe(true);
    expect(isTestCode('packages/a/src/internal/testing.ts')).toBe(true);
    expect(isTestCode('apps/cli/src/internal/io.fixture.ts')).toBe(true);
    expect(isTestCode('packages/a/src/testingTools.ts')).toBe(false);
    expect(isTestCode('packages/a/src/crop.ts')).toBe(false);
  });

  it('lets apps reuse apps and bundled page code use devDependencies', () => {
    const graph = [
      ...clean,
      node('benchmark', { kind: 'app', dir: 'apps/benchmark' }),
      node('viewer', {
        kind: 'app',
        dir: 'apps/viewer',
        devDeps: ['@niivue/niivue'],
        imports: [
          { file: 'apps/viewer/src/page/view.ts', specifier: '@niivue/niivue', inTest: false, bundled: true },
        ],
      }),
      node('cli2', {
        kind: 'app',
        dir: 'apps/cli2',
        runtimeDeps: ['@nnunet-ts/benchmark', '@nnunet-ts/viewer'],
      }),
    ];
    expect(checkPackageGraph(graph)).toEqual([]);
    expect(
      checkPackageGraph([node('logging', { runtimeDeps: ['@nnunet-ts/benchmark'] })])[0]!.message,
    ).toMatch(/is an app/);
  });

  it('rejects a package missing from the table', () => {
    expect(checkPackageGraph([node('mystery')])[0]!.message).toMatch(/not in the architecture table/);
  });
});

describe('import scanning', () => {
  it('finds static, dynamic, side-effect and require imports', () => {
    const source = [
      "import type { Volume } from '@nnunet-ts/volume';",
      "import * as tf from '@tensorflow/tfjs';",
      "import '@tensorflow/tfjs-backend-wasm';",
      "const m = await import('@nnunet-ts/kernels-native');",
      "const z = require('node:zlib');",
      "export { x } from './internal/x';",
    ].join('\n');
    expect(importsOf(source).sort()).toEqual(
      [
        '@nnunet-ts/volume',
        '@tensorflow/tfjs',
        '@tensorflow/tfjs-backend-wasm',
        '@nnunet-ts/kernels-native',
        'node:zlib',
        './internal/x',
      ].sort(),
    );
  });

  it('maps specifiers to package names and drops builtins and relative paths', () => {
    expect(packageNameOf('@tensorflow/tfjs-core/dist/ops/ops')).toBe('@tensorflow/tfjs-core');
    expect(packageNameOf('rxjs/operators')).toBe('rxjs');
    expect(packageNameOf('node:fs')).toBeUndefined();
    expect(packageNameOf('fs')).toBeUndefined();
    expect(packageNameOf('./x')).toBeUndefined();
  });
});
