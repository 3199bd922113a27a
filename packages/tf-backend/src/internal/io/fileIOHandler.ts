import { readFile, stat, mkdir } from 'node:fs/promises';
import { dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { writeFileAtomic } from '@nnunet-ts/io-nifti';
import { io } from '@tensorflow/tfjs';
import { errorMessage } from '../errorMessage';
import { weightDataByteLength } from './weightDataByteLength';

const MODEL_JSON = 'model.json';
const WEIGHTS_BIN = 'weights.bin';

/**
 * A tfjs IOHandler that saves a model as `<folder>/model.json` + `<folder>/weights.bin` and
 * loads it back, with plain tfjs (the `file://` handler otherwise ships only with tfjs-node).
 * Saving takes a folder (created if missing); loading takes the folder or its `model.json`.
 */
export function fileIOHandler(path: string): io.IOHandler {
  return {
    save: (artifacts) => saveModel(path, artifacts),
    load: () => loadModel(path),
  };
}

async function saveModel(folder: string, artifacts: io.ModelArtifacts): Promise<io.SaveResult> {
  if (artifacts.modelTopology instanceof ArrayBuffer) {
    throw new Error(`file:// save to ${folder}: binary (GraphDef) model topologies are not supported`);
  }
  try {
    await mkdir(folder, { recursive: true });
  } catch (error) {
    throw new Error(`file:// save: cannot create folder ${folder}: ${errorMessage(error)}`, { cause: error });
  }
  const modelJSON: io.ModelJSON = {
    modelTopology: artifacts.modelTopology ?? {},
    format: artifacts.format,
    generatedBy: artifacts.generatedBy,
    convertedBy: artifacts.convertedBy,
    weightsManifest: [{ paths: [`./${WEIGHTS_BIN}`], weights: artifacts.weightSpecs ?? [] }],
    trainingConfig: artifacts.trainingConfig,
    signature: artifacts.signature,
    userDefinedMetadata: artifacts.userDefinedMetadata,
    modelInitializer: artifacts.modelInitializer,
    initializerSignature: artifacts.initializerSignature,
  };
  const weights = io.CompositeArrayBuffer.join(artifacts.weightData ?? new ArrayBuffer(0));
  // Weights first, model.json last: a reader never finds a model.json whose weights are not there yet.
  await writeFileAtomic(join(folder, WEIGHTS_BIN), new Uint8Array(weights));
  await writeFileAtomic(join(folder, MODEL_JSON), JSON.stringify(modelJSON));
  return { modelArtifactsInfo: io.getModelArtifactsInfoForJSON(artifacts) };
}

async function loadModel(path: string): Promise<io.ModelArtifacts> {
  const modelPath = await modelJsonPath(path);
  let text: string;
  try {
    text = await readFile(modelPath, 'utf8');
  } catch (error) {
    throw new Error(`file:// load: cannot read ${modelPath}: ${errorMessage(error)}`, { cause: error });
  }
  let modelJSON: io.ModelJSON;
  try {
    modelJSON = JSON.parse(text) as io.ModelJSON;
  } catch (error) {
    throw new Error(`file:// load: ${modelPath} is not valid JSON: ${errorMessage(error)}`, { cause: error });
  }
  if (typeof modelJSON !== 'object' || modelJSON === null || typeof modelJSON.modelTopology !== 'object') {
    throw new Error(`file:// load: ${modelPath} has no 'modelTopology' object`);
  }
  if (modelJSON.weightsManifest !== undefined && !Array.isArray(modelJSON.weightsManifest)) {
    throw new Error(`file:// load: 'weightsManifest' in ${modelPath} is not an array`);
  }
  return io.getModelArtifactsForJSON(modelJSON, (manifest) => loadWeights(modelPath, manifest));
}

async function modelJsonPath(path: string): Promise<string> {
  try {
    return (await stat(path)).isDirectory() ? join(path, MODEL_JSON) : path;
  } catch (error) {
    throw new Error(`file:// load: no model at ${path}: ${errorMessage(error)}`, { cause: error });
  }
}

async function loadWeights(
  modelPath: string,
  manifest: io.WeightsManifestConfig,
): Promise<[io.WeightsManifestEntry[], ArrayBuffer]> {
  const folder = dirname(modelPath);
  const files = manifest.flatMap((group) => group.paths.map((p) => weightFilePath(folder, p, modelPath)));
  const buffers: ArrayBuffer[] = [];
  for (const file of files) {
    try {
      const bytes = await readFile(file);
      buffers.push(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
    } catch (error) {
      throw new Error(
        `file:// load: cannot read weights ${file} listed in ${modelPath}: ${errorMessage(error)}`,
        { cause: error },
      );
    }
  }
  const data = io.CompositeArrayBuffer.join(buffers);
  const specs = manifest.flatMap((group) => group.weights);
  const expected = weightDataByteLength(specs, data);
  if (expected !== data.byteLength) {
    throw new Error(
      `file:// load: weights ${files.join(', ')} hold ${data.byteLength} bytes but ${modelPath} describes ${expected}`,
    );
  }
  return [specs, data];
}

/** Resolves a manifest path inside the model's folder; a manifest must not point elsewhere. */
function weightFilePath(folder: string, manifestPath: string, modelPath: string): string {
  const file = resolve(folder, manifestPath);
  const inside = relative(folder, file);
  if (inside === '' || inside.startsWith('..') || isAbsolute(inside)) {
    throw new Error(`file:// load: weights path '${manifestPath}' in ${modelPath} leaves the model folder`);
  }
  return file;
}
