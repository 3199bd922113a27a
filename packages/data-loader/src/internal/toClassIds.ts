/**
 * The stored classes (`LabelMap` classes, not label values) as the uint8 class ids augment works on: a
 * Uint8Array as is, a Uint16Array (a store of more than 256 classes) converted when all its ids fit in
 * 0..255. `name` names the case in the error.
 */
export function toClassIds(name: string, label: Uint8Array | Uint16Array): Uint8Array {
  if (label instanceof Uint8Array) return label;
  const out = new Uint8Array(label.length);
  for (let i = 0; i < label.length; i++) {
    const v = label[i];
    if (v > 255)
      throw new RangeError(
        `${name}: class id ${v} at voxel ${i}; augmentation handles 256 classes (ids 0..255)`,
      );
    out[i] = v;
  }
  return out;
}
