import { Option, type Command } from 'commander';
import type { OptionSpec } from './optionSpecs';

/**
 * Registers one commander option per spec. Every value is collected as text (or `true` for a bare
 * boolean flag) and converted later by `readSchemaOptions`, so that zod alone decides what is valid
 * and every error reads the same. Multi-word flags get both spellings (`--batch-size, --batch_size`),
 * as in the seed's `--help`.
 */
export function addSchemaOptions(command: Command, specs: readonly OptionSpec[]): void {
  for (const spec of specs) {
    if (!spec.underscoreFlag) {
      command.addOption(new Option(`${spec.flag} ${metavar(spec)}`, helpText(spec)));
      continue;
    }
    // commander keeps the second long flag as the main one (used in "Did you mean" hints): the dash
    // spelling; the displayed flags still list the dash spelling first, as the seed's --help does
    const option = new Option(`${spec.underscoreFlag}, ${spec.flag} ${metavar(spec)}`, helpText(spec));
    option.flags = `${spec.flag}, ${spec.underscoreFlag} ${metavar(spec)}`;
    command.addOption(option);
  }
}

/** The option's key in commander's `opts()` (commander names it after the last long flag). */
export function commanderKey(command: Command, spec: OptionSpec): string {
  const option = command.options.find((o) => o.long === spec.flag);
  if (!option) throw new Error(`option ${spec.flag} is not registered on '${command.name()}'`);
  return option.attributeName();
}

function metavar(spec: OptionSpec): string {
  // seed style: `--amp [BOOLEAN]` takes an optional true/false/yes/no/1/0
  if (spec.kind === 'boolean') return '[bool]';
  const type = spec.choices
    ? spec.choices.join('|')
    : spec.kind === 'number'
      ? [spec.integer ? 'int' : 'number', ...(spec.words ?? [])].join('|')
      : 'value';
  return spec.list ? `<${type}...>` : `<${type}>`;
}

function helpText(spec: OptionSpec): string {
  const notes: string[] = [];
  if (spec.required) notes.push('required');
  else if (spec.defaultValue !== undefined) notes.push(`default: ${formatDefault(spec.defaultValue)}`);
  const note = notes.length > 0 ? `(${notes.join(', ')})` : '';
  return [spec.description, note].filter((part) => part !== '').join(' ');
}

function formatDefault(value: unknown): string {
  return Array.isArray(value) ? value.map(String).join(' ') : String(value);
}
