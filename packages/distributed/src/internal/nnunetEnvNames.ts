/** The environment variables through which `nnunet-run` gives each worker its slot and job. */
export const NNUNET_ENV = {
  rank: 'NNUNET_RANK',
  size: 'NNUNET_SIZE',
  localRank: 'NNUNET_LOCAL_RANK',
  localSize: 'NNUNET_LOCAL_SIZE',
  crossRank: 'NNUNET_CROSS_RANK',
  crossSize: 'NNUNET_CROSS_SIZE',
  hostname: 'NNUNET_HOSTNAME',
  /** `host:port` of the rendezvous service */
  rendezvous: 'NNUNET_RENDEZVOUS',
  /** shared secret of one job: connections from another job are refused */
  jobToken: 'NNUNET_JOB_TOKEN',
  /** collective timeout: a peer silent for this long is declared gone */
  timeoutMs: 'NNUNET_TIMEOUT_MS',
  /** how long a worker waits for all ranks to join */
  startTimeoutMs: 'NNUNET_START_TIMEOUT_MS',
  /** `auto` (default), `mpi` or `tcp`: the engine of the collectives (`--dist-backend`) */
  distBackend: 'NNUNET_DIST_BACKEND',
} as const;
