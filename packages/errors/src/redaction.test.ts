import { inspect } from 'node:util'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { protectSecrets, REDACTED, redactObject, redactText } from './redact'
import { StorageBackendError, StorageError } from './storage-error'
import { StorageSDKError, type StorageSDKErrorOptions } from './storage-sdk-error'
import { STSError, STSRequestError, STSSignatureError } from './sts-error'
import { ValidationError } from './validation-error'

type ErrorClass = new (message: string, options: StorageSDKErrorOptions) => StorageSDKError

const CLASSES: readonly ErrorClass[] = [
  StorageSDKError,
  STSError,
  STSRequestError,
  STSSignatureError,
  StorageError,
  StorageBackendError,
  ValidationError,
]

const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/='
const b64 = (min: number, max: number) =>
  fc.string({ unit: fc.constantFrom(...BASE64), minLength: min, maxLength: max })
const hex = fc.string({
  unit: fc.constantFrom(...'0123456789abcdef'),
  minLength: 64,
  maxLength: 64,
})

/** Random credentials of realistic shapes; the token is long and URL-unsafe like real ones. */
const credentials = fc.record({
  // Real secret keys are 30-40 characters; at 8 a key can spell a word that a stack frame holds.
  secretKey: b64(16, 48),
  token: b64(16, 400),
  signature: hex,
  accessKeyId: fc.constantFrom('AKIAIOSFODNN7EXAMPLE', 'AKIDz8krbsJ5yKBZQpn7', 'STS.NUxample'),
})
type Credentials = typeof credentials extends fc.Arbitrary<infer T> ? T : never

/** Every place an error's text can reach a log or a client. */
function surfaces(error: unknown): string[] {
  const e = error as Error
  return [
    e.message,
    e.stack ?? '',
    String(e),
    `${e}`,
    JSON.stringify(e),
    inspect(e, { depth: 10 }),
    inspect(e, { depth: 10, showHidden: true }),
    inspect({ wrapped: e }, { depth: 10 }),
  ]
}

/** The raw and URL-encoded forms of every secret; none may appear anywhere. */
function leaks(error: unknown, creds: Credentials): string[] {
  const needles = [creds.secretKey, creds.token, creds.signature].flatMap((s) => [
    s,
    encodeURIComponent(s),
  ])
  const found: string[] = []
  for (const text of surfaces(error)) {
    for (const needle of needles) if (text.includes(needle)) found.push(needle)
  }
  return found
}

function presignedUrl(c: Credentials): string {
  return (
    `https://bucket.s3.us-east-1.amazonaws.com/user/1/a.txt?X-Amz-Algorithm=AWS4-HMAC-SHA256` +
    `&X-Amz-Credential=${c.accessKeyId}%2F20260101%2Fus-east-1%2Fs3%2Faws4_request` +
    `&X-Amz-Date=20260101T000000Z&X-Amz-Expires=900` +
    `&X-Amz-Security-Token=${encodeURIComponent(c.token)}` +
    `&X-Amz-SignedHeaders=host&X-Amz-Signature=${c.signature}`
  )
}

function authorizationLines(c: Credentials): string {
  const scope = `${c.accessKeyId}/20260101/us-east-1/s3/aws4_request`
  return [
    `Authorization: AWS4-HMAC-SHA256 Credential=${scope}, SignedHeaders=host;x-amz-date, Signature=${c.signature}`,
    `authorization: TC3-HMAC-SHA256 Credential=${c.accessKeyId}/2026-01-01/sts/tc3_request, SignedHeaders=content-type;host, Signature=${c.signature}`,
    `Authorization: ACS3-HMAC-SHA256 Credential=${c.accessKeyId},SignedHeaders=host;x-acs-date,Signature=${c.signature}`,
    `x-amz-security-token: ${c.token}`,
    `X-TC-Token: ${c.token}`,
    `x-oss-security-token: ${c.token}`,
    `x-cos-security-token: ${c.token}`,
  ].join('\r\n')
}

/** Each scenario builds the options of one failure; `message` is the text handed to the class. */
const scenarios: Record<string, (c: Credentials) => [string, Partial<StorageSDKErrorOptions>]> = {
  'message holding the secrets, passed in secrets': (c) => [
    `signing failed with key ${c.secretKey} and token ${c.token} (${c.signature})`,
    { secrets: [c.secretKey, c.token, c.signature] },
  ],
  'secrets as a one-shot iterator': (c) => [
    `key ${c.secretKey} token ${c.token}`,
    { secrets: new Set([c.secretKey, c.token]).values() },
  ],
  'an Error cause with secrets in message, stack and extra fields': (c) => {
    const cause = new Error(`upstream rejected ${c.secretKey}`) as Error & Record<string, unknown>
    cause.stack = `Error: upstream rejected ${c.secretKey}\n    at sign (token=${c.token})`
    cause.code = 'ECONNRESET'
    cause.config = { secretAccessKey: c.secretKey, headers: { 'x-amz-security-token': c.token } }
    return ['request failed', { cause, secrets: [c.secretKey, c.token] }]
  },
  'a string cause': (c) => [
    'request failed',
    { cause: `key=${c.secretKey}`, secrets: [c.secretKey] },
  ],
  'an object cause': (c) => [
    'request failed',
    { cause: { secretAccessKey: c.secretKey, sessionToken: c.token } },
  ],
  'an Aury error cause that redacted its own secrets': (c) => [
    'outer failure',
    {
      cause: new STSRequestError(`inner ${c.secretKey}`, {
        code: 'AccessDenied',
        secrets: [c.secretKey],
        cause: new Error(`deep ${c.token}`),
      }),
      secrets: [c.token],
    },
  ],
  'an Aury error cause that did not know the secret': (c) => [
    'outer failure',
    {
      cause: new StorageBackendError(`inner saw ${c.secretKey}`, {
        code: 'InternalError',
        cause: new Error(`deeper saw ${c.token}`),
      }),
      secrets: [c.secretKey, c.token],
    },
  ],
  'a presigned URL in the message, no secrets passed': (c) => [
    `GET ${presignedUrl(c)} returned 403`,
    {},
  ],
  'a presigned URL in the cause': (c) => [
    'download failed',
    { cause: new Error(`fetch failed: ${presignedUrl(c)}`) },
  ],
  'Authorization and token headers in the message': (c) => [
    `request headers:\r\n${authorizationLines(c)}`,
    {},
  ],
  'headers as JSON in the message': (c) => [
    `headers ${JSON.stringify({
      Authorization: `AWS4-HMAC-SHA256 Credential=${c.accessKeyId}/x, SignedHeaders=host, Signature=${c.signature}`,
      'X-Amz-Security-Token': c.token,
      'x-tc-token': c.token,
    })}`,
    {},
  ],
  'credential key=value pairs in the message': (c) => [
    `config secretAccessKey=${c.secretKey} sessionToken=${c.token} "secretKey":"${c.secretKey}" accessKeySecret: ${c.secretKey} tmpSecretKey=${c.secretKey}`,
    {},
  ],
  'a URL-encoded secret under an unknown name, passed in secrets': (c) => [
    `POST https://sts.example.com/?Action=AssumeRole&Creds=${encodeURIComponent(c.secretKey)}&T=${encodeURIComponent(c.token)}`,
    { secrets: [c.secretKey, c.token] },
  ],
  'a protected config in details and as cause': (c) => {
    const config = protectSecrets(
      {
        accessKeyId: c.accessKeyId,
        secretAccessKey: c.secretKey,
        sessionToken: c.token,
        region: 'us-east-1',
      },
      ['accessKeyId', 'region'],
    )
    return ['provider failed', { details: { config }, cause: config }]
  },
}

describe('redaction of generated failures (property, 1,000 runs x every path, random class)', () => {
  it('never shows a secret in message, stack, String, JSON or inspect', () => {
    let built = 0
    const covered = new Set<string>()
    fc.assert(
      fc.property(credentials, fc.constantFrom(...CLASSES), (creds, ErrorClass) => {
        for (const [name, scenario] of Object.entries(scenarios)) {
          covered.add(`${ErrorClass.name} / ${name}`)
          const [message, options] = scenario(creds)
          const error = new ErrorClass(message, { code: 'SomeCode', ...options })
          built++
          const found = leaks(error, creds)
          if (found.length > 0) {
            throw new Error(`${ErrorClass.name} / ${name} leaked ${found.length} value(s)`)
          }
          // the same error as the cause of another one, and behind a cloud message
          const outer = new STSRequestError('wrapped', {
            code: 'Outer',
            cause: error,
            cloudMessage: message,
            ...(options.secrets === undefined ? {} : { secrets: scenario(creds)[1].secrets }),
          })
          if (leaks(outer, creds).length > 0) {
            throw new Error(`STSRequestError wrapping ${ErrorClass.name} / ${name} leaked`)
          }
        }
      }),
      { numRuns: 1000 },
    )
    expect(built).toBeGreaterThanOrEqual(1000 * Object.keys(scenarios).length)
    // every class went through every path (each pair ~140 times in 1,000 runs)
    expect(covered.size).toBe(CLASSES.length * Object.keys(scenarios).length)
  }, 180_000)

  it('keeps protected configs secret through every printer', () => {
    fc.assert(
      fc.property(credentials, (c) => {
        const config = protectSecrets(
          { secretId: c.accessKeyId, secretKey: c.secretKey, token: c.token, nested: { a: 1 } },
          ['secretId', 'nested', 'a'],
        )
        const printed = [
          JSON.stringify(config),
          JSON.stringify({ config }),
          inspect(config, { depth: 10 }),
          inspect({ deep: { config } }, { depth: 10 }),
          String(config),
          `${config}`,
        ]
        for (const text of printed) {
          if (text.includes(c.secretKey) || text.includes(c.token)) throw new Error(text)
        }
        // the values stay usable in code
        return config.secretKey === c.secretKey && config.token === c.token
      }),
      { numRuns: 1000 },
    )
  })
})

describe('redactText', () => {
  it('replaces every occurrence of each given secret', () => {
    expect(redactText('a sk-123456 b sk-123456', ['sk-123456'])).toBe(`a ${REDACTED} b ${REDACTED}`)
  })

  it('ignores secrets shorter than 4 characters and undefined entries', () => {
    expect(redactText('the cat sat', ['cat', undefined, ''])).toBe('the cat sat')
  })

  it('redacts signatures and tokens in query strings, keeping the parameter names', () => {
    const url = 'https://h/k?X-Amz-Signature=abcd&x-id=GetObject&X-Amz-Security-Token=t%2Fk'
    expect(redactText(url)).toBe(
      `https://h/k?X-Amz-Signature=${REDACTED}&x-id=GetObject&X-Amz-Security-Token=${REDACTED}`,
    )
    expect(redactText('q-sign-time=1;2&q-signature=ff00')).toBe(
      `q-sign-time=1;2&q-signature=${REDACTED}`,
    )
    expect(redactText('?security-token=abc&x-oss-signature-version=OSS4')).toBe(
      `?security-token=${REDACTED}&x-oss-signature-version=OSS4`,
    )
  })

  it('redacts Authorization and token headers', () => {
    expect(redactText('Authorization: Bearer abc.def')).toBe(`Authorization: ${REDACTED}`)
    expect(redactText('{"x-tc-token":"tok"}')).toBe(`{"x-tc-token":"${REDACTED}"}`)
  })

  it('redacts credential-looking key=value pairs', () => {
    expect(redactText('secretKey=abc123 region=ap-guangzhou')).toBe(
      `secretKey=${REDACTED} region=ap-guangzhou`,
    )
    expect(redactText('{"sessionToken":"xyz","region":"r"}')).toBe(
      `{"sessionToken":"${REDACTED}","region":"r"}`,
    )
  })

  it('keeps ordinary text unchanged', () => {
    const text = 'NoSuchKey: user/1/a.txt does not exist (requestId=42)'
    expect(redactText(text, ['unrelated-secret'])).toBe(text)
  })
})

describe('redactObject', () => {
  it('keeps allow-listed keys, redacts the others and drops undefined values', () => {
    expect(
      redactObject({ region: 'r', secretKey: 's', fn: () => 1, gone: undefined }, ['region']),
    ).toEqual({ region: 'r', secretKey: REDACTED, fn: '[Function]' })
  })

  it('recurses into allow-listed plain objects and keeps dates and arrays', () => {
    const when = new Date(0)
    expect(
      redactObject({ endpoint: { host: 'h', password: 'p' }, at: when, list: [1] }, [
        'endpoint',
        'host',
        'at',
        'list',
      ]),
    ).toEqual({ endpoint: { host: 'h', password: REDACTED }, at: when, list: [1] })
  })
})

describe('protectSecrets', () => {
  it('returns the same object, values intact, with hidden hooks', () => {
    const target = { secretId: 'AKID', secretKey: 'very-secret' }
    const protectedConfig = protectSecrets(target, ['secretId'])
    expect(protectedConfig).toBe(target)
    expect(protectedConfig.secretKey).toBe('very-secret')
    expect(Object.keys(protectedConfig)).toEqual(['secretId', 'secretKey'])
    expect(JSON.stringify(protectedConfig)).toBe(`{"secretId":"AKID","secretKey":"${REDACTED}"}`)
    expect(inspect(protectedConfig)).not.toContain('very-secret')
    expect(String(protectedConfig)).toBe('[object Object]')
  })

  it('reflects later changes and works on class instances', () => {
    class Config {
      region = 'ap-guangzhou'
      secretKey = 'first-secret'
    }
    const config = protectSecrets(new Config(), ['region'])
    config.secretKey = 'second-secret'
    expect(JSON.stringify(config)).toBe(`{"region":"ap-guangzhou","secretKey":"${REDACTED}"}`)
    expect(String(config)).toBe('[object Config]')
    expect(inspect(config)).not.toContain('second-secret')
  })
})

describe('redaction fixes found by the property test', () => {
  it('removes URL-encoded forms of given secrets', () => {
    expect(redactText('?x=ab%2Fcd%2B%3D', ['ab/cd+='])).toBe(`?x=${REDACTED}`)
    expect(redactText('lone \ud800abc', ['\ud800abc'])).toBe(`lone ${REDACTED}`)
  })

  it('removes a secret that contains another one whole, whatever the order given', () => {
    expect(redactText('t=xyz-abcd1234-uvw', ['abcd1234', 'xyz-abcd1234-uvw'])).toBe(`t=${REDACTED}`)
    expect(redactText('v xyz-abcd1234-uvw', ['abcd1234', 'xyz-abcd1234-uvw'])).toBe(`v ${REDACTED}`)
  })

  it('redacts the cloud message of STSRequestError, also with a one-shot iterator', () => {
    const error = new STSRequestError('refused', {
      code: 'SignatureDoesNotMatch',
      cloudMessage: 'canonical request: x-amz-security-token:tok-123456\nx=1&Signature=abcdef',
      secrets: new Set(['tok-123456']).values(),
    })
    expect(error.cloudMessage).toBe(
      `canonical request: x-amz-security-token:${REDACTED}\nx=1&Signature=${REDACTED}`,
    )
    expect(JSON.stringify(error)).not.toContain('tok-123456')
  })

  it('redacts what the outer error knows in an Aury cause, in a copy of the same class', () => {
    const inner = new STSRequestError('inner saw key-98765', {
      code: 'AccessDenied',
      requestId: 'req-1',
      cloudMessage: 'key-98765 is not allowed',
      cause: new Error('deeper key-98765'),
    })
    const outer = new StorageError('outer', {
      code: 'UploadFailed',
      cause: inner,
      secrets: ['key-98765'],
    })
    const cause = (outer as { cause?: unknown }).cause as STSRequestError
    expect(cause).toBeInstanceOf(STSRequestError)
    expect(cause).not.toBe(inner)
    expect(cause.message).toBe(`inner saw ${REDACTED}`)
    expect(cause.cloudMessage).toBe(`${REDACTED} is not allowed`)
    expect(cause.requestId).toBe('req-1')
    expect(((cause as { cause?: Error }).cause as Error).message).toBe(`deeper ${REDACTED}`)
    expect(JSON.stringify(outer)).not.toContain('key-98765')
    expect(inspect(outer, { depth: 10 })).not.toContain('key-98765')
    // the caller's own error is left as it was
    expect(inner.message).toBe('inner saw key-98765')
  })

  it('keeps an Aury cause as is when no secrets are given', () => {
    const inner = new ValidationError('bad', { code: 'InvalidScope' })
    const outer = new STSError('outer', { code: 'X', cause: inner })
    expect((outer as { cause?: unknown }).cause).toBe(inner)
  })
})
