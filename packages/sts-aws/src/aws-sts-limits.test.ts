import { describe, expect, it } from 'vitest'
import {
  AWS_STS_LIMITS,
  checkDuration,
  checkExternalId,
  checkRoleArn,
  checkSessionPolicy,
  checkStsName,
} from './aws-sts-limits'

const code = (fn: () => unknown) => {
  try {
    fn()
  } catch (error) {
    return (error as { code?: string }).code
  }
  return 'no error'
}

describe('AWS STS limits', () => {
  it('durations: 900..max inclusive; 0, NaN, fractions and out-of-range rejected', () => {
    const max = AWS_STS_LIMITS.assumeRole.maxDurationSeconds
    expect(checkDuration(900, max, 'AssumeRole')).toBe(900)
    expect(checkDuration(max, max, 'AssumeRole')).toBe(max)
    for (const bad of [899, max + 1, 0, -900, Number.NaN, 900.5, Number.POSITIVE_INFINITY]) {
      expect(code(() => checkDuration(bad, max, 'AssumeRole'))).toBe('InvalidDuration')
    }
    expect(AWS_STS_LIMITS.getFederationToken.maxDurationSeconds).toBe(129_600)
    expect(AWS_STS_LIMITS.minio.maxDurationSeconds).toBe(604_800)
  })

  it('session policy: 2048 characters pass, 2049 do not; characters above U+00FF do not', () => {
    expect(checkSessionPolicy('a'.repeat(2048))).toHaveLength(2048)
    expect(code(() => checkSessionPolicy('a'.repeat(2049)))).toBe('PolicyTooLarge')
    expect(code(() => checkSessionPolicy('{"a":"相"}'))).toBe('InvalidScope')
    expect(checkSessionPolicy('{"a":"é\t"}')).toBe('{"a":"é\t"}')
  })

  it('names: RoleSessionName 2..64, federation Name 2..32, charset [\\w+=,.@-]', () => {
    expect(checkStsName('roleSessionName', 'ab', AWS_STS_LIMITS.roleSessionName)).toBe('ab')
    expect(
      checkStsName('roleSessionName', 'a'.repeat(64), AWS_STS_LIMITS.roleSessionName),
    ).toHaveLength(64)
    for (const bad of ['a', 'a'.repeat(65), 'has space', 'slash/no', '']) {
      expect(code(() => checkStsName('roleSessionName', bad, AWS_STS_LIMITS.roleSessionName))).toBe(
        'InvalidConfig',
      )
    }
    expect(
      code(() => checkStsName('federationName', 'a'.repeat(33), AWS_STS_LIMITS.federationName)),
    ).toBe('InvalidConfig')
  })

  it('role ARN and external id', () => {
    expect(checkRoleArn('arn:aws:iam::123456789012:role/uploader', true)).toContain('uploader')
    expect(checkRoleArn('arn:aws-cn:iam::123456789012:role/path/uploader', true)).toContain('path')
    expect(code(() => checkRoleArn('arn:aws:iam::12345:role/uploader', true))).toBe('InvalidConfig')
    expect(code(() => checkRoleArn('short', false))).toBe('InvalidConfig')
    expect(checkRoleArn('arn:minio:iam:::role/anything', false)).toContain('minio')
    expect(checkExternalId('ab')).toBe('ab')
    expect(code(() => checkExternalId('a'))).toBe('InvalidConfig')
    expect(code(() => checkExternalId('x'.repeat(1225)))).toBe('InvalidConfig')
    expect(code(() => checkExternalId('bad id'))).toBe('InvalidConfig')
  })
})
