// @nnunet-ts/volume: the Volume type and geometry helpers on typed arrays (pure TypeScript, browser-safe).
export { composeAffine, columnNorms, type Mat3, type Mat4, type Vec3, type Vec4 } from './affine';
export {
  ALL_DTYPES,
  allocateData,
  dtypeInfo,
  dtypeOfArray,
  isDType,
  type DataOf,
  type DataOfMap,
  type DType,
  type DTypeInfo,
  type DTypeOfArray,
  type VolumeData,
} from './dtype';
export { createVolume, voxelCount, type Volume, type VolumeInit } from './Volume';
export { crop } from './crop';
export { pad } from './pad';
export { flip } from './flip';
export { permuteAxes } from './permuteAxes';
export { boundingBox, type Box } from './boundingBox';
export { indexToWorld } from './indexToWorld';
export { worldToIndex } from './worldToIndex';
export {
  axisCodes,
  codesToOrientation,
  ioOrientation,
  orientationToCodes,
  type AxisCodes,
  type AxisOrientation,
  type Orientation,
} from './orientation';
export { asClosestCanonical, orientationTransform, orientTo, reorient } from './reorient';
