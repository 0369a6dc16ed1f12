import { profileCandidate, profileTables } from '../harness/cpu-profile'
import { formatRange, formatRatio } from '../harness/format'
import {
  type MicroPlan,
  microNotes,
  microTable,
  pairedRatio,
  runMicroSuite,
} from '../harness/micro-runner'
import type { Goal } from '../harness/report'
import type { Suite } from '../harness/suite'
import { FLOOR, GET_SIGNED_URL, OURS } from './presign-candidates'

/** Plan used by both signing suites. */
export function microPlan(smoke: boolean): MicroPlan {
  return smoke
    ? { processes: 1, rounds: 1, minTimeMs: 20, warmupMs: 10 }
    : { processes: 3, rounds: 7, minTimeMs: 400, warmupMs: 300 }
}

/** Presigned GET URLs per second. */
export const presignSuite: Suite = {
  id: 'presign',
  title: 'Presigned GET URLs per second (SigV4)',
  async run({ smoke }) {
    const plan = microPlan(smoke)
    const result = await runMicroSuite('presign', plan)
    const goals: Goal[] = []
    const problems = [
      ...result.checks.filter((c) => !c.ok).map((c) => `presign check failed: ${c.name}`),
      ...result.missing.map((m) => `presign candidate missing: ${m.name} (${m.reason})`),
    ]
    if (!result.missing.some((m) => m.name === OURS)) {
      const vsSdk = pairedRatio(result, OURS, GET_SIGNED_URL)
      const vsFloor = pairedRatio(result, OURS, FLOOR)
      goals.push(
        {
          name: 'presignV4 vs getSignedUrl',
          target: '≥ 50x',
          measured: `${formatRatio(vsSdk.median)}x (range ${formatRange(vsSdk.range)})`,
          met: vsSdk.median >= 50,
        },
        {
          name: 'presignV4 vs the floor',
          target: '≥ 0.5',
          measured: `${formatRatio(vsFloor.median)} (range ${formatRange(vsFloor.range)})`,
          met: vsFloor.median >= 0.5,
        },
      )
    }
    const tables = [microTable(result)]
    if (!smoke && goals.some((g) => !g.met)) {
      // A goal was missed: show where the time goes.
      tables.push(...profileTables(await profileCandidate('presign', OURS, 3)))
    }
    return {
      id: 'presign',
      title: this.title,
      method:
        'A session-token GET of `uploads/user-123/photo 2026 (1).jpg` on a virtual-host S3 URL, 900 s expiry. Every signer is built once and reused; each call signs with the current time. Baseline: a minimal node:crypto presign with the signing key cached (the floor).',
      tables,
      goals,
      notes: microNotes(result, plan),
      data: { plan, ...result, problems },
    }
  },
}
