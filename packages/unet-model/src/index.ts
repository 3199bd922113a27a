export type { Topology, TopologyRule } from './Topology';
export { nvidiaTopology, type NvidiaTopologyOptions } from './nvidiaTopology';
export { nnunetTopology, type NnunetTopologyOptions } from './nnunetTopology';
