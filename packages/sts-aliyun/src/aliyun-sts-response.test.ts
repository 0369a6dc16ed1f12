import { describe, expect, it } from 'vitest'
import { parseAliyunSTSError, parseAliyunSTSResult } from './aliyun-sts-response'

const body = (credentials: Record<string, unknown>) =>
  JSON.stringify({
    RequestId: 'REQ-1',
    AssumedRoleUser: { Arn: 'a', AssumedRoleId: 'b' },
    Credentials: credentials,
  })
const good = {
  AccessKeyId: 'STS.NUgYrLnoC37mZZCNnAbez2E',
  AccessKeySecret: 'secret',
  SecurityToken: 'CAIS-token',
  Expiration: '2015-04-09T11:52:19Z',
}

describe('parseAliyunSTSResult', () => {
  it('maps the documented response', () => {
    expect(parseAliyunSTSResult(body(good))).toEqual({
      accessKeyId: good.AccessKeyId,
      accessKeySecret: 'secret',
      securityToken: 'CAIS-token',
      expiration: new Date('2015-04-09T11:52:19Z'),
      requestId: 'REQ-1',
    })
  })

  it('refuses missing fields, non-UTC or non-ISO expirations and non-JSON', () => {
    expect(parseAliyunSTSResult(body({ ...good, SecurityToken: '' }))).toBeUndefined()
    expect(parseAliyunSTSResult(body({ ...good, AccessKeySecret: 1 }))).toBeUndefined()
    expect(
      parseAliyunSTSResult(body({ ...good, Expiration: '2015-04-09 11:52:19' })),
    ).toBeUndefined()
    expect(
      parseAliyunSTSResult(body({ ...good, Expiration: '2015-04-09T11:52:19+08:00' })),
    ).toBeUndefined()
    expect(
      parseAliyunSTSResult(body({ ...good, Expiration: '2015-13-45T11:52:19Z' })),
    ).toBeUndefined()
    expect(parseAliyunSTSResult('[]')).toBeUndefined()
    expect(parseAliyunSTSResult('<xml/>')).toBeUndefined()
  })
})

describe('parseAliyunSTSError', () => {
  it('reads Code, Message and RequestId; refuses other bodies', () => {
    const text = JSON.stringify({
      RequestId: 'R',
      HostId: 'sts.aliyuncs.com',
      Code: 'NoPermission',
      Message: 'Roles may not be assumed by root accounts.',
      Recommend: 'https://api.aliyun.com/troubleshoot',
    })
    expect(parseAliyunSTSError(text)).toEqual({
      code: 'NoPermission',
      message: 'Roles may not be assumed by root accounts.',
      requestId: 'R',
    })
    expect(parseAliyunSTSError('{"Message":"no code"}')).toBeUndefined()
    expect(parseAliyunSTSError('<html/>')).toBeUndefined()
  })
})
