// @nnunet-ts/unet-model: The dynamic nnU-Net: topology from patch size and spacing, 2D/3D U-Nets, norms, deep-supervision heads.
// Its API arrives with issue #6; until then the package exports nothing.
export {};
