import { describe, expect, it } from 'vitest'
import { detectContentType, resolveContentType } from './content-type'

describe('detectContentType', () => {
  it('uses the extension, case-insensitively', () => {
    expect(detectContentType('docs/readme.txt')).toBe('text/plain')
    expect(detectContentType('a/B.PNG')).toBe('image/png')
    expect(detectContentType('图片/猫.jpg')).toBe('image/jpeg')
    expect(detectContentType('x.svg')).toBe('image/svg+xml')
    expect(detectContentType('x.html')).toBe('text/html')
  })

  it('falls back to application/octet-stream', () => {
    expect(detectContentType('noext')).toBe('application/octet-stream')
    expect(detectContentType('dir.d/noext')).toBe('application/octet-stream')
    expect(detectContentType('x.unknownext')).toBe('application/octet-stream')
  })

  it('prefers the given type', () => {
    expect(resolveContentType('a.png', 'image/webp')).toBe('image/webp')
    expect(resolveContentType('a.png', '')).toBe('image/png')
  })
})
