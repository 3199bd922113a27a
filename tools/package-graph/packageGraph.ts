import { readdirSync, readFileSync, existsSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { builtinModules } from 'node:module';

/** One workspace project as the graph check sees it. */
export interface GraphNode {
  /** short name, e.g. `io-nifti` */
  name: string;
  kind: 'package' | 'app';
  /** package.json folder, relative to the workspace root */
  dir: string;
  /** npm names from dependencies, optionalDependencies and peerDependencies */
  runtimeDeps: string[];
  devDeps: string[];
  /** bare specifiers imported by source files */
  /** `bundled`: browser code under `src/page/` that a bundler inlines, so devDependencies suffice */
  imports: { file: string; specifier: string; inTest: boolean; bundled?: boolean }[];
}

const IMPORT_PATTERNS = [
  /\bfrom\s+['"]([^'"]+)['"]/g,
  /\bimport\s*\(\s*['"]([^'"]+)['"]\s*\)/g,
  /\brequire\s*\(\s*['"]([^'"]+)['"]\s*\)/g,
  /^\s*import\s+['"]([^'"]+)['"]/gm,
];

/** `@scope/name/sub` → `@scope/name`; `name/sub` → `name`; relative and builtin → undefined. */
export function packageNameOf(specifier: string): string | undefined {
  if (specifier.startsWith('.') || specifier.startsWith('/') || specifier.startsWith('node:'))
    return undefined;
  const parts = specifier.split('/');
  const name = specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]!;
  if (builtinModules.includes(name)) return undefined;
  return name;
}

export function importsOf(source: string): string[] {
  const found = new Set<string>();
  for (const pattern of IMPORT_PATTERNS) {
    for (const match of source.matchAll(pattern)) found.add(match[1]!);
  }
  return [...found];
}

function sourceFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((entry) => {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) return entry === 'node_modules' ? [] : sourceFiles(path);
    return /\.(ts|mts|cts|js|mjs|cjs)$/.test(entry) ? [path] : [];
  });
}

/** Tests and the helpers only tests use (`testing/` folders, `testing.ts`, `*.fixture.ts`). */
export function isTestCode(file: string): boolean {
  return /\.(test|fixture)\.[cm]?[jt]s$|[/\\]testing([/\\]|\.[cm]?[jt]s$)/.test(file);
}

/** The root package.json's devDependencies: the shared test and build tools every project may use in tests. */
export function readSharedDevDependencies(root: string): string[] {
  return Object.keys(JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).devDependencies ?? {});
}

/** Reads every package.json under packages/ and apps/ and the imports of their sources. */
export function readWorkspaceGraph(root: string): GraphNode[] {
  const nodes: GraphNode[] = [];
  for (const [folder, kind] of [
    ['packages', 'package'],
    ['apps', 'app'],
  ] as const) {
    const base = join(root, folder);
    if (!existsSync(base)) continue;
    for (const entry of readdirSync(base).sort()) {
      const manifestPath = join(base, entry, 'package.json');
      if (!existsSync(manifestPath)) continue;
      const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
      const name: string = manifest.nx?.name ?? entry;
      const imports = ['src', 'bin', 'scripts', 'bench'].flatMap((sub) =>
        sourceFiles(join(base, entry, sub)).flatMap((file) =>
          importsOf(readFileSync(file, 'utf8')).map((specifier) => ({
            file: relative(root, file),
            specifier,
            inTest: isTestCode(file) || sub === 'bench',
            bundled: /[/\\]src[/\\]page[/\\]/.test(file),
          })),
        ),
      );
      nodes.push({
        name,
        kind,
        dir: relative(root, join(base, entry)),
        runtimeDeps: Object.keys({
          ...manifest.dependencies,
          ...manifest.optionalDependencies,
          ...manifest.peerDependencies,
        }),
        devDeps: Object.keys(manifest.devDependencies ?? {}),
        imports,
      });
    }
  }
  return nodes;
}
