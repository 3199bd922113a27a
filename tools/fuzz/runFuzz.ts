// Long fuzz runs of the parsers, with the properties CI runs a few thousand cases of:
//   node --conditions=@nnunet-ts/source --import tsx tools/fuzz/runFuzz.ts [--runs N] [--seed S] [--parser P]...
// --runs: cases per parser (default 100000), shared among its properties as CI shares its runs;
// --seed: fast-check's seed (default: random, printed); --parser: nifti, ... (repeatable; default all).
// Prints a report per parser and exits 1 when any property failed.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import fc from 'fast-check';
import { FUZZ_SUITES, type FuzzProperty } from './fuzzSuites';

const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: '100000' },
    seed: { type: 'string' },
    parser: { type: 'string', multiple: true },
  },
});
const runs = Number(values.runs);
const seed = values.seed === undefined ? Math.floor(Math.random() * 2 ** 31) : Number(values.seed);
if (!Number.isInteger(runs) || runs < 1 || !Number.isInteger(seed)) {
  console.error('--runs must be a positive integer and --seed an integer');
  process.exit(2);
}
const unknown = (values.parser ?? []).filter((p) => !FUZZ_SUITES.some((s) => s.parser === p));
if (unknown.length > 0) {
  console.error(
    `unknown parser ${unknown.join(', ')}; known: ${FUZZ_SUITES.map((s) => s.parser).join(', ')}`,
  );
  process.exit(2);
}
const suites = FUZZ_SUITES.filter((s) => !values.parser || values.parser.includes(s.parser));

console.log(`fuzzing ${suites.map((s) => s.parser).join(', ')}: ${runs} cases per parser, seed ${seed}`);
let failed = false;
for (const suite of suites) {
  const scratch = await mkdtemp(path.join(tmpdir(), `fuzz-${suite.parser}-`));
  try {
    const properties = await suite.load(scratch);
    const started = performance.now();
    let cases = 0;
    const failures: string[] = [];
    for (const [p, share] of shares(properties, runs)) {
      const t = performance.now();
      const details = await fc.check(p.property, { seed, numRuns: share });
      cases += details.numRuns;
      const seconds = ((performance.now() - t) / 1000).toFixed(1);
      console.log(
        `  ${suite.parser}: ${p.name}: ${details.numRuns} cases, ${seconds} s${details.failed ? ', FAILED' : ''}`,
      );
      if (details.failed)
        failures.push(`${p.name}\n${fc.defaultReportMessage(details)}\n${errorText(details.errorInstance)}`);
    }
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    console.log(`${suite.parser}: ${cases} cases, ${failures.length} failed properties, ${seconds} s`);
    for (const f of failures) console.log(`\n${suite.parser} FAILED: ${f}\n`);
    failed ||= failures.length > 0;
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}
process.exit(failed ? 1 : 0);

/** What the counterexample threw, with its cause (the outcome checks wrap what the parser threw). */
function errorText(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = error.cause === undefined ? '' : `\ncaused by: ${errorText(error.cause)}`;
  return `${error.stack ?? error.message}${cause}`;
}

/** `total` cases shared among the properties in proportion to their CI runs (rounded so that they add up). */
function shares(properties: FuzzProperty[], total: number): [FuzzProperty, number][] {
  const weight = properties.reduce((a, p) => a + p.ciRuns, 0);
  let before = 0;
  return properties.map((p) => {
    const upTo = Math.round((total * (before + p.ciRuns)) / weight);
    const share = Math.max(1, upTo - Math.round((total * before) / weight));
    before += p.ciRuns;
    return [p, share];
  });
}
