import { describe, expect, it } from 'vitest'
import {
  ALIYUN_STS_LIMITS,
  checkAliyunDuration,
  checkAliyunExternalId,
  checkAliyunPolicy,
  checkAliyunRoleArn,
  checkRoleSessionName,
} from './aliyun-sts-limits'

const code = (fn: () => unknown) => {
  try {
    fn()
  } catch (error) {
    return (error as { code?: string }).code
  }
  return 'no error'
}

describe('Aliyun STS limits', () => {
  it('duration 900..max; 0, NaN and fractions are rejected, never defaulted', () => {
    expect(checkAliyunDuration(900, 3600)).toBe(900)
    expect(checkAliyunDuration(3600, 3600)).toBe(3600)
    for (const bad of [899, 3601, 0, Number.NaN, 1000.5, -1]) {
      expect(code(() => checkAliyunDuration(bad, 3600))).toBe('InvalidDuration')
    }
    expect(ALIYUN_STS_LIMITS.maxDurationSeconds).toBe(43_200)
  })

  it('policy: 2048 characters (1024 strict)', () => {
    expect(checkAliyunPolicy('x'.repeat(2048), false)).toHaveLength(2048)
    expect(code(() => checkAliyunPolicy('x'.repeat(2049), false))).toBe('PolicyTooLarge')
    expect(checkAliyunPolicy('x'.repeat(1024), true)).toHaveLength(1024)
    expect(code(() => checkAliyunPolicy('x'.repeat(1025), true))).toBe('PolicyTooLarge')
  })

  it('RoleSessionName 2..64 (2..32 strict) of [A-Za-z0-9.@_-]', () => {
    expect(checkRoleSessionName('a.b@c_d-e', false)).toBe('a.b@c_d-e')
    expect(checkRoleSessionName('x'.repeat(64), false)).toHaveLength(64)
    expect(code(() => checkRoleSessionName('x'.repeat(65), false))).toBe('InvalidConfig')
    expect(code(() => checkRoleSessionName('x'.repeat(33), true))).toBe('InvalidConfig')
    expect(code(() => checkRoleSessionName('a+b', false))).toBe('InvalidConfig')
    expect(code(() => checkRoleSessionName('a', false))).toBe('InvalidConfig')
  })

  it('role ARN shape and external id', () => {
    expect(checkAliyunRoleArn('acs:ram::1234567890123456:role/oss-uploader')).toContain('oss')
    for (const bad of ['acs:ram::abc:role/x', 'acs:ram::1:user/x', 'arn:aws:iam::1:role/x', '']) {
      expect(code(() => checkAliyunRoleArn(bad))).toBe('InvalidConfig')
    }
    expect(checkAliyunExternalId('ab')).toBe('ab')
    expect(code(() => checkAliyunExternalId('a'))).toBe('InvalidConfig')
  })
})
