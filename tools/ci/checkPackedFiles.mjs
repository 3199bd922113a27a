// Checks what `npm pack` would publish for every package: the built ESM, CJS and type files its
// package.json points at must be in the tarball, and no test file or source map of tests may be.
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';

const root = process.argv[2] ?? process.cwd();
const problems = [];
const targetsOf = (exportsField) =>
  typeof exportsField === 'string'
    ? [exportsField]
    : Object.entries(exportsField ?? {}).flatMap(([condition, value]) =>
        condition === '@nnunet-ts/source' ? [] : targetsOf(value),
      );

for (const folder of ['packages', 'apps']) {
  for (const entry of readdirSync(join(root, folder)).sort()) {
    const dir = join(root, folder, entry);
    if (!existsSync(join(dir, 'package.json'))) continue;
    const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
    if (manifest.private) continue;
    const [pack] = JSON.parse(
      execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], {
        cwd: dir,
        encoding: 'utf8',
      }),
    );
    const files = new Set(pack.files.map((f) => f.path));
    const expected = [
      ...targetsOf(manifest.exports),
      manifest.main,
      manifest.module,
      manifest.types,
      ...Object.values(manifest.bin ?? {}),
    ]
      .filter((p) => typeof p === 'string' && p !== './package.json')
      .map((p) => p.replace(/^\.\//, ''));
    for (const file of expected) {
      if (!files.has(file))
        problems.push(`${manifest.name}: ${file} is referenced by package.json but not packed`);
    }
    for (const file of files) {
      if (/\.test\.[cm]?[jt]s$/.test(file))
        problems.push(`${manifest.name}: test file ${file} would be published`);
    }
    console.log(
      `${manifest.name}: ${files.size} files, ${(pack.unpackedSize / 1024).toFixed(1)} KiB unpacked`,
    );
  }
}
if (problems.length) {
  console.error(problems.join('\n'));
  process.exit(1);
}
