import { ValidationError } from '@aury/errors'
import { describe, expect, it } from 'vitest'
import {
  ALIYUN_ACTIONS,
  ALIYUN_POLICY_MAX_CHARS,
  aliyunObjectResource,
  buildAliyunPolicy,
} from './aliyun-policy'

const base = { bucket: 'example-bucket', region: 'cn-hangzhou', allowPath: 'u/42' }
const RESOURCE = ['acs:oss:*:*:example-bucket/u/42/*']

function codeOf(fn: () => unknown): string {
  try {
    fn()
  } catch (error) {
    expect(error).toBeInstanceOf(ValidationError)
    return (error as ValidationError).code
  }
  throw new Error('did not throw')
}

describe('buildAliyunPolicy', () => {
  it('builds the exact READ, WRITE (default) and ALL documents', () => {
    expect(buildAliyunPolicy({ ...base, actionType: 'read' })).toEqual({
      Version: '1',
      Statement: [{ Effect: 'Allow', Action: ['oss:GetObject'], Resource: RESOURCE }],
    })
    const write = {
      Version: '1',
      Statement: [
        {
          Effect: 'Allow',
          Action: ['oss:PutObject', 'oss:AbortMultipartUpload', 'oss:ListParts'],
          Resource: RESOURCE,
        },
      ],
    }
    expect(buildAliyunPolicy(base)).toEqual(write)
    expect(buildAliyunPolicy({ ...base, actionType: 'write' })).toEqual(write)
    expect(buildAliyunPolicy({ ...base, actionType: 'all' }).Statement[0]?.Action).toEqual([
      ...ALIYUN_ACTIONS.read,
      ...ALIYUN_ACTIONS.write,
    ])
  })

  it('has no principal and grants the whole bucket for an empty prefix', () => {
    const policy = buildAliyunPolicy({ ...base, allowPath: '' })
    expect(policy.Statement[0]?.Resource).toEqual(['acs:oss:*:*:example-bucket/*'])
    expect(JSON.stringify(policy)).not.toMatch(/principal/i)
  })

  it.each(['ab', 'Example', 'a.b', 'a_b', '-ab', 'ab-', 'a/b', 'a*b'])(
    'rejects the bucket %j',
    (bucket) => {
      expect(codeOf(() => buildAliyunPolicy({ ...base, bucket }))).toBe('InvalidBucketName')
    },
  )

  it('rejects bad regions and hostile prefixes', () => {
    expect(codeOf(() => buildAliyunPolicy({ ...base, region: 'cn-hangzhou.x' }))).toBe(
      'InvalidRegion',
    )
    expect(codeOf(() => buildAliyunPolicy({ ...base, allowPath: 'u/?' }))).toBe('InvalidScope')
  })

  it('always fits the 2048-character limit: the longest accepted prefix and bucket', () => {
    expect(ALIYUN_POLICY_MAX_CHARS).toBe(2048)
    const policy = buildAliyunPolicy({
      bucket: 'b'.repeat(63),
      region: 'cn-hangzhou',
      actionType: 'all',
      allowPath: 'a'.repeat(1022),
    })
    expect(JSON.stringify(policy).length).toBeLessThanOrEqual(ALIYUN_POLICY_MAX_CHARS)
    const tooLong = `${'相'.repeat(300)}/${'b'.repeat(100)}/${'c'.repeat(120)}`
    expect(codeOf(() => buildAliyunPolicy({ ...base, allowPath: tooLong }))).toBe('InvalidScope')
  })

  it('builds object resources for the evaluator', () => {
    expect(aliyunObjectResource({ bucket: 'photos', key: 'a/b' })).toBe('acs:oss:*:*:photos/a/b')
  })
})
