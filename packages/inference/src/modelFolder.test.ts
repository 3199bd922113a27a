import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { networkClassOf, residualEncoderTopology } from '@nnunet-ts/plans';
import { initBackend, tf } from '@nnunet-ts/tf-backend';
import { buildUNet, saveUNet } from '@nnunet-ts/unet-model';
import { afterAll, describe, expect, it } from 'vitest';
import { loadModelFolder, saveModelFolder } from './modelFolder';
import { testModelPlan, testPlan } from './testPlan.fixture';

await initBackend({ backend: 'cpu' });

const dir = mkdtempSync(join(tmpdir(), 'inference-model-folder-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const plan = testPlan([8, 8, 8], [1, 1, 1]);
const windows = Float32Array.from({ length: 2 * 8 * 8 * 8 }, (_, i) => Math.sin(i));

/** The main head's logits of two windows, as prediction runs the model. */
function logitsOf(model: tf.LayersModel): Float32Array {
  return tf.tidy(
    () => (model.predict(tf.tensor(windows, [2, 8, 8, 8, 1])) as tf.Tensor).dataSync() as Float32Array,
  );
}

describe('model folders of either network', () => {
  it('saves and loads a ResidualEncoderUNet: the plan names the network, the logits are the same bit for bit', async () => {
    const resEncPlan = { ...plan, topology: residualEncoderTopology(plan.topology) };
    const model = buildUNet({ topology: resEncPlan.topology, inChannels: 1, classes: 3, seed: 4 });
    const folder = join(dir, 'resenc');
    await saveModelFolder(folder, model, testModelPlan(resEncPlan, 3));
    const member = await loadModelFolder(folder);
    expect(member.plan.plan.topology).toEqual({
      ...plan.topology,
      networkClassName: 'ResidualEncoderUNet',
      nBlocksPerStage: [1, 3],
      nConvPerStageDecoder: [1],
    });
    expect(Array.from(await member.predict(windows, 2))).toEqual(Array.from(logitsOf(model)));
    member.dispose();
    model.dispose();
  });

  it('loads a plain folder whose plan names no network (as every folder before ResEnc) as PlainConvUNet', async () => {
    const model = buildUNet({ topology: plan.topology, inChannels: 1, classes: 3, seed: 5 });
    const saved = join(dir, 'plain');
    await saveModelFolder(saved, model, testModelPlan(plan, 3));
    const written = JSON.parse(readFileSync(join(saved, 'model.json'), 'utf8')) as {
      userDefinedMetadata: { nnunetTs: { plan: { plan: { topology: object } } } };
    };
    expect(written.userDefinedMetadata.nnunetTs.plan.plan.topology).not.toHaveProperty('networkClassName');
    // and the first folders: a plan without a version, the patch size inside the topology too
    const { version: _, ...v1 } = testModelPlan(plan, 3);
    const old = join(dir, 'plain-v1');
    await saveUNet(old, model, {
      ...v1,
      plan: { ...plan, topology: { ...plan.topology, patchSize: [8, 8, 8] } },
    });
    for (const folder of [saved, old]) {
      const member = await loadModelFolder(folder);
      expect(networkClassOf(member.plan.plan.topology)).toBe('PlainConvUNet');
      expect(Array.from(await member.predict(windows, 2))).toEqual(Array.from(logitsOf(model)));
      member.dispose();
    }
    model.dispose();
  });

  it('refuses a plan with encoder block counts but no network class, naming model.json and the field', async () => {
    const model = buildUNet({ topology: plan.topology, inChannels: 1, classes: 3, seed: 6 });
    const folder = join(dir, 'unnamed');
    const { networkClassName: _, ...unnamed } = residualEncoderTopology(plan.topology);
    await saveUNet(folder, model, testModelPlan({ ...plan, topology: unnamed as typeof plan.topology }, 3));
    await expect(loadModelFolder(folder)).rejects.toThrow(
      `${join(folder, 'model.json')}: plan.topology.nBlocksPerStage: only a ResidualEncoderUNet has nBlocksPerStage`,
    );
    model.dispose();
  });
});
