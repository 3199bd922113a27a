export type { Topology, TopologyRule } from './topology/Topology';
export { nvidiaTopology, type NvidiaTopologyOptions } from './topology/nvidiaTopology';
export { nnunetTopology, type NnunetTopologyOptions } from './topology/nnunetTopology';
