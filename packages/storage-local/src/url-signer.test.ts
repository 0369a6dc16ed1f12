import { describe, expect, it } from 'vitest'
import { timingSafeEqual, type UrlGrant, UrlSigner } from './url-signer'

const grant: UrlGrant = { method: 'GET', bucket: 'default', key: 'a/b.txt', expires: 2_000_000_000 }

describe('UrlSigner', () => {
  it('verifies its own signature and binds every field', async () => {
    const signer = new UrlSigner({ secret: 'x'.repeat(32), now: () => 1_000_000_000_000 })
    const sig = await signer.sign(grant)
    expect(sig).toMatch(/^[0-9a-f]{64}$/)
    expect(await signer.verify(grant, sig)).toBeUndefined()
    const variants: UrlGrant[] = [
      { ...grant, method: 'PUT' },
      { ...grant, bucket: 'other' },
      { ...grant, key: 'a/b.txT' },
      { ...grant, expires: grant.expires + 1 },
      { ...grant, contentType: 'text/html' },
      { ...grant, maxSize: 1 },
      { ...grant, fields: { acl: 'public' } },
    ]
    for (const v of variants) expect(await signer.verify(v, sig)).toBe('mismatch')
    const other = new UrlSigner({ secret: 'y'.repeat(32), now: () => 1_000_000_000_000 })
    expect(await other.verify(grant, sig)).toBe('mismatch')
  })

  it('checks expiry and shape before comparing', async () => {
    const signer = new UrlSigner({ secret: 'x'.repeat(32), now: () => 3_000_000_000_000 })
    const sig = await signer.sign(grant)
    expect(await signer.verify(grant, sig)).toBe('expired')
    for (const bad of ['', 'zz', sig.toUpperCase(), `${sig}00`, sig.slice(2)]) {
      expect(await signer.verify({ ...grant, expires: 4_000_000_000 }, bad)).toBe('malformed')
    }
  })

  it('refuses short secrets', () => {
    expect(() => new UrlSigner({ secret: 'short' })).toThrow(
      expect.objectContaining({ code: 'InvalidConfig' }),
    )
  })
})

describe('timingSafeEqual', () => {
  it('compares every byte and handles length mismatches without throwing', () => {
    const a = new Uint8Array(32).fill(7)
    expect(timingSafeEqual(a, a.slice())).toBe(true)
    for (const i of [0, 15, 31]) {
      const b = a.slice()
      b[i] = 8
      expect(timingSafeEqual(a, b)).toBe(false)
    }
    expect(timingSafeEqual(a, a.subarray(0, 31))).toBe(false)
    expect(timingSafeEqual(new Uint8Array(0), new Uint8Array(0))).toBe(true)
  })
})
