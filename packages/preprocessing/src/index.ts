// @nnunet-ts/preprocessing: dataset fingerprint, experiment plan, crop, resample, normalize, pad and the preprocessed store.
export type { Topology, TopologyRule } from './topology/Topology';
export { nvidiaTopology, type NvidiaTopologyOptions } from './topology/nvidiaTopology';
export { nnunetTopology, type NnunetTopologyOptions } from './topology/nnunetTopology';

export type { Interpolation } from './resample/Interpolation';
export { resampleChannel, type AxisInterpolations } from './resample/resampleChannel';
export { resampleLabel, type LabelArray } from './resample/resampleLabel';
export { axisInterpolations, lowResAxis, type ResamplingSettings } from './resample/lowResAxis';

export type { NpyArray, NpyDType } from './npy/NpyArray';
export type { NpyHeader } from './npy/npyHeader';
export { writeNpy } from './npy/writeNpy';
export { readNpy, readNpyHeader } from './npy/readNpy';
export { readNpyRegion, type ReadNpyRegionOptions } from './npy/readNpyRegion';
