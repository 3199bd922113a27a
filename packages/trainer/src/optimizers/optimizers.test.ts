import { describe, expect, it } from 'vitest';
import { initBackend, tf } from '@nnunet-ts/tf-backend';
import { adam } from './adam';
import { sgd } from './sgd';
import { lookahead } from './lookahead';
import type { Optimizer } from './Optimizer';

await initBackend({ backend: 'cpu' });

const gradients = [1, -2, 0.5, 3, -0.25, 1.5, -1, 2];
const lr = 0.1;

/** Runs the optimiser on one scalar weight (start 1) with the fixed gradient sequence. */
function run(optimizer: Optimizer, steps = gradients.length): number[] {
  const w = tf.variable(tf.scalar(1));
  const path: number[] = [];
  for (const g of gradients.slice(0, steps)) {
    const grad = tf.scalar(g);
    optimizer.step([w], [grad], lr);
    grad.dispose();
    path.push(w.dataSync()[0]!);
  }
  w.dispose();
  return path;
}

function referenceAdam(rectified: boolean): number[] {
  const [b1, b2, eps] = [0.9, 0.999, 1e-7];
  const rhoInf = 2 / (1 - b2) - 1;
  let [w, m, v] = [1, 0, 0];
  return gradients.map((g, i) => {
    const t = i + 1;
    m = b1 * m + (1 - b1) * g;
    v = b2 * v + (1 - b2) * g * g;
    if (!rectified) {
      w -= ((lr * Math.sqrt(1 - b2 ** t)) / (1 - b1 ** t)) * (m / (Math.sqrt(v) + eps));
    } else {
      const rho = rhoInf - (2 * t * b2 ** t) / (1 - b2 ** t);
      const mHat = m / (1 - b1 ** t);
      if (rho > 5) {
        const r = Math.sqrt(((rho - 4) * (rho - 2) * rhoInf) / ((rhoInf - 4) * (rhoInf - 2) * rho));
        w -= (lr * r * mHat) / (Math.sqrt(v / (1 - b2 ** t)) + eps);
      } else w -= lr * mHat;
    }
    return w;
  });
}

function referenceSgd(momentum: number, nesterov: boolean): number[] {
  let [w, velocity] = [1, 0];
  return gradients.map((g) => {
    velocity = momentum * velocity - lr * g;
    w += nesterov ? momentum * velocity - lr * g : velocity;
    return w;
  });
}

const closeTo = (values: number[]) => values.map((v) => expect.closeTo(v, 5));

describe('optimisers against their update rules', () => {
  it('Adam', () => expect(run(adam())).toEqual(closeTo(referenceAdam(false))));
  it('RAdam (plain momentum until ρ_t > 5, then rectified)', () => {
    const reference = referenceAdam(true);
    expect(run(adam({ rectified: true }))).toEqual(closeTo(reference));
  });
  it('SGD with momentum and with Nesterov', () => {
    expect(run(sgd({ momentum: 0.99 }))).toEqual(closeTo(referenceSgd(0.99, false)));
    expect(run(sgd({ momentum: 0.9, nesterov: true }))).toEqual(closeTo(referenceSgd(0.9, true)));
    expect(run(sgd({ momentum: 0 }))).toEqual(closeTo(referenceSgd(0, false)));
  });
  it('Lookahead pulls the weights halfway back to the slow copy every k steps', () => {
    const path = run(lookahead(sgd({ momentum: 0 }), { syncPeriod: 3, slowStepSize: 0.5 }));
    // fast steps of plain SGD from 1: 0.9, 1.1, 1.05 → sync: 1 + 0.5·(1.05 − 1) = 1.025
    expect(path.slice(0, 3)).toEqual(closeTo([0.9, 1.1, 1.025]));
    // then from 1.025 with gradients 3, −0.25, 1.5: 0.725, 0.75, 0.6 → sync: 1.025 + 0.5·(0.6 − 1.025)
    expect(path.slice(3, 6)).toEqual(closeTo([0.725, 0.75, 0.8125]));
  });
});

describe('optimiser state', () => {
  const makers: [string, () => Optimizer][] = [
    ['adam', () => adam()],
    ['radam', () => adam({ rectified: true })],
    ['sgd', () => sgd({ momentum: 0.99, nesterov: true })],
    ['lookahead(adam)', () => lookahead(adam(), { syncPeriod: 3 })],
  ];
  for (const [name, make] of makers) {
    it(`${name}: stopping after 5 steps and resuming from the saved state matches an uninterrupted run bit for bit`, () => {
      const uninterrupted = run(make());
      const first = make();
      const w = tf.variable(tf.scalar(1));
      for (const g of gradients.slice(0, 5)) first.step([w], [tf.scalar(g)], lr);
      const saved = new Map([...first.state()].map(([k, t]) => [k, t.clone()]));
      const weight = w.dataSync()[0]!;
      first.dispose();
      const second = make();
      second.loadState(saved);
      w.assign(tf.scalar(weight));
      const resumed: number[] = [];
      for (const g of gradients.slice(5)) {
        second.step([w], [tf.scalar(g)], lr);
        resumed.push(w.dataSync()[0]!);
      }
      expect(resumed).toEqual(uninterrupted.slice(5));
      tf.dispose([...saved.values(), w]);
      second.dispose();
    });
  }
});
