import { ValidationError } from '@aury/errors'
import { normalizeAllowPath } from '@aury/policy'
import { build } from 'esbuild'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { ActionType } from './index'
import { parseSTSRequest, stsRequestKey } from './sts-request'
import { STSRequest } from './sts-request-schema'

const base = { bucket: 'my-bucket-1250000000', region: 'ap-guangzhou' }

function codeOf(input: unknown): string | undefined {
  try {
    parseSTSRequest(input as never)
  } catch (error) {
    expect(error).toBeInstanceOf(ValidationError)
    return (error as ValidationError).code
  }
  return undefined
}

describe('parseSTSRequest', () => {
  it('fills the documented defaults', () => {
    expect(parseSTSRequest(base)).toEqual({
      ...base,
      allowPath: '',
      actionType: 'write',
      durationSeconds: 900,
    })
    expect(STSRequest.parse(base).durationSeconds).toBe(900)
  })

  it('canonicalises allowPath through the policy rules', () => {
    expect(parseSTSRequest({ ...base, allowPath: 'user/123' }).allowPath).toBe('user/123/')
    const r = parseSTSRequest({ ...base, allowPath: 'user/123/', actionType: ActionType.READ })
    expect(r.actionType).toBe('read')
    expect(parseSTSRequest(r)).toEqual(r)
  })

  it.each([
    [{ region: 'ap-guangzhou' }, 'InvalidBucketName'],
    [{ ...base, bucket: '' }, 'InvalidBucketName'],
    [{ ...base, bucket: 'UPPER-1250000000' }, 'InvalidBucketName'],
    [{ ...base, bucket: 'a..b-1250000000' }, 'InvalidBucketName'],
    [{ ...base, bucket: 7 }, 'InvalidBucketName'],
    [{ bucket: base.bucket }, 'InvalidRegion'],
    [{ ...base, region: 'ap-guangzhou.evil.com' }, 'InvalidRegion'],
    [{ ...base, region: 'ap/guangzhou' }, 'InvalidRegion'],
    [{ ...base, region: 'ap#x' }, 'InvalidRegion'],
    [{ ...base, allowPath: '*' }, 'InvalidScope'],
    [{ ...base, allowPath: 'user/../admin/' }, 'InvalidScope'],
    [{ ...base, allowPath: '/abs/' }, 'InvalidScope'],
    [{ ...base, allowPath: 'a?b/' }, 'InvalidScope'],
    [{ ...base, allowPath: 42 }, 'InvalidScope'],
    [{ ...base, actionType: 'delete' }, 'InvalidArgument'],
    [{ ...base, durationSeconds: 0 }, 'InvalidDuration'],
    [{ ...base, durationSeconds: Number.NaN }, 'InvalidDuration'],
    [{ ...base, durationSeconds: -900 }, 'InvalidDuration'],
    [{ ...base, durationSeconds: 900.5 }, 'InvalidDuration'],
    [{ ...base, durationSeconds: Number.POSITIVE_INFINITY }, 'InvalidDuration'],
    [{ ...base, durationSeconds: 899 }, 'InvalidDuration'],
    [{ ...base, durationSeconds: 604_801 }, 'InvalidDuration'],
    [{ ...base, durationSeconds: '900' }, 'InvalidDuration'],
    [{ ...base, durationSeconds: null }, 'InvalidDuration'],
    [{ ...base, allowPath: null }, 'InvalidScope'],
    [{ ...base, allow_path: 'user/1/' }, 'InvalidArgument'],
    [null, 'InvalidArgument'],
    ['bucket', 'InvalidArgument'],
  ])('rejects %j with %s', (input, code) => {
    expect(codeOf(input)).toBe(code)
  })

  it('names the field in the error', () => {
    try {
      parseSTSRequest({ ...base, durationSeconds: 0 })
      expect.unreachable()
    } catch (error) {
      expect((error as ValidationError).field).toBe('durationSeconds')
    }
  })

  it('gives equal keys to equivalent requests and different keys otherwise', () => {
    const a = stsRequestKey(parseSTSRequest({ ...base, allowPath: 'user/1' }))
    const b = stsRequestKey(parseSTSRequest({ ...base, allowPath: 'user/1/', actionType: 'write' }))
    const c = stsRequestKey(parseSTSRequest({ ...base, allowPath: 'user/10/' }))
    expect(a).toBe(b)
    expect(a).not.toBe(c)
  })
})

describe('the zod schema (@aury/sts-core/schema) and parseSTSRequest agree', () => {
  const field = <T>(arb: fc.Arbitrary<T>) =>
    fc.oneof(arb, fc.constant(undefined), fc.constant(null), fc.integer(), fc.string())
  const input = fc.record(
    {
      bucket: field(fc.constantFrom('my-bucket-1250000000', 'ab', 'a..b-1', 'Bad', 'x.y-12')),
      region: field(fc.constantFrom('ap-guangzhou', 'us-east-1', 'a.b', '-x', 'cn-hangzhou')),
      allowPath: field(fc.constantFrom('', 'user/1', 'user/1/', '*', 'a/../b', 'x'.repeat(1025))),
      actionType: field(fc.constantFrom('read', 'write', 'all', 'delete')),
      durationSeconds: field(
        fc.oneof(
          fc.integer({ min: 0, max: 700_000 }),
          fc.double(),
          fc.constantFrom(899, 900, 604_800, 604_801),
        ),
      ),
      allow_path: fc.constant('x/'),
    },
    { requiredKeys: [] },
  )
  it('accepts and rejects the same inputs, with the same values', () => {
    fc.assert(
      fc.property(input, (raw) => {
        const value = Object.fromEntries(Object.entries(raw).filter(([, v]) => v !== undefined))
        const viaZod = STSRequest.safeParse(value)
        let expected: unknown
        try {
          expected = viaZod.success
            ? { ...viaZod.data, allowPath: normalizeAllowPath(viaZod.data.allowPath) }
            : undefined
        } catch {
          expected = undefined
        }
        let actual: unknown
        try {
          actual = parseSTSRequest(value as never)
        } catch (error) {
          expect(error).toBeInstanceOf(ValidationError)
        }
        expect(actual).toEqual(expected)
      }),
      { numRuns: 3000 },
    )
  })
})

describe('the main entry', () => {
  it('does not load zod (start-up cost); the schema entry does', async () => {
    const imports = async (entry: string) => {
      const result = await build({
        entryPoints: [new URL(entry, import.meta.url).pathname],
        bundle: true,
        write: false,
        metafile: true,
        platform: 'node',
        format: 'esm',
        conditions: ['@aury/source'],
        packages: 'external',
        logLevel: 'silent',
        plugins: [
          {
            name: 'aury-source',
            setup(b) {
              b.onResolve({ filter: /^@aury\// }, (args) => ({
                path: new URL(`../../${args.path.slice(6)}/src/index.ts`, import.meta.url).pathname,
              }))
            },
          },
        ],
      })
      return Object.values(result.metafile.outputs).flatMap((o) => o.imports.map((i) => i.path))
    }
    expect(await imports('./index.ts')).not.toContain('zod')
    expect(await imports('./sts-request-schema.ts')).toContain('zod')
  })
})
