// @nnunet-ts/volume: The Volume type and geometry helpers (crop, pad, flip, transpose, bounding box, affine maths) on typed arrays.
// Its API arrives with issue #3; until then the package exports nothing.
export {};
