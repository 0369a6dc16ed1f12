/** The text that stands in for a redacted value. */
export const REDACTED = '[REDACTED]'

/**
 * Patterns that always mark a secret in free text, applied in this order, case-insensitively:
 * signatures, credentials and tokens in query strings (`X-Amz-Signature=`, `q-signature=`,
 * `x-oss-security-token=`, `sign=`, ... all end in one of these words), Authorization and token
 * headers, and credential-looking `key=value` or `"key": "value"` pairs.
 */
const SECRET_PATTERNS: readonly RegExp[] = [
  /((?:signature|x-amz-credential|sign|token)=)[^&\s"'<>]+/gi,
  /((?:authorization|x-tc-token|x-(?:amz|oss|cos)-security-token)["']?\s*[:=]\s*["']?)[^"'\r\n,}]+/gi,
  /((?:secret(?:_?access)?_?key|accessKeySecret|session_?token|password)["']?\s*[:=]\s*["']?)[^"'\s,}&]+/gi,
]

/**
 * Removes secrets from free text: every occurrence of a value in `secrets`, as is or
 * URL-encoded (ignoring values shorter than 4 characters, which would redact ordinary words),
 * and every match of the built-in patterns (signatures, tokens and Authorization headers).
 *
 * @example
 * ```ts
 * redactText('GET /a?X-Amz-Signature=abcd', []) // 'GET /a?X-Amz-Signature=[REDACTED]'
 * redactText('key sk-123456 leaked', ['sk-123456']) // 'key [REDACTED] leaked'
 * ```
 */
export function redactText(text: string, secrets: Iterable<string | undefined> = []): string {
  const forms: string[] = []
  for (const secret of secrets) {
    if (typeof secret !== 'string' || secret.length < 4) continue
    forms.push(secret)
    try {
      forms.push(encodeURIComponent(secret))
    } catch {
      // a lone surrogate cannot be URL-encoded, so it cannot appear encoded either
    }
  }
  // longest first, so a secret that contains another one is removed whole
  for (const form of forms.sort((a, b) => b.length - a.length))
    text = text.split(form).join(REDACTED)
  for (const pattern of SECRET_PATTERNS) text = text.replace(pattern, `$1${REDACTED}`)
  return text
}

/**
 * Allow-list redaction of a plain object: keys listed in `allow` keep their values (nested
 * objects are redacted with the same list), every other key's value becomes `[REDACTED]` when
 * present. Use it for anything that holds credentials before it is logged or serialised.
 *
 * @example
 * ```ts
 * redactObject({ region: 'ap-guangzhou', secretKey: 'x' }, ['region'])
 * // { region: 'ap-guangzhou', secretKey: '[REDACTED]' }
 * ```
 */
export function redactObject(
  value: Readonly<Record<string, unknown>>,
  allow: readonly string[],
): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  for (const [key, v] of Object.entries(value)) {
    if (v === undefined) continue
    if (!allow.includes(key)) {
      out[key] = typeof v === 'function' ? '[Function]' : REDACTED
    } else if (v instanceof Date) {
      out[key] = v
    } else if (v !== null && typeof v === 'object' && !Array.isArray(v)) {
      out[key] = redactObject(v as Record<string, unknown>, allow)
    } else {
      out[key] = v
    }
  }
  return out
}

const inspectSymbol = Symbol.for('nodejs.util.inspect.custom')

/**
 * Makes an object holding secrets safe to print: `JSON.stringify`, `util.inspect`,
 * `console.log` and `String()` show only the allow-listed keys, the rest as `[REDACTED]`.
 * The object is changed in place (non-enumerable hooks) and returned.
 *
 * @example
 * ```ts
 * const config = protectSecrets({ secretId: 'AKID...', secretKey: 's' }, ['secretId'])
 * JSON.stringify(config) // '{"secretId":"AKID...","secretKey":"[REDACTED]"}'
 * ```
 */
export function protectSecrets<T extends object>(target: T, allow: readonly string[]): T {
  const view = () => redactObject(target as Record<string, unknown>, allow)
  Object.defineProperties(target, {
    toJSON: { value: view, enumerable: false, configurable: true },
    [inspectSymbol]: {
      value: (_depth: number, options: unknown, inspect?: (v: unknown, o: unknown) => string) =>
        typeof inspect === 'function' ? inspect(view(), options) : view(),
      enumerable: false,
      configurable: true,
    },
    toString: {
      value: () => `[object ${target.constructor?.name ?? 'Object'}]`,
      enumerable: false,
      configurable: true,
    },
  })
  return target
}
