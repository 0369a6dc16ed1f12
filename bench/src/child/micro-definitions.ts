import type { MicroDefinition } from '../harness/micro-suite'

/** The micro-benchmark suites a child process can load, by id. */
export const definitions: Record<string, () => Promise<MicroDefinition>> = {
  presign: async () => (await import('../suites/presign-candidates')).definePresign(),
  tc3: async () => (await import('../suites/tc3-candidates')).defineTC3(),
}
