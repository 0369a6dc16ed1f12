import { profileCandidate, profileTables } from '../harness/cpu-profile'
import { formatRange, formatRatio } from '../harness/format'
import { microNotes, microTable, pairedRatio, runMicroSuite } from '../harness/micro-runner'
import type { Goal } from '../harness/report'
import type { Suite } from '../harness/suite'
import { microPlan } from './presign'
import { SIGN3, TC3_OURS } from './tc3-candidates'

/** TC3-HMAC-SHA256 signatures per second. */
export const tc3Suite: Suite = {
  id: 'tc3',
  title: 'TC3-HMAC-SHA256 signatures per second',
  async run({ smoke }) {
    const plan = microPlan(smoke)
    const result = await runMicroSuite('tc3', plan)
    const goals: Goal[] = []
    const problems = [
      ...result.checks.filter((c) => !c.ok).map((c) => `tc3 check failed: ${c.name}`),
      ...result.missing.map((m) => `tc3 candidate missing: ${m.name} (${m.reason})`),
    ]
    if (!result.missing.some((m) => m.name === TC3_OURS)) {
      const vsSign3 = pairedRatio(result, TC3_OURS, SIGN3)
      goals.push({
        name: 'signTC3 vs Sign.sign3',
        target: '≥ 2x',
        measured: `${formatRatio(vsSign3.median)}x (range ${formatRange(vsSign3.range)})`,
        met: vsSign3.median >= 2,
      })
    }
    const tables = [microTable(result)]
    if (!smoke && goals.some((g) => !g.met)) {
      // A goal was missed: show where the time goes.
      tables.push(...profileTables(await profileCandidate('tc3', TC3_OURS, 3)))
    }
    return {
      id: 'tc3',
      title: this.title,
      method:
        'A GetFederationToken POST to `sts.tencentcloudapi.com` whose JSON body (about 600 bytes) carries a COS write policy, serialised on every call, signed over `content-type;host` with the current timestamp. Baseline: a minimal node:crypto TC3 signer with the derived key cached (the floor).',
      tables,
      goals,
      notes: microNotes(result, plan),
      data: { plan, ...result, problems },
    }
  },
}
