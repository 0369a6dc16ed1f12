import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { vectorsDir } from '@aury/testkit/vectors'
import { describe, expect, it } from 'vitest'
import { implementations } from './implementations'

const dir = vectorsDir()
const s3 = JSON.parse(readFileSync(join(dir, 's3-doc-examples.json'), 'utf8'))
const aliyun = JSON.parse(readFileSync(join(dir, 'aliyun-signatures.json'), 'utf8'))
const s3Case = (name: string) => s3.cases.find((c: { name: string }) => c.name === name)
const aliyunCase = (name: string) => aliyun.cases.find((c: { name: string }) => c.name === name)

function amzToDate(amz: string): Date {
  return new Date(
    `${amz.slice(0, 4)}-${amz.slice(4, 6)}-${amz.slice(6, 8)}T${amz.slice(9, 11)}:${amz.slice(11, 13)}:${amz.slice(13, 15)}Z`,
  )
}

describe.each(implementations)('S3 documentation examples ($name)', ({ api }) => {
  it('presigned GET object', async () => {
    const v = s3Case('presigned-get-object')
    expect(v).toBeDefined()
    const r = await api.presignV4Detailed(
      { method: v.method, url: `https://${v.host}${v.path}` },
      {
        ...s3.credentials,
        region: v.region,
        service: v.service,
        date: amzToDate(v.amzDate),
        expiresIn: v.expiresSeconds,
      },
    )
    expect(r.canonicalRequest.split('\n')[2]).toBe(v.canonicalQuery)
    expect(r.canonicalRequest.endsWith(`\n${v.payload}`)).toBe(true)
    expect(r.signature).toBe(v.signature)
    expect(r.url).toBe(
      `https://${v.host}${v.path}?${v.canonicalQuery}&X-Amz-Signature=${v.signature}`,
    )
  })

  it('POST policy signature', async () => {
    const v = s3Case('post-policy-browser-upload')
    expect(v).toBeDefined()
    const signature = await api.signPostPolicyV4(v.policyBase64, {
      secretAccessKey: s3.credentials.secretAccessKey,
      region: v.region,
      service: v.service,
      date: v.date,
    })
    expect(signature).toBe(v.signature)
    const viaDate = await api.signPostPolicyV4(v.policyBase64, {
      secretAccessKey: s3.credentials.secretAccessKey,
      region: v.region,
      date: amzToDate(`${v.date}T120000Z`),
    })
    expect(viaDate).toBe(v.signature)
  })
})

describe.each(implementations)('Aliyun documentation examples ($name)', ({ api }) => {
  it('RPC v1 HMAC-SHA1 (DescribeRegions)', async () => {
    const v = aliyunCase('rpc-v1-get-describe-regions')
    expect(api.buildAliyunRpcV1StringToSign(v.method, v.params)).toBe(v.stringToSign)
    const signed = await api.signAliyunRpcV1(v.params, {
      method: v.method,
      accessKeyId: v.params.AccessKeyId,
      accessKeySecret: v.accessKeySecret,
    })
    expect(signed.Signature).toBe(v.signature)
    const { Signature, ...rest } = signed
    expect(rest).toEqual(v.params)
  })

  it('RPC v1 fills the common parameters from options', async () => {
    const signed = await api.signAliyunRpcV1(
      { Action: 'AssumeRole', Version: '2015-04-01', Format: 'JSON' },
      {
        method: 'post',
        accessKeyId: 'id',
        accessKeySecret: 'secret',
        securityToken: 'tok',
        date: new Date('2016-02-23T12:46:24.900Z'),
        nonce: 'n1',
      },
    )
    expect(signed).toMatchObject({
      AccessKeyId: 'id',
      SignatureMethod: 'HMAC-SHA1',
      SignatureVersion: '1.0',
      Timestamp: '2016-02-23T12:46:24Z',
      SignatureNonce: 'n1',
      SecurityToken: 'tok',
    })
    const { Signature, ...params } = signed
    const sts = api.buildAliyunRpcV1StringToSign('POST', params)
    expect(sts.startsWith('POST&%2F&AccessKeyId%3Did%26Action%3DAssumeRole')).toBe(true)
    const { createHmac } = await import('node:crypto')
    expect(Signature).toBe(createHmac('sha1', 'secret&').update(sts).digest('base64'))
  })

  it('V3 ACS3-HMAC-SHA256 (RunInstances)', async () => {
    const v = aliyunCase('v3-acs3-run-instances')
    const query = Object.entries(v.query as Record<string, string>)
      .map(([k, val]) => `${k}=${encodeURIComponent(val)}`)
      .join('&')
    const { host, ...headers } = v.headers
    const r = await api.signACS3Detailed(
      { method: v.method, url: `https://${host}${v.path}?${query}`, headers, body: v.body },
      { accessKeyId: 'YourAccessKeyId', accessKeySecret: v.accessKeySecret },
    )
    expect(await api.sha256Hex(r.canonicalRequest)).toBe(v.hashedCanonicalRequest)
    expect(r.signature).toBe(v.signature)
    expect(r.headers.Authorization).toBe(
      `ACS3-HMAC-SHA256 Credential=YourAccessKeyId,SignedHeaders=host;x-acs-action;x-acs-content-sha256;x-acs-date;x-acs-signature-nonce;x-acs-version,Signature=${v.signature}`,
    )
    // The same request with date, nonce and body hash coming from options.
    const generated = await api.signACS3Detailed(
      {
        method: v.method,
        url: `https://${host}${v.path}?${query}`,
        headers: {
          'x-acs-action': headers['x-acs-action'],
          'x-acs-version': headers['x-acs-version'],
        },
      },
      {
        accessKeyId: 'YourAccessKeyId',
        accessKeySecret: v.accessKeySecret,
        date: new Date(headers['x-acs-date']),
        nonce: headers['x-acs-signature-nonce'],
      },
    )
    expect(generated.signature).toBe(v.signature)
    expect(generated.headers['x-acs-content-sha256']).toBe(headers['x-acs-content-sha256'])
  })

  it('ACS3 signs the security token and draws a fresh nonce per call', async () => {
    const request = {
      method: 'POST',
      url: 'https://sts.aliyuncs.com/',
      headers: { 'x-acs-action': 'AssumeRole' },
    }
    const a = await api.signACS3Detailed(request, {
      accessKeyId: 'i',
      accessKeySecret: 's',
      securityToken: 'tok',
    })
    const b = await api.signACS3Detailed(request, { accessKeyId: 'i', accessKeySecret: 's' })
    expect(a.signedHeaders).toContain('x-acs-security-token')
    expect(a.headers['x-acs-signature-nonce']).toMatch(/^[0-9a-f]{32}$/)
    expect(a.headers['x-acs-signature-nonce']).not.toBe(b.headers['x-acs-signature-nonce'])
  })
})
