// @nnunet-ts/distributed: Horovod-style data parallelism on MPI (multi-node) or a TCP ring (one host).
// Moves Float32Arrays; knows nothing of tfjs.
export { initDistributed, type InitDistributedOptions } from './internal/initDistributed';
export type { DistributedContext } from './internal/DistributedContext';
export type { DistBackend } from './internal/CollectiveEngine';
export { mpiAvailability } from './internal/mpiAddon';
export {
  selectBackend,
  mpiLauncherOf,
  DIST_BACKEND_CHOICES,
  type DistBackendChoice,
  type BackendSelection,
} from './internal/selectBackend';
export type { ReduceOp } from './internal/ringAllreduce';
export { CollectiveError } from './internal/CollectiveError';
export { allgatherJson } from './internal/allgatherJson';
export { rootFirst } from './internal/rootFirst';
export {
  GradientFusion,
  DEFAULT_FUSION_THRESHOLD_BYTES,
  type Allreducer,
  type GradientFusionOptions,
} from './internal/GradientFusion';
export { detectSlot, type DetectedSlot, type SlotSource } from './internal/detectSlot';
export type { WorkerSlot } from './internal/WorkerSlot';
export { parseHosts, type HostSlots } from './internal/parseHosts';
export { planSlots, type Slot } from './internal/planSlots';
export { workerEnv, type WorkerEnvOptions } from './internal/workerEnv';
export { rankResources, type RankResourcesInput } from './internal/rankResources';
export { NNUNET_ENV } from './internal/nnunetEnvNames';
export type { HostPort } from './internal/HostPort';
export {
  startRendezvousServer,
  type RendezvousServer,
  type RendezvousServerOptions,
} from './internal/RendezvousServer';
export { runLauncher, type LauncherOptions } from './internal/runLauncher';
