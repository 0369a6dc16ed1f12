import type { SuiteResult } from './report'

/** Settings every suite receives from the CLI. */
export interface SuiteContext {
  /** Tiny iteration counts: prove that every benchmark still runs. */
  smoke: boolean
  /** Progress output (stderr), never part of the results. */
  log: (message: string) => void
}

/** One benchmark suite of `pnpm bench`. */
export interface Suite {
  id: string
  title: string
  run(context: SuiteContext): Promise<SuiteResult>
}

/** Failure found by a suite that must fail a smoke run (a broken check, a missing candidate). */
export function problemsOf(result: SuiteResult): string[] {
  const data = result.data as { problems?: string[] } | undefined
  return data?.problems ?? []
}
