import { ValidationError } from '@aury/errors'
import type { AliyunPolicy } from './aliyun-policy'
import type { AwsPolicy } from './aws-policy'
import type { TencentPolicy } from './tencent-policy'
import { type Tristate, wildcardMatch } from './wildcard-match'

type Grammar = 'tencent' | 'aws' | 'aliyun'
type Doc = Record<string, unknown>

function malformed(message: string): ValidationError {
  return new ValidationError(message, { code: 'InvalidArgument', field: 'policy' })
}

function parse(policy: unknown): Doc {
  if (typeof policy !== 'string') {
    if (policy !== null && typeof policy === 'object') return policy as Doc
    throw malformed('policy must be an object or a JSON string')
  }
  const text = policy.trimStart()
  try {
    return JSON.parse(/^%7b/i.test(text) ? decodeURIComponent(text) : text) as Doc
  } catch {
    throw malformed('policy is not valid JSON')
  }
}

function grammarOf(doc: Doc): Grammar {
  if (doc.statement !== undefined && doc.Statement === undefined) return 'tencent'
  if (doc.Version === '2012-10-17' || doc.Version === '2008-10-17') return 'aws'
  if (doc.Version === '1') return 'aliyun'
  throw malformed('policy is neither a Tencent CAM, AWS IAM nor Aliyun RAM document')
}

function list(value: unknown): string[] | undefined {
  if (typeof value === 'string') return [value]
  if (Array.isArray(value) && value.every((v) => typeof v === 'string')) return value
  return undefined
}

function and(a: Tristate, b: Tristate): Tristate {
  if (a === false || b === false) return false
  return a === undefined || b === undefined ? undefined : true
}

function anyOf(patterns: string[], test: (pattern: string) => Tristate): Tristate {
  let result: Tristate = false
  for (const pattern of patterns) {
    const r = test(pattern)
    if (r === true) return true
    if (r === undefined) result = undefined
  }
  return result
}

/** Matches `Action`/`NotAction` (or `Resource`/`NotResource`) of a statement. */
function element(
  statement: Doc,
  names: [string, string | undefined],
  test: (pattern: string) => Tristate,
): Tristate {
  const positive = statement[names[0]]
  const negative = names[1] === undefined ? undefined : statement[names[1]]
  if (positive !== undefined) {
    const patterns = list(positive)
    return patterns === undefined ? false : anyOf(patterns, test)
  }
  const patterns = negative === undefined ? undefined : list(negative)
  if (patterns === undefined) return false
  const r = anyOf(patterns, test)
  return r === undefined ? undefined : !r
}

type Operator = 'eq' | 'eqi' | 'like'

function operatorOf(name: string): { op: Operator; negated: boolean; ifExists: boolean } | null {
  let n = name.toLowerCase().replace(/_/g, '')
  const ifExists = n.endsWith('ifexists')
  if (ifExists) n = n.slice(0, -8)
  const table: Record<string, [Operator, boolean]> = {
    stringequals: ['eq', false],
    stringequal: ['eq', false],
    stringnotequals: ['eq', true],
    stringnotequal: ['eq', true],
    stringequalsignorecase: ['eqi', false],
    stringnotequalsignorecase: ['eqi', true],
    stringlike: ['like', false],
    stringnotlike: ['like', true],
  }
  const entry = table[n]
  return entry === undefined ? null : { op: entry[0], negated: entry[1], ifExists }
}

function conditions(block: unknown, context: ReadonlyMap<string, string>): Tristate {
  if (block === undefined) return true
  if (block === null || typeof block !== 'object') return undefined
  let result: Tristate = true
  for (const [name, keys] of Object.entries(block as Doc)) {
    const operator = operatorOf(name)
    if (operator === null || keys === null || typeof keys !== 'object') return undefined
    for (const [key, expected] of Object.entries(keys as Doc)) {
      const values = list(expected)
      if (values === undefined) return undefined
      const actual = context.get(key.toLowerCase())
      let r: Tristate
      if (actual === undefined) {
        r = operator.ifExists || operator.negated
      } else {
        const hit = anyOf(values, (v) =>
          operator.op === 'like'
            ? wildcardMatch(v, actual)
            : operator.op === 'eqi'
              ? v.toLowerCase() === actual.toLowerCase()
              : v === actual,
        )
        r = hit === undefined ? undefined : hit !== operator.negated
      }
      result = and(result, r)
      if (result === false) return false
    }
  }
  return result
}

function normalizeAction(action: string, grammar: Grammar): string {
  const lower = action.toLowerCase()
  return grammar === 'tencent' && lower.startsWith('name/') ? lower.slice(5) : lower
}

/**
 * Evaluates a policy offline: may a credential holding `policy` perform `action` on `resource`?
 * Understands the three grammars this package emits, detected by shape: Tencent CAM (lower-case
 * `statement`/`effect`, actions as `name/cos:X` or `cos:X`), AWS IAM (`Version: '2012-10-17'`)
 * and Aliyun RAM (`Version: '1'`). An explicit deny wins; otherwise an allow must match. `*`
 * matches any run of characters (including `/`), `?` one character; action names compare
 * case-insensitively, resources case-sensitively. `NotAction`/`NotResource`, policy variables
 * (from `context`, keys case-insensitive) and the string condition operators (`StringEquals`,
 * `StringLike`, their `Not`/`IgnoreCase`/`IfExists` forms, CAM's `string_equal`/`string_like`)
 * are supported. Anything it cannot decide (an unknown operator, a missing variable) fails
 * closed: such an allow does not count, such a deny does. A JSON string (also URL-encoded, as
 * sent to Tencent STS) is accepted. Throws `ValidationError` (`InvalidArgument`) for a document
 * of no known grammar.
 *
 * @example
 * ```ts
 * const policy = buildTencentPolicy({
 *   bucket: 'photos-1250000000',
 *   region: 'ap-guangzhou',
 *   allowPath: 'user/12/',
 * })
 * const at = (key: string) =>
 *   tencentObjectResource({ bucket: 'photos-1250000000', region: 'ap-guangzhou', key })
 * isAllowed(policy, 'cos:PutObject', at('user/12/a.png')) // true
 * isAllowed(policy, 'cos:PutObject', at('user/123/a.png')) // false
 * isAllowed(policy, 'cos:GetObject', at('user/12/a.png')) // false (write-only)
 * ```
 */
export function isAllowed(
  policy: TencentPolicy | AwsPolicy | AliyunPolicy | string,
  action: string,
  resource: string,
  context: Record<string, string> = {},
): boolean {
  const doc = parse(policy)
  const grammar = grammarOf(doc)
  const tencent = grammar === 'tencent'
  const raw = tencent ? doc.statement : doc.Statement
  const statements = Array.isArray(raw) ? raw : raw !== null && typeof raw === 'object' ? [raw] : []
  const vars = new Map(Object.entries(context).map(([k, v]) => [k.toLowerCase(), String(v)]))
  const wanted = normalizeAction(String(action), grammar)
  let allowed = false
  for (const item of statements) {
    if (item === null || typeof item !== 'object') continue
    const st = item as Doc
    const effect = String(tencent ? st.effect : st.Effect).toLowerCase()
    if (effect !== 'allow' && effect !== 'deny') continue
    const actionHit = element(st, tencent ? ['action', undefined] : ['Action', 'NotAction'], (p) =>
      wildcardMatch(normalizeAction(p, grammar), wanted),
    )
    const resourceHit = element(
      st,
      tencent ? ['resource', undefined] : ['Resource', 'NotResource'],
      (p) => wildcardMatch(p, resource, vars),
    )
    const applies = and(
      and(actionHit, resourceHit),
      conditions(tencent ? st.condition : st.Condition, vars),
    )
    if (effect === 'deny' && applies !== false) return false
    if (effect === 'allow' && applies === true) allowed = true
  }
  return allowed
}
