import { describe, expect, it } from 'vitest';
import { initBackend, tf } from '@nnunet-ts/tf-backend';
import { adam } from './adam';
import { sgd } from './sgd';
import { lookahead } from './lookahead';
import type { Optimizer } from './Optimizer';

await initBackend({ backend: 'cpu' });

const lr = 0.1;
const steps = 8;

/** A few weights of the U-Net's kinds: a conv kernel and its bias (decayed), a norm scale (never decayed). */
const shapes = [[3, 3, 2, 4], [4], [4]];
const DECAY = 0.1; // large, so that a wrong decay term would show through the tolerance

interface Problem {
  initial: Float32Array[];
  /** `[step][variable]` */
  gradients: Float32Array[][];
  decay: number[];
}

function makeProblem(decay: number): Problem {
  let state = 12345;
  const next = () => (state = (Math.imul(state, 1664525) + 1013904223) >>> 0) / 2 ** 32;
  const random = (shape: number[]) =>
    Float32Array.from({ length: shape.reduce((a, b) => a * b, 1) }, () => next() * 2 - 1);
  return {
    initial: shapes.map(random),
    gradients: Array.from({ length: steps }, () => shapes.map(random)),
    decay: [decay, decay, 0],
  };
}

const makeVariables = (problem: Problem) =>
  tf.tidy(() => problem.initial.map((w, i) => tf.variable(tf.tensor(w, shapes[i]))));

/** Weights after each step, `[step][variable]`, of the optimiser under test. */
function runOptimizer(optimizer: Optimizer, problem: Problem): Float32Array[][] {
  const variables = makeVariables(problem);
  const path = problem.gradients.map((stepGradients) => {
    const gradients = stepGradients.map((g, i) => tf.tensor(g, shapes[i]));
    optimizer.step(variables, gradients, lr, problem.decay);
    tf.dispose(gradients);
    return variables.map((v) => Float32Array.from(v.dataSync()));
  });
  tf.dispose(variables);
  optimizer.dispose();
  return path;
}

/** The same with one of tfjs's own optimisers, given the seed's gradient g + decay·w. */
function runTfjs(optimizer: tf.Optimizer, problem: Problem): Float32Array[][] {
  const variables = makeVariables(problem);
  const path = problem.gradients.map((stepGradients) => {
    const gradients = tf.tidy(() =>
      variables.map((v, i) => ({
        name: v.name,
        tensor: tf.add(tf.tensor(stepGradients[i]!, shapes[i]), tf.mul(v, problem.decay[i]!)),
      })),
    );
    optimizer.applyGradients(gradients);
    tf.dispose(gradients.map((g) => g.tensor));
    return variables.map((v) => Float32Array.from(v.dataSync()));
  });
  tf.dispose(variables);
  optimizer.dispose();
  return path;
}

/** One weight's update rule in double precision: the new weight from the weight, gradient and step 1, 2, … */
type ElementRule = (w: number, g: number, t: number) => number;

function referenceAdam(rectified: boolean): () => ElementRule {
  const [b1, b2, eps] = [0.9, 0.999, 1e-7];
  const rhoInf = 2 / (1 - b2) - 1;
  return () => {
    let [m, v] = [0, 0];
    return (w, g, t) => {
      m = b1 * m + (1 - b1) * g;
      v = b2 * v + (1 - b2) * g * g;
      if (!rectified) return w - ((lr * Math.sqrt(1 - b2 ** t)) / (1 - b1 ** t)) * (m / (Math.sqrt(v) + eps));
      const rho = radamRho(t);
      const mHat = m / (1 - b1 ** t);
      if (rho <= 5) return w - lr * mHat;
      const r = Math.sqrt(((rho - 4) * (rho - 2) * rhoInf) / ((rhoInf - 4) * (rhoInf - 2) * rho));
      return w - (lr * r * mHat) / (Math.sqrt(v / (1 - b2 ** t)) + eps);
    };
  };
}

/** RAdam's ρ_t for β₂ = 0.999: the adaptive update starts once it exceeds 5. */
function radamRho(t: number): number {
  const b2 = 0.999;
  return 2 / (1 - b2) - 1 - (2 * t * b2 ** t) / (1 - b2 ** t);
}

function referenceSgd(momentum: number, nesterov: boolean): () => ElementRule {
  return () => {
    let velocity = 0;
    return (w, g) => {
      velocity = momentum * velocity - lr * g;
      return w + (nesterov ? momentum * velocity - lr * g : velocity);
    };
  };
}

/** Every `k` steps the slow weight moves by α towards the fast one, and the fast one is reset to it. */
function referenceLookahead(inner: () => ElementRule, k: number, alpha: number): () => ElementRule {
  return () => {
    const rule = inner();
    let slow: number | undefined;
    return (w, g, t) => {
      slow ??= w;
      const fast = rule(w, g, t);
      if (t % k !== 0) return fast;
      slow += alpha * (fast - slow);
      return slow;
    };
  };
}

/** Each weight on its own, with the decay's gradient added to its gradient. */
function runReference(makeRule: () => ElementRule, problem: Problem): Float32Array[][] {
  const weights = problem.initial.map((w) => Array.from(w));
  const rules = weights.map((w) => w.map(() => makeRule()));
  return problem.gradients.map((stepGradients, s) =>
    weights.map((w, i) => {
      w.forEach((value, j) => {
        w[j] = rules[i]![j]!(value, stepGradients[i]![j]! + problem.decay[i]! * value, s + 1);
      });
      return Float32Array.from(w);
    }),
  );
}

function expectClose(actual: Float32Array[][], expected: Float32Array[][], tolerance = 2e-6) {
  let worst = { difference: 0, at: '' };
  actual.forEach((stepWeights, s) =>
    stepWeights.forEach((w, i) =>
      w.forEach((value, j) => {
        const difference = Math.abs(value - expected[s]![i]![j]!);
        if (!(difference <= worst.difference))
          worst = { difference, at: `step ${s + 1}, variable ${i}, [${j}]` };
      }),
    ),
  );
  expect(worst.difference, `largest difference at ${worst.at}`).toBeLessThanOrEqual(tolerance);
}

const cases: [string, (fused: boolean) => Optimizer, () => ElementRule][] = [
  ['Adam', (fused) => adam({ fused }), referenceAdam(false)],
  ['RAdam', (fused) => adam({ rectified: true, fused }), referenceAdam(true)],
  ['SGD', (fused) => sgd({ momentum: 0, fused }), referenceSgd(0, false)],
  ['SGD with momentum', (fused) => sgd({ momentum: 0.99, fused }), referenceSgd(0.99, false)],
  [
    'SGD with Nesterov momentum',
    (fused) => sgd({ momentum: 0.9, nesterov: true, fused }),
    referenceSgd(0.9, true),
  ],
  [
    'Lookahead(Adam)',
    (fused) => lookahead(adam({ fused }), { syncPeriod: 3, slowStepSize: 0.5, fused }),
    referenceLookahead(referenceAdam(false), 3, 0.5),
  ],
  [
    'Lookahead(SGD with momentum)',
    (fused) => lookahead(sgd({ momentum: 0.9, fused }), { syncPeriod: 4, slowStepSize: 0.3, fused }),
    referenceLookahead(referenceSgd(0.9, false), 4, 0.3),
  ],
];

describe('optimisers against their update rules, weight by weight', () => {
  it('RAdam runs both regimes within the steps tested', () => {
    expect(radamRho(1)).toBeLessThanOrEqual(5);
    expect(radamRho(steps)).toBeGreaterThan(5);
  });
  for (const [name, make, rule] of cases) {
    for (const decay of [0, DECAY]) {
      for (const fused of [true, false]) {
        it(`${name}, weight decay ${decay} (not on the norm scale), ${fused ? 'fused typed-array' : 'tensor-op'} update`, () => {
          const problem = makeProblem(decay);
          expectClose(runOptimizer(make(fused), problem), runReference(rule, problem));
        });
      }
    }
  }
  it('the weight decay changes the weights it applies to, and only those', () => {
    const [plain, decayed] = [0, DECAY].map((decay) => runOptimizer(adam(), makeProblem(decay)).at(-1)!);
    expect(Math.abs(decayed[0]![0]! - plain[0]![0]!)).toBeGreaterThan(1e-3);
    expect(decayed[2]).toEqual(plain[2]);
  });
});

describe("optimisers against tfjs's own", () => {
  const tfjsCases: [string, () => Optimizer, () => tf.Optimizer][] = [
    // tfjs adds ε to √v̂ where Keras adds it to √v: a tiny ε makes the two rules the same
    ['adam', () => adam({ epsilon: 1e-10 }), () => tf.train.adam(lr, 0.9, 0.999, 1e-10)],
    ['sgd', () => sgd({ momentum: 0 }), () => tf.train.sgd(lr)],
    ['momentum', () => sgd({ momentum: 0.9 }), () => tf.train.momentum(lr, 0.9)],
    [
      'nesterov momentum',
      () => sgd({ momentum: 0.9, nesterov: true }),
      () => tf.train.momentum(lr, 0.9, true),
    ],
  ];
  for (const [name, ours, theirs] of tfjsCases) {
    for (const decay of [0, DECAY]) {
      it(`tf.train.${name}, weight decay ${decay}`, () => {
        const problem = makeProblem(decay);
        expectClose(runOptimizer(ours(), problem), runTfjs(theirs(), problem), 1e-5);
      });
    }
  }
});

describe('lookahead', () => {
  it('pulls the weights halfway back to the slow copy every k steps', () => {
    const w = tf.variable(tf.scalar(1));
    const optimizer = lookahead(sgd({ momentum: 0 }), { syncPeriod: 3, slowStepSize: 0.5 });
    const path = [1, -2, 0.5, 3, -0.25, 1.5].map((g) => {
      optimizer.step([w], [tf.scalar(g)], lr);
      return w.dataSync()[0]!;
    });
    // fast steps of plain SGD from 1: 0.9, 1.1, 1.05 → sync: 1 + 0.5·(1.05 − 1) = 1.025
    // then from 1.025 with gradients 3, −0.25, 1.5: 0.725, 0.75, 0.6 → sync: 1.025 + 0.5·(0.6 − 1.025)
    expect(path).toEqual([0.9, 1.1, 1.025, 0.725, 0.75, 0.8125].map((v) => expect.closeTo(v, 6)));
    tf.dispose(w);
    optimizer.dispose();
  });
});

describe('optimiser state', () => {
  const makers: [string, (fused: boolean) => Optimizer][] = [
    ['adam', (fused) => adam({ fused })],
    ['radam', (fused) => adam({ rectified: true, fused })],
    ['sgd', (fused) => sgd({ momentum: 0.99, nesterov: true, fused })],
    ['lookahead(adam)', (fused) => lookahead(adam({ fused }), { syncPeriod: 3, fused })],
  ];
  for (const [name, make] of makers) {
    for (const fused of [true, false]) {
      it(`${name} (${fused ? 'fused' : 'tensor ops'}): stopping after 5 steps and resuming from the saved state matches an uninterrupted run bit for bit, and nothing leaks`, () => {
        const tensorsBefore = tf.memory().numTensors;
        const problem = makeProblem(DECAY);
        const uninterrupted = runOptimizer(make(fused), problem);
        const variables = makeVariables(problem);
        const stepWith = (optimizer: Optimizer, s: number) => {
          const gradients = problem.gradients[s]!.map((g, i) => tf.tensor(g, shapes[i]));
          optimizer.step(variables, gradients, lr, problem.decay);
          tf.dispose(gradients);
        };
        const first = make(fused);
        for (let s = 0; s < 5; s++) stepWith(first, s);
        // clones share the data on the cpu backend: the optimiser must not write its slots in place
        const saved = new Map([...first.state()].map(([k, t]) => [k, t.clone()]));
        const weights = variables.map((v) => v.clone());
        first.dispose();
        const second = make(fused);
        second.loadState(saved);
        variables.forEach((v, i) => v.assign(weights[i]!));
        const resumed: Float32Array[][] = [];
        for (let s = 5; s < steps; s++) {
          stepWith(second, s);
          resumed.push(variables.map((v) => Float32Array.from(v.dataSync())));
        }
        expect(resumed).toEqual(uninterrupted.slice(5));
        tf.dispose([...saved.values(), ...weights, ...variables]);
        second.dispose();
        expect(tf.memory().numTensors, 'tensors left behind').toBe(tensorsBefore);
      });
    }
  }
});

describe('bad input', () => {
  it('the fused update names a weight that is not float32', () => {
    const w = tf.variable(tf.tensor([1, 2], [2], 'int32'), true, 'optimizersTest/int_weight');
    const g = tf.tensor([1, 1]);
    const optimizer = adam({ fused: true });
    expect(() => optimizer.step([w], [g], lr)).toThrow(
      'optimizer: the variable optimizersTest/int_weight is int32, the update needs float32',
    );
    tf.dispose([w, g]);
    optimizer.dispose();
  });
});
