import { readFile } from 'node:fs/promises';

type Json = Record<string, unknown>;
type Refuse = (problem: string) => never;

/**
 * Refuses a model.json that tfjs's loader cannot survive, before it builds anything:
 * - a layer graph it would never finish: it re-queues a layer call until the layers feeding it exist, in a
 *   synchronous loop, so a call taking its input from a layer that is not defined (a typo, a damaged file)
 *   or from a cycle hangs the process for good;
 * - a layer declaring more weights than weights.bin holds: tfjs allocates them (as zeros) before it compares
 *   them with the stored ones, gigabytes for a `filters` of 1e8.
 * Layers are read as saveModelFolder writes them (unique names, calls as `[layer, node, tensor, kwargs]`).
 * A file that cannot be read or parsed, or has no layer list, is left to the loader, which reports it.
 */
export async function checkModelJson(modelJson: string): Promise<void> {
  let json: unknown;
  try {
    json = JSON.parse(await readFile(modelJson, 'utf8'));
  } catch {
    return;
  }
  const topology = field(json, 'modelTopology');
  const layers = field(field(field(topology, 'model_config') ?? topology, 'config'), 'layers');
  if (!Array.isArray(layers)) return;
  const refuse: Refuse = (problem) => {
    throw new Error(`${modelJson}: cannot load the model: ${problem}`);
  };
  checkLayerGraph(layers, refuse);
  checkWeightBudget(layers, field(json, 'weightsManifest'), refuse);
}

interface Call {
  layer: string;
  /** [layer name, node index] of each input */
  inputs: [string, number][];
}

/** Replays tfjs's queue of layer calls (in linear time): every call must become possible. */
function checkLayerGraph(layers: unknown[], refuse: Refuse): void {
  // calls made so far per layer: an InputLayer has its one node from the start
  const nodes = new Map<string, number>();
  const calls: Call[] = [];
  for (const layer of layers) {
    const name = field(layer, 'name');
    if (typeof name !== 'string' || nodes.has(name) || field(field(layer, 'config'), 'name') !== name) {
      refuse(
        `layer names must be unique strings, each its config's name (got ${typeof name === 'string' ? JSON.stringify(name) : typeof name})`,
      );
    }
    nodes.set(name as string, field(layer, 'class_name') === 'InputLayer' ? 1 : 0);
    // a layer that is a model of its own is built by the same loop
    const inner = field(field(layer, 'config'), 'layers');
    if (Array.isArray(inner)) checkLayerGraph(inner, refuse);
    const inbound = field(layer, 'inbound_nodes') ?? [];
    if (!Array.isArray(inbound)) refuse(`layer '${name}': inbound_nodes is not a list`);
    for (const call of inbound as unknown[]) {
      if (!Array.isArray(call) || !call.every(isInput)) refuse(`layer '${name}': malformed inbound node`);
      calls.push({ layer: name as string, inputs: (call as [string, number][]).map((i) => [i[0], i[1]]) });
    }
  }
  const unmet = (call: Call) =>
    call.inputs.find(([from, node]) => !nodes.has(from) || nodes.get(from)! <= node);
  // calls waiting for another call of a layer, by that layer
  const waiting = new Map<string, Call[]>();
  const ready: Call[] = [];
  const place = (call: Call) => {
    // tfjs applies a layer only to some input: a call without inputs makes no node
    if (call.inputs.length === 0) return;
    const input = unmet(call);
    if (!input) ready.push(call);
    else waiting.set(input[0], [...(waiting.get(input[0]) ?? []), call]);
  };
  calls.forEach(place);
  for (let call = ready.pop(); call; call = ready.pop()) {
    nodes.set(call.layer, nodes.get(call.layer)! + 1);
    const woken = waiting.get(call.layer) ?? [];
    waiting.delete(call.layer);
    woken.forEach(place);
  }
  for (const [from, [call]] of waiting) {
    refuse(
      nodes.has(from)
        ? `layer '${call!.layer}' takes its input from a call of '${from}' that never happens (a cycle, a node index past its calls, or a call without inputs)`
        : `layer '${call!.layer}' takes its input from layer '${from}', which model.json does not define`,
    );
  }
}

/**
 * A layer with `filters` (or `units`) F and kernel K has a kernel of at least prod(K) * F values (a scalar K
 * counted as a 3D K^3): more than the manifest lists in all cannot be what weights.bin holds.
 */
function checkWeightBudget(layers: unknown[], manifest: unknown, refuse: Refuse): void {
  if (!Array.isArray(manifest)) return;
  let stored = 0;
  for (const spec of manifest.flatMap((group) => field(group, 'weights') ?? [])) {
    const shape = field(spec, 'shape');
    if (!Array.isArray(shape) || !shape.every((n) => typeof n === 'number')) return;
    stored += shape.reduce((a: number, b: number) => a * b, 1);
  }
  for (const layer of layers) {
    const config = field(layer, 'config');
    const outputs = field(config, 'filters') ?? field(config, 'units');
    const kernel = field(config, 'kernel_size') ?? 1;
    if (typeof outputs !== 'number') continue;
    const spatial = Array.isArray(kernel)
      ? kernel.reduce((a: number, k) => a * Number(k), 1)
      : Number(kernel) ** 3;
    if (spatial * outputs > stored) {
      refuse(
        `layer '${field(layer, 'name')}' declares ${spatial * outputs} or more weights, the manifest lists ${stored}`,
      );
    }
  }
}

function field(value: unknown, key: string): unknown {
  return typeof value === 'object' && value !== null ? (value as Json)[key] : undefined;
}

/** One input of a layer call: `[layer name, node index, tensor index, kwargs?]`. */
function isInput(input: unknown): boolean {
  return (
    Array.isArray(input) &&
    input.length >= 3 &&
    typeof input[0] === 'string' &&
    Number.isSafeInteger(input[1]) &&
    input[1] >= 0 &&
    Number.isSafeInteger(input[2]) &&
    input[2] >= 0
  );
}
