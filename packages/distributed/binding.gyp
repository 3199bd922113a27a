{
  "targets": [
    {
      "target_name": "nnunet_mpi",
      "sources": ["native/mpi_addon.cc"],
      "cflags_cc": ["-O3", "-std=c++17", "<!@(node scripts/mpiFlags.cjs compile)"],
      "cflags_cc!": ["-std=gnu++14", "-std=gnu++17", "-fno-exceptions"],
      "libraries": ["<!@(node scripts/mpiFlags.cjs link)", "-ldl"],
      "defines": ["NAPI_DISABLE_CPP_EXCEPTIONS", "OMPI_SKIP_MPICXX", "MPICH_SKIP_MPICXX"]
    }
  ]
}
