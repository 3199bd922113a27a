// @nnunet-ts/dist: Horovod-style data parallelism over TCP: launcher, rank environment, rendezvous, ring allreduce, broadcast, barrier.
// Its API arrives with issue #10; until then the package exports nothing.
export {};
