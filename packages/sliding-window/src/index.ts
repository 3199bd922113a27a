// @nnunet-ts/sliding-window: Sliding-window inference with Gaussian or constant blending, batched windows and mirror test-time augmentation.
// Its API arrives with issue #8; until then the package exports nothing.
export {};
