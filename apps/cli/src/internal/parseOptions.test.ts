import { describe, expect, it } from 'vitest';
import { parseOptions } from './parseOptions';
import { seedLikeOptions } from './seedLikeOptions.fixture';

function parse(...argv: string[]) {
  return parseOptions(seedLikeOptions, argv, { name: 'train' });
}

function options(...argv: string[]) {
  const result = parse(...argv);
  if (result.status !== 'options')
    throw new Error(`expected options, got exit ${result.exitCode}: ${result.stderr}`);
  return result.options;
}

function failure(...argv: string[]) {
  const result = parse(...argv);
  if (result.status !== 'exit') throw new Error(`expected an exit, got ${JSON.stringify(result.options)}`);
  return result;
}

describe('parseOptions', () => {
  it('applies the schema defaults when flags are absent', () => {
    expect(options('--data', '/data')).toEqual({
      data: '/data',
      batchSize: 2,
      learningRate: 3e-4,
      negativeSlope: 0.01,
      amp: false,
      useDllogger: true,
      dim: 3,
      optimizer: 'adam',
      overlap: 0.25,
      folds: [0],
    });
  });

  it('accepts dash and underscore spellings, with a space or =', () => {
    for (const argv of [
      ['--learning-rate', '0.01'],
      ['--learning_rate', '0.01'],
      ['--learning-rate=0.01'],
      ['--learning_rate=0.01'],
    ]) {
      expect(options('--data', 'd', ...argv).learningRate).toBe(0.01);
    }
    expect(options('--data', 'd', '--batch_size', '4', '--use_dllogger', 'false')).toMatchObject({
      batchSize: 4,
      useDllogger: false,
    });
  });

  it('reads boolean flags in the seed str2bool style', () => {
    expect(options('--data', 'd', '--amp').amp).toBe(true);
    expect(options('--data', 'd', '--amp', 'false').amp).toBe(false);
    expect(options('--data', 'd', '--amp', 'true').amp).toBe(true);
    expect(options('--data', 'd', '--amp', '0').amp).toBe(false);
    expect(options('--data', 'd', '--amp', '1').amp).toBe(true);
    expect(options('--data', 'd', '--amp', 'no').amp).toBe(false);
    expect(options('--data', 'd', '--amp=YES').amp).toBe(true);
    expect(options('--amp', '--data', 'd').amp).toBe(true);
    expect(options('--data', 'd', '--use-dllogger', 'n').useDllogger).toBe(false);
  });

  it('coerces numbers, negative ones and exponents included, and enum and literal choices', () => {
    expect(
      options(
        '--data',
        'd',
        '--negative-slope',
        '-0.02',
        '--learning-rate',
        '1e-4',
        '--dim',
        '2',
        '--optimizer',
        'sgd',
      ),
    ).toMatchObject({ negativeSlope: -0.02, learningRate: 1e-4, dim: 2, optimizer: 'sgd' });
    expect(options('--data', 'd', '--seed', '42').seed).toBe(42);
    expect(options('--data', 'd', '--folds', '0', '1', '4').folds).toEqual([0, 1, 4]);
  });

  it('reports every invalid value with its flag and the text given, exit 2', () => {
    const result = failure(
      '--data',
      'd',
      '--batch-size',
      '0',
      '--dim',
      '4',
      '--optimizer',
      'lamb',
      '--overlap',
      '1.5',
    );
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toBe(
      [
        "error: invalid options for 'train':",
        "  --batch-size: must be > 0 (got '0')",
        "  --dim: expected one of 2, 3 (got '4')",
        "  --optimizer: expected one of sgd, adam, radam (got 'lamb')",
        "  --overlap: must be <= 1 (got '1.5')",
        '(add --help for usage)',
        '',
      ].join('\n'),
    );
  });

  it('says what kind of value a flag wanted', () => {
    expect(failure('--data', 'd', '--batch-size', '1.5').stderr).toContain(
      "--batch-size: expected an integer (got '1.5')",
    );
    expect(failure('--data', 'd', '--batch-size', 'two').stderr).toContain(
      "--batch-size: expected an integer, got 'two'",
    );
    expect(failure('--data', 'd', '--learning-rate', '0x10').stderr).toContain(
      "--learning-rate: expected a number, got '0x10'",
    );
    expect(failure('--data', 'd', '--amp', 'maybe').stderr).toContain(
      "--amp: expected a boolean (true/false, yes/no, 1/0), got 'maybe'",
    );
    expect(failure('--data', 'd', '--folds', '1', 'x').stderr).toContain(
      "--folds: expected an integer, got 'x'",
    );
    expect(failure('--data', 'd', '--seed', '-1').stderr).toContain("--seed: must be >= 0 (got '-1')");
  });

  it('names a missing required flag', () => {
    expect(failure().stderr).toContain('  --data: is required\n');
  });

  it('rejects unknown flags and stray arguments with exit 2', () => {
    const unknown = failure('--data', 'd', '--learning-rat', '1');
    expect(unknown.exitCode).toBe(2);
    expect(unknown.stderr).toContain("error: unknown option '--learning-rat'");
    expect(unknown.stderr).toContain('Did you mean --learning-rate?');
    const extra = failure('--data', 'd', 'extra');
    expect(extra.exitCode).toBe(2);
    expect(extra.stderr).toContain('too many arguments');
    expect(failure('--data').stderr).toContain("option '--data <value>' argument missing");
  });

  it('prints help with every flag, its aliases, default and description, exit 0', () => {
    const help = failure('--help');
    expect(help.exitCode).toBe(0);
    expect(help.stderr).toBe('');
    const text = help.stdout.replace(/\s+/g, ' ');
    expect(text).toContain('Usage: train [options]');
    expect(text).toContain('--data <value> Path to data directory (required)');
    expect(text).toContain('--batch-size, --batch_size <int> Batch size (default: 2)');
    expect(text).toContain('--learning-rate, --learning_rate <number> Learning rate (default: 0.0003)');
    expect(text).toContain('--amp [bool] Enable automatic mixed precision (default: false)');
    expect(text).toContain('--use-dllogger, --use_dllogger [bool] Use DLLogger logging (default: true)');
    expect(text).toContain('--dim <2|3> UNet dimension (default: 3)');
    expect(text).toContain('--optimizer <sgd|adam|radam> Optimizer (default: adam)');
    expect(text).toContain('--seed <int> Random seed -');
    expect(text).toContain('--folds <int...> Folds to run (default: 0)');
  });
});
