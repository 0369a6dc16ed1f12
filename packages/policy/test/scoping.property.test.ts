import { ValidationError } from '@aury/errors'
import fc from 'fast-check'
import { describe, it, vi } from 'vitest'
import {
  type ActionType,
  ALIYUN_ACTIONS,
  AWS_ACTIONS,
  aliyunObjectResource,
  awsObjectResource,
  buildAliyunPolicy,
  buildAwsPolicy,
  buildTencentPolicy,
  isAllowed,
  normalizeAllowPath,
  TENCENT_ACTIONS,
  TencentPolicyBuilder,
  tencentObjectResource,
} from '../src/index'

const RUNS = 10_000
// 10k runs per property; the shared 2-core machine can make one take well over 30 s
vi.setConfig({ testTimeout: 180_000 })

/** A valid path segment: letters, digits, `-`, `_`, space and non-ASCII, never `.`/`..`. */
const SEGMENT_CHARS = ['a', 'b', 'z', '0', '1', '9', '-', '_', ' ', '相', '册', 'é', '😀', '.']
const segment = fc
  .array(fc.constantFrom(...SEGMENT_CHARS), { minLength: 1, maxLength: 6 })
  .map((chars) => chars.join(''))
  .filter((s) => s !== '.' && s !== '..')
const userId = fc.oneof(
  fc.stringMatching(/^[0-9]{1,6}$/),
  fc.stringMatching(/^[a-z0-9]{1,8}$/),
  segment,
)
/** Two different ids, often one a prefix of the other (`12` vs `123`). */
const idPair = fc
  .oneof(
    fc.tuple(userId, userId),
    fc.tuple(userId, segment).map(([a, s]) => [a, a + s] as const),
    fc.tuple(userId, segment).map(([a, s]) => [a + s, a] as const),
  )
  .filter(([a, b]) => a !== b)
/** Any object key text, including `/`, wildcard characters, dots and escapes. */
const keyText = fc
  .array(
    fc.oneof(
      fc.string({ unit: 'grapheme', maxLength: 6 }),
      fc.constantFrom('/', '*', '?', '.', '..', '$', '%2F', 'user', '12', '相'),
    ),
    { minLength: 1, maxLength: 8 },
  )
  .map((parts) => parts.join(''))
const actionType = fc.constantFrom<ActionType>('read', 'write', 'all')

interface Cloud {
  name: string
  build(allowPath: string, type: ActionType): unknown
  resource(key: string): string
  sets: { read: readonly string[]; write: readonly string[] }
  /** Resources of the same key elsewhere: another bucket, region, account. */
  elsewhere(key: string): string[]
}

const COS = { bucket: 'photos-1250000000', region: 'ap-guangzhou' }
const clouds: Cloud[] = [
  {
    name: 'Tencent CAM',
    // the builder's JSON string, so the evaluator is also tested on what is sent
    build: (allowPath, type) =>
      new TencentPolicyBuilder().build({ ...COS, allowPath, actionType: type }),
    resource: (key) => tencentObjectResource({ ...COS, key }),
    sets: TENCENT_ACTIONS,
    elsewhere: (key) => [
      tencentObjectResource({ bucket: 'photos2-1250000000', region: COS.region, key }),
      tencentObjectResource({ ...COS, region: 'ap-beijing', key }),
      tencentObjectResource({ ...COS, bucket: 'photos-1250000001', key }),
    ],
  },
  {
    name: 'AWS IAM',
    build: (allowPath, type) =>
      buildAwsPolicy({ bucket: 'photos', region: 'us-east-1', allowPath, actionType: type }),
    resource: (key) => awsObjectResource({ bucket: 'photos', key }),
    sets: AWS_ACTIONS,
    elsewhere: (key) => [
      awsObjectResource({ bucket: 'photos2', key }),
      awsObjectResource({ bucket: 'photo', key }),
      awsObjectResource({ bucket: 'photos', key, partition: 'aws-cn' }),
    ],
  },
  {
    name: 'Aliyun RAM',
    build: (allowPath, type) =>
      buildAliyunPolicy({ bucket: 'photos', region: 'cn-hangzhou', allowPath, actionType: type }),
    resource: (key) => aliyunObjectResource({ bucket: 'photos', key }),
    sets: ALIYUN_ACTIONS,
    elsewhere: (key) => [
      aliyunObjectResource({ bucket: 'photos2', key }),
      aliyunObjectResource({ bucket: 'photo', key }),
    ],
  },
]

function granted(cloud: Cloud, type: ActionType): readonly string[] {
  return type === 'read'
    ? cloud.sets.read
    : type === 'write'
      ? cloud.sets.write
      : [...cloud.sets.read, ...cloud.sets.write]
}

function withheld(cloud: Cloud, type: ActionType): readonly string[] {
  return type === 'read' ? cloud.sets.write : type === 'write' ? cloud.sets.read : []
}

const allow = (policy: unknown, action: string, resource: string) =>
  isAllowed(policy as string, action, resource)

/** Throws with the failing case, so fast-check shrinks and reports it (cheaper than expect). */
function check(ok: boolean, what: string): void {
  if (!ok) throw new Error(what)
}

describe.each(clouds)('$name prefix scoping (property, 10k runs each)', (cloud) => {
  const all = [...cloud.sets.read, ...cloud.sets.write]

  it('allows exactly the granted actions on any key inside user/<a>/', () => {
    fc.assert(
      fc.property(idPair, keyText, actionType, ([a], key, type) => {
        const text = cloud.build(`user/${a}`, type)
        const policy = typeof text === 'string' ? JSON.parse(text) : text
        const inside = cloud.resource(`user/${a}/${key}`)
        check(allow(text, granted(cloud, type)[0] as string, inside), 'first granted action')
        for (const action of granted(cloud, type)) check(allow(policy, action, inside), action)
        for (const action of withheld(cloud, type)) check(!allow(policy, action, inside), action)
      }),
      { numRuns: RUNS },
    )
  })

  it('never allows a key under user/<b>/ for b != a, also when one is a prefix of the other', () => {
    fc.assert(
      fc.property(idPair, keyText, actionType, ([a, b], key, type) => {
        const text = cloud.build(`user/${a}/`, type)
        const policy = typeof text === 'string' ? JSON.parse(text) : text
        const other = cloud.resource(`user/${b}/${key}`)
        const bare = cloud.resource(`user/${b}`)
        for (const action of all) {
          check(!allow(policy, action, other), `${action} on user/${b}/${key}`)
          check(!allow(policy, action, bare), `${action} on user/${b}`)
        }
      }),
      { numRuns: RUNS },
    )
  })

  it('never allows a key outside the prefix, nor the same key in another bucket', () => {
    fc.assert(
      fc.property(userId, keyText, actionType, (a, key, type) => {
        const prefix = `user/${a}/`
        const text = cloud.build(prefix, type)
        const policy = typeof text === 'string' ? JSON.parse(text) : text
        const outside = [key, `user/${a}`, `user/${a}${key}`, `${key}/${prefix}x`, `/${prefix}x`]
        const resources = outside
          .filter((k) => !k.startsWith(prefix))
          .map((k) => cloud.resource(k))
          .concat(cloud.elsewhere(`${prefix}${key}`))
        for (const resource of resources) {
          for (const action of all) check(!allow(policy, action, resource), `${action} ${resource}`)
        }
      }),
      { numRuns: RUNS },
    )
  })
})

/** A prefix made of valid segments, possibly empty. */
const segments = fc.array(segment, { minLength: 0, maxLength: 4 })
const controlChar = fc
  .oneof(fc.integer({ min: 0, max: 0x1f }), fc.integer({ min: 0x7f, max: 0x9f }))
  .map((code) => String.fromCharCode(code))
const injected = fc.oneof(
  // biome-ignore lint/suspicious/noTemplateCurlyInString: a literal IAM policy variable
  fc.constantFrom('*', '?', '$', '\\', '${aws:username}', '%2e', '%2E', '%2f', '%2F', '%5c'),
  fc.constantFrom('%5C', '%25', '%2e%2e', '%c0%ae', '\u202e', '\u200b', '\ufeff', '\u2028'),
  controlChar,
)
const hostilePath = fc.oneof(
  // a forbidden character or escape anywhere inside a segment
  fc
    .tuple(segments, fc.string({ maxLength: 3 }), injected, fc.string({ maxLength: 3 }), segments)
    .map(([p, x, bad, y, q]) => [...p, `${x}${bad}${y}`, ...q].join('/')),
  // a ".", ".." or empty segment
  fc
    .tuple(segments, fc.constantFrom('.', '..', ''), segments, fc.boolean())
    .map(([p, bad, q, trailing]) => {
      const path = [...p, bad, ...q].join('/')
      return trailing || (bad === '' && q.length === 0) ? `${path}/` : path
    }),
  // a leading slash
  segments.map((p) => `/${p.join('/')}`),
)

describe('hostile allowPath (property, 10k runs)', () => {
  it('is rejected with InvalidScope by normalizeAllowPath and by every builder', () => {
    fc.assert(
      fc.property(hostilePath, (allowPath) => {
        const attempts = [
          () => normalizeAllowPath(allowPath),
          () => buildTencentPolicy({ ...COS, allowPath }),
          () => buildAwsPolicy({ bucket: 'photos', region: 'us-east-1', allowPath }),
          () => buildAliyunPolicy({ bucket: 'photos', region: 'cn-hangzhou', allowPath }),
        ]
        for (const attempt of attempts) {
          let caught: unknown
          try {
            attempt()
          } catch (error) {
            caught = error
          }
          check(caught instanceof ValidationError, `accepted ${JSON.stringify(allowPath)}`)
          check((caught as ValidationError).code === 'InvalidScope', 'code')
        }
      }),
      { numRuns: RUNS },
    )
  })

  it('valid paths normalise to a folder prefix, idempotently, and scope the resource', () => {
    fc.assert(
      fc.property(segments, fc.boolean(), (parts, trailing) => {
        const path = parts.join('/') + (trailing && parts.length > 0 ? '/' : '')
        const normal = normalizeAllowPath(path)
        check(normal === '' || normal.endsWith('/'), 'trailing slash')
        check(normalizeAllowPath(normal) === normal, 'idempotent')
        const policy = buildTencentPolicy({ ...COS, allowPath: path })
        const resource = tencentObjectResource({ ...COS, key: `${normal}*` })
        check(policy.statement[0]!.resource[0] === resource, 'resource')
      }),
      { numRuns: RUNS },
    )
  })
})
