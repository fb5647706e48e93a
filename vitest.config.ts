import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    // Two test files at a time. Vitest's default is one fewer than the cores, so on the 2-core
    // CI machine the files ran one after another: 326 s on a slower VM (stop 21), 219 s with two,
    // every test passing either way (many files wait on child processes, a core is often idle).
    maxWorkers: 2,
  },
});
