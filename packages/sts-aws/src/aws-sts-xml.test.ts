import { describe, expect, it } from 'vitest'
import { parseAwsSTSError, parseAwsSTSResult } from './aws-sts-xml'

const ok = (op: string, inner = '') =>
  `<?xml version="1.0" encoding="UTF-8"?><${op}Response xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><${op}Result>${inner}<Credentials><AccessKeyId>ASIAEXAMPLE</AccessKeyId><SecretAccessKey>s3cr3t+/=</SecretAccessKey><SessionToken>tok&amp;en</SessionToken><Expiration>2026-01-01T00:15:00Z</Expiration></Credentials><PackedPolicySize>7</PackedPolicySize></${op}Result><ResponseMetadata><RequestId>req-1</RequestId></ResponseMetadata></${op}Response>`

describe('parseAwsSTSResult', () => {
  it('reads AssumeRole credentials, request id and packed size', () => {
    const r = parseAwsSTSResult(
      ok('AssumeRole', '<AssumedRoleUser><Arn>a</Arn></AssumedRoleUser>'),
      'AssumeRole',
    )
    expect(r).toEqual({
      accessKeyId: 'ASIAEXAMPLE',
      secretAccessKey: 's3cr3t+/=',
      sessionToken: 'tok&en',
      expiration: new Date('2026-01-01T00:15:00Z'),
      requestId: 'req-1',
      packedPolicySize: 7,
    })
  })

  it('reads GetFederationToken and the MinIO shape (empty Arn, no AssumedRoleUser ids)', () => {
    expect(parseAwsSTSResult(ok('GetFederationToken'), 'GetFederationToken')?.accessKeyId).toBe(
      'ASIAEXAMPLE',
    )
    const minio = ok(
      'AssumeRole',
      '<AssumedRoleUser><Arn></Arn><AssumeRoleId></AssumeRoleId></AssumedRoleUser>',
    )
    expect(parseAwsSTSResult(minio, 'AssumeRole')?.sessionToken).toBe('tok&en')
  })

  it('keeps numeric-looking values as strings', () => {
    const xml = ok('AssumeRole').replace('ASIAEXAMPLE', '0012345678901234')
    expect(parseAwsSTSResult(xml, 'AssumeRole')?.accessKeyId).toBe('0012345678901234')
  })

  it('rejects the wrong operation, missing fields and non-ISO expirations', () => {
    expect(parseAwsSTSResult(ok('AssumeRole'), 'GetFederationToken')).toBeUndefined()
    expect(
      parseAwsSTSResult(
        ok('AssumeRole').replace(/<SessionToken>.*<\/SessionToken>/, ''),
        'AssumeRole',
      ),
    ).toBeUndefined()
    expect(
      parseAwsSTSResult(
        ok('AssumeRole').replace('2026-01-01T00:15:00Z', '1767226500'),
        'AssumeRole',
      ),
    ).toBeUndefined()
    expect(parseAwsSTSResult('not xml <<<', 'AssumeRole')).toBeUndefined()
    expect(parseAwsSTSResult('', 'AssumeRole')).toBeUndefined()
  })

  it('refuses DOCTYPE and entity declarations (billion laughs, external entities) fast', () => {
    const lol = `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">${Array.from({ length: 9 }, (_, i) => `<!ENTITY lol${i + 1} "${`&lol${i || ''};`.repeat(10)}">`).join('')}]><AssumeRoleResponse><AssumeRoleResult><Credentials><AccessKeyId>&lol9;</AccessKeyId><SecretAccessKey>x</SecretAccessKey><SessionToken>y</SessionToken><Expiration>2026-01-01T00:00:00Z</Expiration></Credentials></AssumeRoleResult></AssumeRoleResponse>`
    const started = performance.now()
    expect(parseAwsSTSResult(lol, 'AssumeRole')).toBeUndefined()
    const xxe = `<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]><ErrorResponse><Error><Code>&x;</Code></Error></ErrorResponse>`
    expect(parseAwsSTSError(xxe)).toBeUndefined()
    expect(performance.now() - started).toBeLessThan(100)
  })
})

describe('parseAwsSTSError', () => {
  it('reads code, message, type and request id of an ErrorResponse', () => {
    const xml = `<ErrorResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><Error><Type>Sender</Type><Code>AccessDenied</Code><Message>not &lt;allowed&gt;</Message></Error><RequestId>r-9</RequestId></ErrorResponse>`
    expect(parseAwsSTSError(xml)).toEqual({
      code: 'AccessDenied',
      message: 'not <allowed>',
      type: 'Sender',
      requestId: 'r-9',
    })
  })

  it('reads a bare Error document and refuses non-error documents', () => {
    expect(
      parseAwsSTSError('<Error><Code>SlowDown</Code><RequestId>q</RequestId></Error>'),
    ).toEqual({
      code: 'SlowDown',
      message: '',
      requestId: 'q',
    })
    expect(parseAwsSTSError('<html>502 Bad Gateway</html>')).toBeUndefined()
    expect(parseAwsSTSError('{"Code":"x"}')).toBeUndefined()
  })
})
