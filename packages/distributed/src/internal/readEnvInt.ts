/**
 * An integer environment variable: `undefined` when unset or empty, an error naming the variable
 * when it is set to anything but an integer ≥ `min`.
 */
export function readEnvInt(env: NodeJS.ProcessEnv, name: string, min = 0): number | undefined {
  const text = env[name]?.trim();
  if (text === undefined || text === '') return undefined;
  const value = Number(text);
  if (!/^-?\d+$/.test(text) || !Number.isSafeInteger(value) || value < min) {
    throw new Error(`${name} must be an integer ≥ ${min}, got '${env[name]}'`);
  }
  return value;
}

/** Like `readEnvInt`, for a variable that must be set. */
export function requireEnvInt(env: NodeJS.ProcessEnv, name: string, min = 0, context = ''): number {
  const value = readEnvInt(env, name, min);
  if (value === undefined) throw new Error(`${name} is not set${context ? ` (${context})` : ''}`);
  return value;
}
