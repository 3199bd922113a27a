// @nnunet-ts/io-nifti: NIfTI-1/2 and Analyze reading, NIfTI writing, hardened against malformed files; the
// one atomic file writer (Node only) that every package writing files uses.
export { NiftiError, type NiftiErrorCode } from './NiftiError';
export type { NiftiExtension, NiftiHeader } from './NiftiHeader';
export type { NiftiHeaderInfo, NiftiImage } from './NiftiImage';
export { headerAffine, type AffineSource } from './headerAffine';
export { codeForDType, dtypeForCode } from './datatypes';
export { scaleVolume, type ScaledType } from './scaleVolume';
export { decodeNifti, type DecodeNiftiOptions } from './decodeNifti';
export { readNifti, readNiftiHeader, type ReadNiftiOptions } from './readNifti';
export { encodeNifti, encodeNiftiParts, type EncodeNiftiOptions, type NiftiParts } from './encodeNifti';
export type { HeaderOptions } from './internal/buildHeader';
export { writeNifti, type WriteNiftiOptions } from './writeNifti';
export { writeFileAtomic, stageFileAtomic, type FileContent, type StagedFile } from './writeFileAtomic';
export { faultPoint, FAULTS_ENV, FAULTS_TRACE_ENV, type FaultPointName } from './faultPoint';
export { acquireExclusiveLock, type AcquireLockOptions, type ExclusiveLock } from './exclusiveLock';
export { currentOwner, isOwnerGone, ownerTag, parseOwnerTag, type ProcessOwner } from './processOwner';
