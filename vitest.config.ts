import { defineConfig } from 'vitest/config';

// Runs every project's tests in one vitest process (`npx vitest run`); `npm test` goes through Nx instead.
export default defineConfig({
  test: { projects: ['packages/*', 'apps/*', 'tools'] },
});
