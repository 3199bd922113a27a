// The web worker that runs an exported model on a dropped image: tfjs on WebGL, else wasm (binaries
// served beside this script), else cpu; sliding-window inference with progress, and the label map
// back as .nii.gz bytes.
import {
  createModelEnsemble,
  predictVolume,
  tfjsEnsembleMember,
  type ModelEnsemble,
} from '@nnunet-ts/inference/browser';
import { decodeNifti, encodeNifti } from '@nnunet-ts/io-nifti';
import { initBrowserBackend, tf, type BrowserBackendChoice } from '@nnunet-ts/tf-backend/browser';
import type { Volume } from '@nnunet-ts/volume';
import {
  GroupNormalization,
  HeNormal,
  InstanceNormalization,
  NearestUpsampling,
} from '@nnunet-ts/unet-model';
import { gunzipSync, gzipSync } from 'fflate';
import type { ModelInfo, WorkerRequest, WorkerResponse } from './workerMessages';

interface WorkerScope {
  onmessage: ((event: MessageEvent<WorkerRequest>) => void) | null;
  postMessage(message: WorkerResponse, transfer?: Transferable[]): void;
}
const scope = self as unknown as WorkerScope;

// The model's custom layers must be registered before it is deserialized. unet-model registers them
// when its layer modules load, but the bundler keeps only modules whose exports are used, so the
// worker registers them itself.
for (const layerClass of [GroupNormalization, InstanceNormalization, NearestUpsampling, HeNormal]) {
  tf.serialization.registerClass(
    layerClass as unknown as tf.serialization.SerializableConstructor<tf.serialization.Serializable>,
  );
}

let loaded: { ensemble: ModelEnsemble; info: ModelInfo } | undefined;

const post = (message: WorkerResponse, transfer: Transferable[] = []) => scope.postMessage(message, transfer);

scope.onmessage = (event) => {
  handle(event.data).catch((error: unknown) =>
    post({ type: 'error', message: error instanceof Error ? error.message : String(error) }),
  );
};

async function handle(request: WorkerRequest): Promise<void> {
  if (request.type === 'load-model') {
    post({ type: 'model-loaded', info: await loadModel(request.files, request.backend) });
  } else {
    const result = await segment(request.name, new Uint8Array(request.bytes));
    post(result, [result.niftiGz]);
  }
}

async function loadModel(files: File[], backendChoice: string): Promise<ModelInfo> {
  const json = files.find((f) => f.name.endsWith('.json'));
  const weights = files.filter((f) => f !== json);
  if (!json || weights.length === 0) {
    throw new Error("choose the model folder's model.json and its weights file(s) together");
  }
  const backend = await initBrowserBackend({
    backend: backendChoice as BrowserBackendChoice,
    wasmPaths: new URL('./', self.location.href).href,
  });
  const model = await tf.loadLayersModel(tf.io.browserFiles([json, ...weights]));
  let ensemble: ModelEnsemble;
  try {
    // the plan inside model.json, checked (errors name the file and the field)
    ensemble = createModelEnsemble([tfjsEnsembleMember(model, json.name)]);
  } catch (error) {
    model.dispose();
    throw error;
  }
  const { plan } = ensemble;
  const info: ModelInfo = {
    patchSize: plan.plan.patchSize,
    spacing: plan.plan.spacing,
    inChannels: plan.channelNames.length,
    classes: plan.classes,
    backend: backend.backend,
    backendReason: backend.reason,
  };
  loaded?.ensemble.dispose();
  loaded = { ensemble, info };
  return info;
}

async function segment(name: string, bytes: Uint8Array) {
  if (!loaded) throw new Error('load a model first');
  const started = performance.now();
  const raw = bytes[0] === 0x1f && bytes[1] === 0x8b ? gunzipSync(bytes) : bytes;
  // read as float32 (scl_slope / scl_inter applied), as preprocessing takes it
  const image = decodeNifti(raw, { as: 'float32', fileName: name }).volume as Volume<'float32'>;
  const labels = await predictVolume(loaded.ensemble, image, {
    name,
    onWindows: (done, total) => post({ type: 'progress', done, total }),
  });
  // a copy of exactly the compressed bytes, to transfer
  const niftiGz = gzipSync(encodeNifti(labels)).slice().buffer;
  const id = name.replace(/\.nii(\.gz)?$/i, '');
  return {
    type: 'segmented' as const,
    name: `${id}_seg.nii.gz`,
    niftiGz,
    seconds: (performance.now() - started) / 1000,
  };
}
