import { performance } from 'node:perf_hooks'
import { fixed } from '../harness/format'
import { loadExport, versionOf } from '../harness/packages'
import type { Goal, Table } from '../harness/report'
import { startServiceChild } from '../harness/service-child'
import { median, range, rotate } from '../harness/stats'
import type { Suite } from '../harness/suite'

interface Credentials {
  accessKeyId: string
}
interface Provider {
  getCredentials(request: Record<string, unknown>): Promise<Credentials>
}
type ProviderClass = new (config: Record<string, unknown>) => Provider

interface Stats {
  records: number
  issued: number
  badSignatures: number
  errors: string[]
}

const secretId = 'AKIDbenchLoad000000000000000000000000'
const secretKey = 'benchLoadSecretKey000000000000000'
const bucket = 'my-bucket-1250000000'
const region = 'ap-guangzhou'

interface Scenario {
  name: string
  cached: boolean
  /** Requests fired at once. */
  total: number
  /** Distinct requests among them (each repeated total / distinct times). */
  distinct: number
  /** Serve from a cache filled before the timed burst. */
  warm?: boolean
  /** Upstream calls the fake must count. */
  expectedCalls: number
}

function scenarios(n: number): Scenario[] {
  const distinct = Math.max(1, n / 10)
  return [
    {
      name: `${n} identical, CachedSTSProvider, cold`,
      cached: true,
      total: n,
      distinct: 1,
      expectedCalls: 1,
    },
    {
      name: `${n} identical, CachedSTSProvider, warm`,
      cached: true,
      total: n,
      distinct: 1,
      warm: true,
      expectedCalls: 0,
    },
    {
      name: `${n} identical, TencentSTSProvider, no cache`,
      cached: false,
      total: n,
      distinct: 1,
      expectedCalls: n,
    },
    {
      name: `${n} = ${distinct} distinct × 10, CachedSTSProvider`,
      cached: true,
      total: n,
      distinct,
      expectedCalls: distinct,
    },
    {
      name: `${n} distinct, CachedSTSProvider`,
      cached: true,
      total: n,
      distinct: n,
      expectedCalls: n,
    },
  ]
}

const requestFor = (i: number) => ({ bucket, region, allowPath: `user/${i}/`, actionType: 'write' })

/**
 * Credential issuing under load: a burst of concurrent `getCredentials` calls against the fake
 * Tencent STS endpoint (in its own process, verifying every TC3 signature), counting the calls
 * that reach it. Identical requests through `CachedSTSProvider` must make one upstream call;
 * distinct requests must not be merged.
 */
export const stsLoadSuite: Suite = {
  id: 'sts-load',
  title: 'Credential issuing under load (CachedSTSProvider, fake Tencent STS)',
  async run({ smoke }) {
    const Cached = await loadExport<new (o: Record<string, unknown>) => Provider>(
      '@aury/sts-core',
      'CachedSTSProvider',
    )
    const Tencent = await loadExport<ProviderClass>('@aury/sts-tencent', 'TencentSTSProvider')
    const versions = ['@aury/sts-core', '@aury/sts-tencent'].map(versionOf)
    if (!Cached.ok || !Tencent.ok) {
      const reason = [Cached, Tencent]
        .map((l) => (l.ok ? '' : l.reason))
        .filter(Boolean)
        .join('; ')
      return {
        id: 'sts-load',
        title: this.title,
        method: 'not run',
        tables: [],
        goals: [],
        notes: [reason],
        data: { versions, problems: [`sts-load: ${reason}`] },
      }
    }
    const n = 1000
    const rounds = smoke ? 1 : 5
    const list = smoke ? scenarios(n).filter((s) => s.cached && s.distinct !== n) : scenarios(n)
    const fake = await startServiceChild<{ url: string }>('fake-tencent-sts', [
      JSON.stringify({ [secretId]: secretKey }),
    ])
    const wall = new Map<string, number[]>(list.map((s) => [s.name, []]))
    const calls = new Map<string, number[]>(list.map((s) => [s.name, []]))
    const problems: string[] = []
    try {
      const makeProvider = (cached: boolean) => {
        const upstream = new Tencent.value({
          secretId,
          secretKey,
          endpoint: fake.ready.url,
          timeoutMs: 60_000,
        })
        return cached ? new Cached.value({ provider: upstream }) : upstream
      }
      for (let round = 0; round < rounds; round++) {
        for (const s of rotate(list, round)) {
          const provider = makeProvider(s.cached)
          if (s.warm) {
            for (let d = 0; d < s.distinct; d++) await provider.getCredentials(requestFor(d))
          }
          await fake.request({ op: 'reset' })
          const start = performance.now()
          const settled = await Promise.allSettled(
            Array.from({ length: s.total }, (_, i) =>
              provider.getCredentials(requestFor(i % s.distinct)),
            ),
          )
          const ms = performance.now() - start
          const stats = await fake.request<Stats>({ op: 'stats' })
          wall.get(s.name)?.push(ms)
          calls.get(s.name)?.push(stats.records)
          const failed = settled.filter((r) => r.status === 'rejected')
          const ids = new Set(
            settled.flatMap((r) => (r.status === 'fulfilled' ? [r.value.accessKeyId] : [])),
          )
          if (failed.length > 0) {
            const reason = (failed[0] as PromiseRejectedResult).reason as Error
            problems.push(`${s.name}: ${failed.length} calls failed (${reason?.message})`)
          }
          if (stats.records !== s.expectedCalls) {
            problems.push(`${s.name}: ${stats.records} upstream calls, expected ${s.expectedCalls}`)
          }
          if (stats.badSignatures > 0)
            problems.push(`${s.name}: ${stats.badSignatures} bad signatures`)
          const expectedIds = s.cached ? s.distinct : s.total
          if (failed.length === 0 && ids.size !== expectedIds) {
            problems.push(`${s.name}: ${ids.size} distinct credentials, expected ${expectedIds}`)
          }
        }
      }
    } finally {
      await fake.stop()
    }
    const table: Table = {
      columns: [
        'burst',
        'upstream calls (server count)',
        'expected',
        'wall ms (median)',
        'wall range',
        'requests/s',
      ],
      rows: list.map((s) => {
        const w = wall.get(s.name) ?? []
        const c = calls.get(s.name) ?? []
        const [lo, hi] = range(w)
        return [
          s.name,
          [...new Set(c)].join(', '),
          String(s.expectedCalls),
          fixed(median(w)),
          `${fixed(lo)}–${fixed(hi)}`,
          fixed((s.total / median(w)) * 1000, 0),
        ]
      }),
    }
    const single = list[0]!
    const singleCalls = calls.get(single.name) ?? []
    const goals: Goal[] = [
      {
        name: `${n} concurrent identical requests → upstream calls`,
        target: '1',
        measured: [...new Set(singleCalls)].join(', '),
        met: singleCalls.every((c) => c === 1),
      },
      {
        name: 'distinct requests are not merged',
        target: 'one call per distinct request',
        measured: list
          .filter((s) => s.cached && s.distinct > 1)
          .map((s) => `${[...new Set(calls.get(s.name))].join(', ')} for ${s.distinct}`)
          .join('; '),
        met: list
          .filter((s) => s.cached && s.distinct > 1)
          .every((s) => (calls.get(s.name) ?? []).every((c) => c === s.distinct)),
      },
    ]
    return {
      id: 'sts-load',
      title: this.title,
      method: `Each burst fires its requests at once (\`Promise.allSettled\`) through a fresh provider (\`TencentSTSProvider\` with the endpoint pointed at the testkit's fake Tencent STS, running in its own process on 127.0.0.1 and verifying every TC3 signature), optionally wrapped in \`CachedSTSProvider\`. Upstream calls are counted by the server. ${rounds} round(s), bursts interleaved with the order rotated each round; wall time from the first call to the last answer.`,
      tables: [table],
      goals,
      notes: [],
      data: {
        rounds,
        wall: Object.fromEntries(wall),
        calls: Object.fromEntries(calls),
        versions,
        problems,
      },
    }
  },
}
