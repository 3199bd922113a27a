{
  "targets": [
    {
      "target_name": "nnunet_kernels",
      "sources": [
        "native/addon.cc",
        "native/bias_activation.cc",
        "native/binary_elementwise.cc",
        "native/concat_split.cc",
        "native/conv_backprop_filter.cc",
        "native/conv_backprop_input.cc",
        "native/conv_forward.cc",
        "native/cpu_features.cc",
        "native/filter_packing.cc",
        "native/group_norm.cc",
        "native/huge_pages.cc",
        "native/leaky_relu.cc",
        "native/microkernels_avx2.cc",
        "native/microkernels_scalar.cc",
        "native/reductions.cc",
        "native/row_convolution.cc",
        "native/thread_pool.cc",
        "native/unary_elementwise.cc"
      ],
      "cflags_cc": ["-O3", "-std=c++17", "-fno-strict-aliasing"],
      "cflags_cc!": ["-std=gnu++14", "-std=gnu++17"],
      "defines": ["NAPI_DISABLE_CPP_EXCEPTIONS"],
      "xcode_settings": { "OTHER_CPLUSPLUSFLAGS": ["-O3", "-std=c++17"] }
    }
  ]
}
