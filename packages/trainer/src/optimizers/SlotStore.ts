import { tf } from '@nnunet-ts/tf-backend';

/** Named per-variable slot tensors (moments, velocities) created as zeros on first use. */
export class SlotStore {
  private readonly slots = new Map<string, tf.Variable>();

  constructor(private readonly prefix: string) {}

  /** The slot `kind` of variable `index`, created like the variable (zeros) when first asked for. */
  get(kind: string, index: number, like: tf.Tensor, initial?: () => tf.Tensor): tf.Variable {
    const key = `${this.prefix}/${kind}/${index}`;
    let slot = this.slots.get(key);
    if (!slot) {
      slot = tf.tidy(() => tf.variable(initial ? initial() : tf.zerosLike(like), false));
      this.slots.set(key, slot);
    }
    return slot;
  }

  entries(): Map<string, tf.Tensor> {
    return new Map(this.slots);
  }

  load(state: ReadonlyMap<string, tf.Tensor>): void {
    for (const [key, tensor] of state) {
      if (!key.startsWith(`${this.prefix}/`)) continue;
      const existing = this.slots.get(key);
      if (existing) existing.assign(tensor);
      else
        this.slots.set(
          key,
          tf.tidy(() => tf.variable(tensor.clone(), false)),
        );
    }
  }

  dispose(): void {
    for (const slot of this.slots.values()) slot.dispose();
    this.slots.clear();
  }
}

/** A scalar step counter kept as a tensor so it travels with the optimiser state. */
export class StepCounter {
  private counter: tf.Variable | undefined;

  constructor(private readonly key: string) {}

  private variable(): tf.Variable {
    // tidy: the variable shares the zero's data, the scalar itself would stay behind
    this.counter ??= tf.tidy(() => tf.variable(tf.scalar(0), false));
    return this.counter;
  }

  /** Increments and returns the new count (1 on the first step). */
  next(): number {
    const value = this.variable().dataSync()[0]! + 1;
    tf.tidy(() => this.counter!.assign(tf.scalar(value)));
    return value;
  }

  entries(): [string, tf.Tensor][] {
    return this.counter ? [[this.key, this.counter]] : [];
  }

  load(state: ReadonlyMap<string, tf.Tensor>): void {
    const saved = state.get(this.key);
    if (!saved) return;
    this.variable().assign(saved);
  }

  dispose(): void {
    this.counter?.dispose();
    this.counter = undefined;
  }
}
