import { initBackend } from '@nnunet-ts/tf-backend';
import { buildUNet } from '@nnunet-ts/unet-model';
import { describe, expect, it } from 'vitest';
import { modelPlanOf } from './modelPlanOf';
import { testModelPlan, testPlan } from './testPlan.fixture';

await initBackend({ backend: 'cpu' });

const plan = testPlan([8, 8, 8], [1, 1, 1], [{ scheme: 'ct', clip: [-1000, 1000], mean: 0, std: 1 }]);
const exported = testModelPlan(plan, 3);
const network = buildUNet({ topology: plan.topology, inChannels: 1, classes: 3, seed: 1 });

/** The network carrying `metadata` as `model.json`'s userDefinedMetadata, as saveModelFolder writes it. */
function withPlan(modelPlan: unknown) {
  network.setUserDefinedMetadata({ nnunetTs: { plan: modelPlan } });
  return network;
}

describe('modelPlanOf', () => {
  it('gives the plan nnunet train exported, and migrates an unversioned (version 1) plan', () => {
    expect(modelPlanOf(withPlan(exported), 'model.json')).toEqual(exported);
    // the first model folders had no version and the patch size inside the topology too
    const { version: _, ...v1 } = exported;
    const old = { ...v1, plan: { ...plan, topology: { ...plan.topology, patchSize: plan.patchSize } } };
    expect(modelPlanOf(withPlan(old), 'model.json')).toEqual(exported);
  });

  it('names the model file and the field that is wrong', () => {
    // JSON, as model.json holds it: a field set to undefined is gone
    const broken = (change: object, planChange: object = {}) =>
      JSON.parse(JSON.stringify({ ...exported, ...change, plan: { ...plan, ...planChange } })) as unknown;
    const cases: [unknown, RegExp][] = [
      [broken({ classes: 1 }), /^a\/model\.json: classes: /],
      [broken({ version: 7 }), /^a\/model\.json: version: unknown model plan version 7/],
      [broken({}, { dim: 4 }), /^a\/model\.json: plan\.dim: /],
      [broken({}, { patchSize: [8, 0, 8] }), /^a\/model\.json: plan\.patchSize\[1\]: /],
      [broken({}, { spacing: [1, 1] }), /^a\/model\.json: plan\.spacing: /],
      [broken({}, { normalization: ['ct'] }), /^a\/model\.json: plan\.normalization\[0\]/],
      [broken({}, { resampling: { image: {} } }), /^a\/model\.json: plan\.resampling\./],
      [
        broken({}, { patchSize: [8, 8, 9] }),
        /^a\/model\.json: plan\.patchSize: patch size 9 on axis 2 is not divisible/,
      ],
      [broken({ datasetName: undefined }), /^a\/model\.json: datasetName: /],
    ];
    for (const [modelPlan, message] of cases) {
      expect(() => modelPlanOf(withPlan(modelPlan), 'a/model.json')).toThrow(message);
    }
    network.setUserDefinedMetadata({});
    expect(() => modelPlanOf(network, 'a/model.json')).toThrow(
      'a/model.json: userDefinedMetadata.nnunetTs.plan: missing; was the model exported by nnunet train?',
    );
  });

  it('refuses a plan the network disagrees with', () => {
    expect(() => modelPlanOf(withPlan(testModelPlan(plan, 4)), 'm.json')).toThrow(
      'm.json: classes: the plan says 4, the network outputs 3',
    );
    const twoChannels = {
      ...exported,
      channelNames: ['T1', 'T2'],
      plan: { ...plan, normalization: [...plan.normalization, ...plan.normalization] },
    };
    expect(() => modelPlanOf(withPlan(twoChannels), 'm.json')).toThrow(
      'm.json: channelNames: the plan has 2 channel(s), the network takes 1',
    );
  });
});
