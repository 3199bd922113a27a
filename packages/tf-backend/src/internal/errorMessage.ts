/** The message of anything thrown, for reasons shown to users. */
export function errorMessage(error: unknown): string {
  if (error instanceof Error) return error.message;
  return String(error);
}
