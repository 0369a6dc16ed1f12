import { describe, expect, it } from 'vitest'
import { implementations } from './implementations'

const options = { secretId: 'AKIDexample', secretKey: 'secret-key', service: 'cvm', timestamp: 1 }

describe.each(implementations)('TC3 canonical parts ($name)', ({ api }) => {
  it('re-reads the URL when it changes between calls (the last URL is remembered)', async () => {
    const sign = (url: string | URL) =>
      api.signTC3Detailed({ method: 'POST', url, body: '{}' }, options)
    const a = await sign('https://cvm.tencentcloudapi.com/a?x=1')
    const b = await sign('https://cvm.ap-guangzhou.tencentcloudapi.com/b%20c?y=2')
    const again = await sign('https://cvm.tencentcloudapi.com/a?x=1')
    expect(a.canonicalRequest).toBe(again.canonicalRequest)
    expect(a.canonicalRequest.split('\n').slice(1, 4)).toEqual([
      '/a',
      'x=1',
      'host:cvm.tencentcloudapi.com',
    ])
    expect(b.canonicalRequest.split('\n').slice(1, 4)).toEqual([
      '/b%20c',
      'y=2',
      'host:cvm.ap-guangzhou.tencentcloudapi.com',
    ])
    // A URL object can change between calls without changing identity: it is never remembered.
    const url = new URL('https://cvm.tencentcloudapi.com/one')
    const first = await sign(url)
    url.pathname = '/two'
    const second = await sign(url)
    expect(first.canonicalRequest.split('\n')[1]).toBe('/one')
    expect(second.canonicalRequest.split('\n')[1]).toBe('/two')
  })

  it('sorts headers by name, joins repeated names and lower-cases trimmed values', async () => {
    const signed = await api.signTC3Detailed(
      {
        method: 'POST',
        url: 'https://cvm.tencentcloudapi.com/',
        headers: {
          'X-A-B': ' Two ',
          'X-A': 'One',
          'Content-Type': 'application/json',
          'content-type': 'TEXT/plain',
          Host: 'cvm.tencentcloudapi.com',
        },
        body: '{}',
      },
      options,
    )
    // 'x-a' sorts before 'x-a-b' by name, although 'x-a:' sorts after 'x-a-b:' as text.
    expect(signed.signedHeaders).toBe('content-type;host;x-a;x-a-b')
    expect(signed.canonicalRequest.split('\n').slice(3, 7)).toEqual([
      'content-type:application/json,text/plain',
      'host:cvm.tencentcloudapi.com',
      'x-a:one',
      'x-a-b:two',
    ])
    expect(signed.headers).toMatchObject({ 'X-A-B': ' Two ', Host: 'cvm.tencentcloudapi.com' })
  })
})
