export { buildUNet, type UNetOptions, type NormKind } from './buildUNet';
export { saveUNet, loadUNet } from './modelFolder';
export { InstanceNormalization } from './layers/InstanceNormalization';
export { GroupNormalization, type GroupNormalizationArgs } from './layers/GroupNormalization';
export { NearestUpsampling } from './layers/NearestUpsampling';
export { HeNormal } from './layers/HeNormal';
