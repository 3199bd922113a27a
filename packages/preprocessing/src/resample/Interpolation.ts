/**
 * How values between samples are computed along one axis: `nearest` (order 0), `linear` (order 1) or
 * `cubic` (order 3, an interpolating cubic B-spline as scipy/skimage order 3).
 */
export type Interpolation = 'nearest' | 'linear' | 'cubic';

export const INTERPOLATIONS: readonly Interpolation[] = ['nearest', 'linear', 'cubic'];
