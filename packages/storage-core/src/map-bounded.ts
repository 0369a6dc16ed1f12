import { ErrorCode, ValidationError } from '@aury/errors'

/** Outcome of one item of {@link mapBounded}. */
export type Settled<R> = { ok: true; value: R } | { ok: false; error: unknown }

/**
 * Run `fn` over `items` with at most `concurrency` calls in flight; outcomes in input order.
 * Never rejects because of an item; every item is attempted.
 *
 * @example
 * ```ts
 * const outcomes = await mapBounded(keys, 8, (key) => storage.deleteFile(key))
 * ```
 */
export async function mapBounded<T, R>(
  items: readonly T[],
  concurrency: number,
  fn: (item: T, index: number) => Promise<R>,
): Promise<Settled<R>[]> {
  if (!Number.isSafeInteger(concurrency) || concurrency < 1) {
    throw new ValidationError('concurrency must be a positive integer', {
      code: ErrorCode.InvalidArgument,
      field: 'concurrency',
    })
  }
  const out: Settled<R>[] = new Array(items.length)
  let next = 0
  const worker = async () => {
    while (next < items.length) {
      const index = next++
      try {
        out[index] = { ok: true, value: await fn(items[index] as T, index) }
      } catch (error) {
        out[index] = { ok: false, error }
      }
    }
  }
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker))
  return out
}
