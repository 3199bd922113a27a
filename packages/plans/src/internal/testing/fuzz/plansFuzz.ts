// The plan files' fuzz properties (plans.json, store.json, a model's plan): run in CI by
// src/schemas/plans.fuzz.test.ts, at length by tools/fuzz/runFuzz.ts.
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { configurationOf, parsePlans } from '../../../schemas/plans';
import { CONFIGURATION_NAMES } from '../../../schemas/configurationPlan';
import { parseModelPlan } from '../../../schemas/modelPlan';
import { parseStoreManifest } from '../../../schemas/storeManifest';
import type { FuzzProperty } from './FuzzProperty';
import { applyJsonMutations, hostileJson, jsonMutations } from './jsonMutations';
import { modelPlan, plans, storeManifest } from './planArbitraries';
import { planOutcome } from './planOutcome';

type Json = Record<string, unknown>;

/** A plan format: valid documents, its parser, and how version 1 stored a document. */
interface Format {
  valid: fc.Arbitrary<Json>;
  parse(json: unknown, source: string): unknown;
  /** the document as version 1 wrote it */
  version1(document: Json): Json;
}

/** Version 1 kept the patch size in the topology too. */
const withTopologyPatch = (c: Json) => ({
  ...c,
  topology: { ...(c.topology as Json), patchSize: c.patchSize },
});

/** By the file that holds each format (named in errors, and in counterexamples instead of the parser). */
const FORMATS: Readonly<Record<string, Format>> = {
  'results/Dataset001_Fuzz/plans.json': {
    valid: plans as fc.Arbitrary<unknown> as fc.Arbitrary<Json>,
    parse: (json, source) => parsePlans(json, source).plans,
    version1: (d) => ({
      ...d,
      version: 1,
      configurations: Object.fromEntries(
        Object.entries(d.configurations as Json).map(([name, c]) => [name, withTopologyPatch(c as Json)]),
      ),
    }),
  },
  'preprocessed/3d_fullres/store.json': {
    valid: storeManifest as fc.Arbitrary<unknown> as fc.Arbitrary<Json>,
    parse: parseStoreManifest,
    version1: (d) => ({ ...d, version: 1, plan: withTopologyPatch(d.plan as Json) }),
  },
  'models/fold_0/model.json': {
    valid: modelPlan as fc.Arbitrary<unknown> as fc.Arbitrary<Json>,
    parse: parseModelPlan,
    // the first model folders had no version field
    version1: (d) => {
      const { version: _, ...rest } = d;
      return { ...rest, plan: withTopologyPatch(d.plan as Json) };
    },
  },
};
const FILES = Object.keys(FORMATS);
const PLANS_FILE = FILES[0]!;

/** What a file holds: the document written by JSON.stringify and read by JSON.parse (plain objects). */
const throughJson = (value: unknown): unknown => JSON.parse(JSON.stringify(value));

const fileAndDocument = fc
  .constantFrom(...FILES)
  .chain((file) =>
    FORMATS[file]!.valid.map((document) => ({ file, document: throughJson(document) as Json })),
  );

export function plansFuzz(): FuzzProperty[] {
  return [
    {
      name: 'valid plan files round-trip through JSON and their parsers',
      ciRuns: 300,
      property: fc.asyncProperty(fileAndDocument, async ({ file, document }) => {
        const parsed = planOutcome(() => FORMATS[file]!.parse(document, file), file);
        assert.ok(parsed.ok, parsed.ok ? '' : parsed.error.message);
        assert.deepEqual(parsed.value, document);
      }),
    },
    {
      name: 'version-1 plan files are migrated to the version-2 document',
      ciRuns: 150,
      property: fc.asyncProperty(fileAndDocument, async ({ file, document }) => {
        const format = FORMATS[file]!;
        const parsed = planOutcome(() => format.parse(format.version1(document), file), file);
        assert.ok(parsed.ok, parsed.ok ? '' : parsed.error.message);
        assert.deepEqual(parsed.value, document);
      }),
    },
    {
      name: 'damaged plan files are parsed to a fixed point or refused with a PlanFileError naming the file',
      ciRuns: 500,
      property: fc.asyncProperty(fileAndDocument, jsonMutations(), async ({ file, document }, mutations) => {
        const { parse } = FORMATS[file]!;
        // not through JSON.stringify, which overflows the stack on the deepest nestings
        const damaged = applyJsonMutations(document, mutations);
        const parsed = planOutcome(() => parse(damaged, file), file);
        if (!parsed.ok) return;
        // what a parser accepts, it accepts again once written back, and writes back the same
        const written = JSON.stringify(parsed.value);
        const again = planOutcome(() => parse(JSON.parse(written), file), file);
        assert.ok(again.ok, again.ok ? '' : again.error.message);
        assert.equal(JSON.stringify(again.value), written);
      }),
    },
    {
      name: 'any JSON value is refused with a PlanFileError naming the file, or parsed',
      ciRuns: 200,
      property: fc.asyncProperty(
        fc.constantFrom(...FILES),
        fc.oneof(hostileJson, fc.jsonValue()),
        async (file, json) => {
          planOutcome(() => FORMATS[file]!.parse(json, file), file);
        },
      ),
    },
    {
      name: 'configurationOf gives the configuration or a PlanFileError naming the file',
      ciRuns: 100,
      property: fc.asyncProperty(plans, fc.constantFrom(...CONFIGURATION_NAMES), async (document, name) => {
        const got = planOutcome(
          () => configurationOf(parsePlans(document, PLANS_FILE).plans, name, PLANS_FILE),
          PLANS_FILE,
        );
        assert.equal(got.ok, name in document.configurations);
      }),
    },
  ];
}
