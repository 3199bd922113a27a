import { Niivue, SHOW_RENDER, type NVImage } from '@niivue/niivue';
import { classColor, type Rgb } from '../internal/classColors';

/** The two overlays: the reference label map and the prediction. */
export type Layer = 'label' | 'prediction';
export const LAYERS: readonly Layer[] = ['label', 'prediction'];

export interface ClassStyle {
  value: number;
  name: string;
  color: Rgb;
  visible: boolean;
}

/** A volume to load: a URL (or blob URL) and a file name whose ending tells the format. */
export interface VolumeSource {
  url: string;
  name: string;
}

/**
 * Niivue on the page's canvas: multiplanar slices with a 3D render, the image in grey and the label
 * and prediction as label-coloured overlays whose opacity and per-class colour and visibility can
 * change.
 */
export class VolumeView {
  readonly nv = new Niivue({
    backColor: [0, 0, 0, 1],
    show3Dcrosshair: true,
    dragAndDropEnabled: false,
    multiplanarShowRender: SHOW_RENDER.ALWAYS,
    isColorbar: false,
    logLevel: 'warn',
  });
  private readonly overlays: Partial<Record<Layer, NVImage>> = {};
  private readonly opacity: Record<Layer, number> = { label: 0.5, prediction: 0.5 };
  private readonly visible: Record<Layer, boolean> = { label: true, prediction: true };
  private classes: ClassStyle[] = [];

  async attach(canvas: HTMLCanvasElement): Promise<void> {
    await this.nv.attachToCanvas(canvas);
    this.nv.setSliceType(this.nv.sliceTypeMultiplanar);
  }

  /** Replaces what is shown by these volumes (any may be absent). */
  async show(sources: {
    image?: VolumeSource;
    label?: VolumeSource;
    prediction?: VolumeSource;
  }): Promise<void> {
    const order = (['image', ...LAYERS] as const).filter((key) => sources[key] !== undefined);
    await this.nv.loadVolumes(
      order.map((key) => ({ url: sources[key]!.url, name: sources[key]!.name, colormap: 'gray' })),
    );
    for (const layer of LAYERS) {
      const index = order.indexOf(layer);
      if (index >= 0) this.overlays[layer] = this.nv.volumes[index];
      else delete this.overlays[layer];
    }
    this.applyStyles();
  }

  /** The largest value in the loaded overlays (for naming classes when no dataset.json names them). */
  largestLabelValue(): number {
    return Math.max(0, ...LAYERS.map((l) => this.overlays[l]?.global_max ?? 0));
  }

  hasLayer(layer: Layer): boolean {
    return this.overlays[layer] !== undefined;
  }

  setClasses(classes: ClassStyle[]): void {
    this.classes = classes;
    this.applyStyles();
  }

  setOpacity(layer: Layer, opacity: number): void {
    this.opacity[layer] = opacity;
    this.applyStyles();
  }

  setVisible(layer: Layer, visible: boolean): void {
    this.visible[layer] = visible;
    this.applyStyles();
  }

  private applyStyles(): void {
    const top = Math.max(this.largestLabelValue(), ...this.classes.map((c) => c.value));
    const byValue = new Map(this.classes.map((c) => [c.value, c]));
    // one entry per value 0..top; background and hidden classes are transparent
    const values = Array.from({ length: top + 1 }, (_, v) => v);
    const colorOf = (v: number): Rgb => (v === 0 ? [0, 0, 0] : (byValue.get(v)?.color ?? classColor(v)));
    const colormap = {
      R: values.map((v) => colorOf(v)[0]),
      G: values.map((v) => colorOf(v)[1]),
      B: values.map((v) => colorOf(v)[2]),
      A: values.map((v) => (v > 0 && byValue.get(v)?.visible !== false ? 255 : 0)),
      I: values,
      labels: values.map((v) => (v === 0 ? 'background' : (byValue.get(v)?.name ?? `class ${v}`))),
    };
    for (const layer of LAYERS) {
      const volume = this.overlays[layer];
      if (!volume) continue;
      volume.setColormapLabel(colormap);
      this.nv.setOpacity(this.nv.volumes.indexOf(volume), this.visible[layer] ? this.opacity[layer] : 0);
    }
    this.nv.updateGLVolume();
  }
}
