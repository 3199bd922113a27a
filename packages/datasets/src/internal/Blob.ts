import type { Vec3 } from '@nnunet-ts/volume';
import type { LegacyRandomState } from './LegacyRandomState';

/**
 * A random star-shaped blob: an ellipsoid turned about the z axis whose radius is modulated by two
 * low-order harmonics of the direction, so that every draw has a different, organ-like outline; the
 * outline stays within ±`roughness` (relative) of the ellipsoid's.
 * Coordinates are normalized: each axis of the image runs from -1 to 1.
 */
export class Blob {
  private readonly cos: number;
  private readonly sin: number;
  private readonly lobes: number;
  private readonly phase: [number, number];
  private readonly amplitude: [number, number];

  constructor(
    readonly center: Vec3,
    readonly radii: Vec3,
    random: LegacyRandomState,
    roughness: number,
  ) {
    const angle = random.uniform(0, Math.PI);
    this.cos = Math.cos(angle);
    this.sin = Math.sin(angle);
    this.lobes = 2 + Math.floor(random.random() * 3);
    this.phase = [random.uniform(0, 2 * Math.PI), random.uniform(0, 2 * Math.PI)];
    // the two amplitudes add up to at most `roughness`
    this.amplitude = [roughness * random.uniform(0.4, 0.6), roughness * random.uniform(0.2, 0.4)];
  }

  /** Whether a point (normalized coordinates) is inside the blob. */
  contains(x: number, y: number, z: number): boolean {
    const dx = x - this.center[0];
    const dy = y - this.center[1];
    const u = (this.cos * dx + this.sin * dy) / this.radii[0];
    const v = (-this.sin * dx + this.cos * dy) / this.radii[1];
    const w = (z - this.center[2]) / this.radii[2];
    const r = Math.sqrt(u * u + v * v + w * w);
    const swing = this.amplitude[0] + this.amplitude[1];
    // most points are clearly in or out; the harmonics only matter near the outline
    if (r >= 1 + swing) return false;
    if (r <= 1 - swing) return true;
    const azimuth = Math.atan2(v, u);
    const elevation = Math.atan2(w, Math.hypot(u, v));
    const outline =
      1 +
      this.amplitude[0] * Math.sin(this.lobes * azimuth + this.phase[0]) * Math.cos(elevation) +
      this.amplitude[1] * Math.sin(2 * elevation + this.phase[1]);
    return r <= outline;
  }
}
