import { createHash, randomBytes } from 'node:crypto'

export const MiB = 1024 * 1024

export function sha256(data: Uint8Array): string {
  return createHash('sha256').update(data).digest('hex')
}

export function bytes(size: number): Uint8Array<ArrayBuffer> {
  return new Uint8Array(randomBytes(size))
}

/** An async iterable of `size` pseudo-random bytes in `chunk`-sized pieces, of unknown length. */
export function generated(size: number, chunk = 64 * 1024) {
  const hash = createHash('sha256')
  const block = randomBytes(chunk)
  let digest: string | undefined
  async function* iterate(): AsyncGenerator<Uint8Array> {
    let sent = 0
    let n = 0
    while (sent < size) {
      const len = Math.min(chunk, size - sent)
      const piece = Buffer.from(block.subarray(0, len))
      if (len >= 4) piece.writeUInt32BE(n++ >>> 0, 0)
      hash.update(piece)
      sent += len
      yield piece
    }
    digest = hash.digest('hex')
  }
  return {
    iterable: iterate(),
    digest: () => {
      if (digest === undefined) throw new Error('stream not fully read')
      return digest
    },
  }
}
