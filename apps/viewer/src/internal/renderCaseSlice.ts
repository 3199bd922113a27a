import { asClosestCanonical, type Volume } from '@nnunet-ts/volume';
import { classColor, type Rgb } from './classColors';
import type { RgbImage } from './RgbImage';

export interface CaseVolumes {
  image?: Volume;
  label?: Volume;
  prediction?: Volume;
}

export interface CaseSliceOptions {
  /** the longer side of each panel in pixels (default 384); the other follows the slice's extent in mm */
  panelSize?: number;
  /** white pixels between panels (default 4) */
  gap?: number;
  /** overlay opacity (default 0.5) */
  opacity?: number;
  /** colour of a class (default {@link classColor}) */
  color?: (value: number) => Rgb;
}

export type PanelOverlay = 'label' | 'prediction';

export interface CaseSlice {
  picture: RgbImage;
  /** index of the axial slice shown, along the superior axis of the RAS-oriented volume */
  slice: number;
  /** the overlay of each panel, left to right (none: the image alone) */
  panels: PanelOverlay[];
}

/** Grey window: these percentiles of the slice map to black and white. */
const WINDOW_PERCENTILES = [0.005, 0.995] as const;

/**
 * Draws the axial mid-slice of a case: one panel per overlay (label, prediction), each the image in
 * grey with the overlay's classes in colour, side by side; the image alone when there is no overlay.
 * Volumes are turned to RAS first, and drawn as Niivue draws them by default: the patient's left on
 * the left, anterior at the top, pixels square in mm. The slice is the middle of the overlays'
 * foreground along the superior axis (the volume's middle when they are empty).
 */
export function renderCaseSlice(volumes: CaseVolumes, options: CaseSliceOptions = {}): CaseSlice {
  const { panelSize = 384, gap = 4, opacity = 0.5, color = classColor } = options;
  const image = volumes.image && asClosestCanonical(volumes.image);
  const overlays = (['label', 'prediction'] as const).flatMap((name) =>
    volumes[name] ? [{ name, volume: asClosestCanonical(volumes[name]) }] : [],
  );
  const base = image ?? overlays[0]?.volume;
  if (!base) throw new Error('renderCaseSlice: no volume to draw');
  const [nI, nJ, nK] = base.shape;
  for (const { name, volume } of overlays) {
    if (volume.shape.some((n, a) => n !== base.shape[a])) {
      throw new Error(
        `renderCaseSlice: the ${name} grid [${volume.shape.join(', ')}] is not the image's [${base.shape.join(', ')}]`,
      );
    }
  }
  const k = middleSlice(
    overlays.map((o) => o.volume),
    nK,
  );
  const sliceVoxels = nI * nJ;
  const grey = image ? greySlice(image, k) : new Uint8Array(sliceVoxels);

  const extentI = nI * base.spacing[0];
  const extentJ = nJ * base.spacing[1];
  const scale = panelSize / Math.max(extentI, extentJ);
  const width = Math.max(1, Math.round(extentI * scale));
  const height = Math.max(1, Math.round(extentJ * scale));
  const panels = overlays.length ? overlays : [undefined];
  const total = panels.length * width + (panels.length - 1) * gap;
  const data = new Uint8Array(total * height * 3).fill(255);
  panels.forEach((overlay, p) => {
    for (let v = 0; v < height; v++) {
      // anterior (high j) at the top
      const j = nJ - 1 - Math.min(nJ - 1, Math.floor(((v + 0.5) / height) * nJ));
      for (let u = 0; u < width; u++) {
        const i = Math.min(nI - 1, Math.floor(((u + 0.5) / width) * nI));
        const g = grey[i + nI * j]!;
        let rgb: readonly number[] = [g, g, g];
        const value = overlay ? Number(overlay.volume.data[i + nI * (j + nJ * k)]) : 0;
        if (value > 0) rgb = color(value).map((c) => Math.round((1 - opacity) * g + opacity * c));
        data.set(rgb, (v * total + p * (width + gap) + u) * 3);
      }
    }
  });
  return {
    picture: { width: total, height, data },
    slice: k,
    panels: overlays.map((o) => o.name),
  };
}

/** The middle of the slices (along k) where any overlay has a class; the volume's middle if none has. */
function middleSlice(overlays: Volume[], nK: number): number {
  let first = nK;
  let last = -1;
  for (const volume of overlays) {
    const perSlice = volume.shape[0] * volume.shape[1];
    for (let k = 0; k < nK; k++) {
      const slice = volume.data.subarray(k * perSlice, (k + 1) * perSlice) as ArrayLike<number>;
      for (let n = 0; n < perSlice; n++) {
        if (Number(slice[n]) > 0) {
          first = Math.min(first, k);
          last = Math.max(last, k);
          break;
        }
      }
    }
  }
  return last < 0 ? Math.floor(nK / 2) : Math.floor((first + last) / 2);
}

/** Slice k of the image's first channel windowed to 0..255. */
function greySlice(image: Volume, k: number): Uint8Array {
  const perSlice = image.shape[0] * image.shape[1];
  const values = Float64Array.from(
    image.data.subarray(k * perSlice, (k + 1) * perSlice) as ArrayLike<number>,
  );
  const sorted = Float64Array.from(values).sort();
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
  const low = at(WINDOW_PERCENTILES[0]);
  const range = at(WINDOW_PERCENTILES[1]) - low;
  const grey = new Uint8Array(perSlice);
  for (let n = 0; n < perSlice; n++) {
    grey[n] = range > 0 ? Math.round(Math.min(1, Math.max(0, (values[n]! - low) / range)) * 255) : 0;
  }
  return grey;
}
