import { ValidationError } from '@aury/errors'
import { describe, expect, it } from 'vitest'
import { ActionType } from './index'
import { parseSTSRequest, STSRequest, stsRequestKey } from './sts-request'

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
