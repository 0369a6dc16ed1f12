import { ErrorCode, StorageError, type StorageSDKError } from '@aury/errors'

/** One failed item of a batch. */
export interface BatchFailure {
  /** Position in the input array. */
  index: number
  /** The object key the item was about. */
  objectName: string
  error: StorageSDKError | Error
}

/**
 * The aggregate error of `uploadFiles` and `deleteFiles` (code `BatchFailed`): `failures` names
 * every failed item by index and key; `results` holds the successful results in input order
 * (`undefined` at failed positions).
 *
 * @example
 * ```ts
 * try { await storage.uploadFiles(files) } catch (e) {
 *   if (e instanceof StorageBatchError) for (const f of e.failures) retryLater(f.objectName)
 * }
 * ```
 */
export class StorageBatchError<T = unknown> extends StorageError {
  readonly failures: readonly BatchFailure[]
  readonly results: readonly (T | undefined)[]

  constructor(
    operation: string,
    failures: readonly BatchFailure[],
    results: readonly (T | undefined)[],
  ) {
    const names = failures
      .slice(0, 5)
      .map((f) => `#${f.index} ${JSON.stringify(f.objectName.slice(0, 100))}`)
      .join(', ')
    const more = failures.length > 5 ? ` and ${failures.length - 5} more` : ''
    super(`${operation}: ${failures.length} of ${results.length} failed: ${names}${more}`, {
      code: ErrorCode.BatchFailed,
      details: {
        failures: failures.map((f) => ({
          index: f.index,
          objectName: f.objectName,
          code: (f.error as { code?: unknown }).code ?? 'Error',
        })),
      },
    })
    this.failures = failures
    this.results = results
  }
}
