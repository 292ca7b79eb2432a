import { availableParallelism } from 'node:os'
import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    include: ['tests/unit/**/*.test.ts', 'tests/integration/**/*.test.ts'],
    environment: 'node',
    testTimeout: 20_000,
    pool: 'forks',
    // Vitest's default, one worker per core but one, is a single worker on a 2-core CI machine,
    // where the suite kept the cores only ~40 % busy (its integration tests wait on sockets and
    // timers): two workers took it from ~305 s to ~180 s there. Three overloaded the cores (~93 %
    // busy) and a WebRTC test's audio came too late.
    maxWorkers: Math.max(2, availableParallelism() - 1)
  }
})
