import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { optionSpecs } from './optionSpecs';
import { seedLikeOptions } from './seedLikeOptions.fixture';

describe('optionSpecs', () => {
  const specs = Object.fromEntries(optionSpecs(seedLikeOptions, 'test').map((s) => [s.key, s]));

  it('derives dash flags with underscore aliases for multi-word names', () => {
    expect([specs.batchSize.flag, specs.batchSize.underscoreFlag]).toEqual(['--batch-size', '--batch_size']);
    expect([specs.useDllogger.flag, specs.useDllogger.underscoreFlag]).toEqual([
      '--use-dllogger',
      '--use_dllogger',
    ]);
    expect([specs.amp.flag, specs.amp.underscoreFlag]).toEqual(['--amp', undefined]);
  });

  it('reads kinds, choices, defaults, descriptions and requiredness from the schema', () => {
    expect(specs.batchSize).toMatchObject({
      kind: 'number',
      integer: true,
      defaultValue: 2,
      required: false,
    });
    expect(specs.learningRate).toMatchObject({ kind: 'number', integer: false, defaultValue: 3e-4 });
    expect(specs.amp).toMatchObject({
      kind: 'boolean',
      defaultValue: false,
      description: 'Enable automatic mixed precision',
    });
    expect(specs.dim).toMatchObject({ kind: 'number', choices: [2, 3], integer: true, defaultValue: 3 });
    expect(specs.optimizer).toMatchObject({ kind: 'string', choices: ['sgd', 'adam', 'radam'] });
    expect(specs.data).toMatchObject({ kind: 'string', required: true, defaultValue: undefined });
    expect(specs.seed).toMatchObject({
      required: false,
      defaultValue: undefined,
      description: 'Random seed',
    });
    expect(specs.folds).toMatchObject({ kind: 'number', list: true, integer: true, defaultValue: [0] });
  });

  it('finds a description given inside the default wrapper', () => {
    const [spec] = optionSpecs(z.object({ fold: z.int().describe('Fold number').default(0) }), 'test');
    expect(spec.description).toBe('Fold number');
  });

  it('refuses field types that have no command-line form, naming the field', () => {
    expect(() => optionSpecs(z.object({ plan: z.object({ a: z.number() }) }), 'nnunet plan')).toThrow(
      "nnunet plan: option 'plan' is a zod object, which has no command-line form",
    );
    expect(() => optionSpecs(z.object({ flags: z.array(z.boolean()) }), 'x')).toThrow(
      "option 'flags' is a list of booleans",
    );
  });
});
