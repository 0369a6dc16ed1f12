import type { Candidate } from './interleave'

/** A candidate that could not be loaded (package not built yet, export missing). */
export interface Missing {
  name: string
  reason: string
}

/** The outcome of checking one candidate's output against the expected value before timing. */
export interface Check {
  name: string
  ok: boolean
  detail: string
}

/** What a micro-benchmark module provides to the child process that times it. */
export interface MicroDefinition {
  /** Name of the candidate every ratio is computed against. */
  baseline: string
  candidates: Candidate[]
  missing: Missing[]
  checks: Check[]
  /** Package names whose versions go into the report. */
  packages: string[]
  /** Short description of each candidate, by name. */
  notes?: Record<string, string>
}
