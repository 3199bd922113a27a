import { z } from 'zod';

/**
 * How values between samples are computed along one axis: `nearest` (order 0), `linear` (order 1) or
 * `cubic` (order 3, an interpolating cubic B-spline as scipy/skimage order 3).
 */
export const interpolationSchema = z.enum(['nearest', 'linear', 'cubic']);
export type Interpolation = z.output<typeof interpolationSchema>;
export const INTERPOLATIONS: readonly Interpolation[] = interpolationSchema.options;

/** How one kind of array (image, label, probabilities) is resampled; stored per configuration in the plan. */
export const resamplingSettingsSchema = z.object({
  /** kernel on every axis, or on the in-plane axes when a low-resolution axis is handled separately */
  interpolation: interpolationSchema,
  /** kernel along the single low-resolution axis of anisotropic data (nnU-Net's `order_z`) */
  lowResAxisInterpolation: interpolationSchema,
  /** spacing is anisotropic when max/min exceeds this (nnU-Net's ANISO_THRESHOLD, 3) */
  anisotropyThreshold: z.number().positive(),
});

export type ResamplingSettings = z.output<typeof resamplingSettingsSchema>;
