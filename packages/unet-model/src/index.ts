export type { Topology, TopologyRule } from './Topology';
export { nvidiaTopology, type NvidiaTopologyOptions } from './nvidiaTopology';
export { nnunetTopology, type NnunetTopologyOptions } from './nnunetTopology';
export { buildUNet, type UNetOptions, type NormKind } from './buildUNet';
export { saveUNet, loadUNet } from './modelFolder';
export { InstanceNormalization } from './layers/InstanceNormalization';
export { GroupNormalization, type GroupNormalizationArgs } from './layers/GroupNormalization';
export { NearestUpsampling } from './layers/NearestUpsampling';
export { HeNormal } from './layers/HeNormal';
