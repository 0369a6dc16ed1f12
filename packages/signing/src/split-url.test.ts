import { describe, expect, it } from 'vitest'
import { splitUrl } from './split-url'

describe('splitUrl', () => {
  it('keeps dot segments, double slashes and the raw query; drops fragment and userinfo', () => {
    expect(splitUrl('HTTPS://User:pw@Bucket.S3.AmazonAWS.com:443//a/../b/./c?x=1&y#frag')).toEqual({
      protocol: 'https:',
      host: 'bucket.s3.amazonaws.com',
      path: '//a/../b/./c',
      query: 'x=1&y',
    })
  })

  it('keeps non-default ports and IPv6 hosts', () => {
    expect(splitUrl('http://127.0.0.1:9000/b/k').host).toBe('127.0.0.1:9000')
    expect(splitUrl('http://[::1]:9000/b').host).toBe('[::1]:9000')
    expect(splitUrl('http://[::1]/b').host).toBe('[::1]')
    expect(splitUrl('http://h:80/').host).toBe('h')
  })

  it('defaults the path to / and reads URL objects', () => {
    expect(splitUrl('https://h?a=1')).toEqual({
      protocol: 'https:',
      host: 'h',
      path: '/',
      query: 'a=1',
    })
    expect(splitUrl('https://h')).toMatchObject({ path: '/', query: '' })
    expect(splitUrl(new URL('https://h:8443/a%20b?q=1'))).toEqual({
      protocol: 'https:',
      host: 'h:8443',
      path: '/a%20b',
      query: 'q=1',
    })
  })

  it('rejects relative or hostless URLs with a ValidationError', () => {
    for (const bad of ['/relative', 'https:///x', 'nope', '']) {
      expect(() => splitUrl(bad)).toThrowError(expect.objectContaining({ code: 'InvalidArgument' }))
    }
  })
})
