// @nnunet-ts/augment: Seeded augmentations on typed arrays: foreground-biased crop, zoom, rotation, flips, noise, blur, intensity transforms.
// Its API arrives with issue #7; until then the package exports nothing.
export {};
