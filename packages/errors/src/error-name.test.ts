import { build } from 'esbuild'
import { describe, expect, it } from 'vitest'
import { StorageBackendError, StorageError } from './storage-error'
import { StorageSDKError } from './storage-sdk-error'
import { STSError, STSRequestError, STSSignatureError } from './sts-error'
import { ValidationError } from './validation-error'

const CLASSES = {
  StorageSDKError,
  STSError,
  STSRequestError,
  STSSignatureError,
  StorageError,
  StorageBackendError,
  ValidationError,
}

describe('the name of each error class', () => {
  it('is inherited from the prototype, not an own property of each error', () => {
    for (const [name, ErrorClass] of Object.entries(CLASSES)) {
      const error = new ErrorClass('m', { code: 'C' })
      expect(error.name).toBe(name)
      expect(ErrorClass.prototype.name).toBe(name)
      expect(Object.hasOwn(error, 'name')).toBe(false)
      expect(error.stack?.split('\n')[0]).toBe(`${name}: m`)
    }
  })

  it('can be assigned, on one error only, as a subclass constructor may do', () => {
    class UploadAborted extends StorageError {
      constructor() {
        super('aborted by the user', { code: 'Aborted' })
        this.name = 'UploadAborted'
      }
    }
    const error = new UploadAborted()
    expect(error.name).toBe('UploadAborted')
    expect(String(error)).toBe('UploadAborted [Aborted]: aborted by the user')
    expect(JSON.parse(JSON.stringify(error)).name).toBe('UploadAborted')
    expect(new StorageError('m', { code: 'C' }).name).toBe('StorageError')
    const renamed = new ValidationError('m', { code: 'C' })
    renamed.name = 'Custom'
    expect(Object.getOwnPropertyDescriptor(renamed, 'name')).toEqual({
      value: 'Custom',
      writable: true,
      enumerable: true,
      configurable: true,
    })
  })
})

describe('tree-shaking', () => {
  // `ignoreAnnotations` ignores `sideEffects: false`, so each module counts as it would inside
  // the single-file dist: only side-effect-free class definitions can be dropped.
  it('leaves the unused classes out of a bundle that imports one', async () => {
    const result = await build({
      stdin: {
        contents: "export { ValidationError } from './src/index.ts'",
        resolveDir: new URL('..', import.meta.url).pathname,
        loader: 'ts',
      },
      bundle: true,
      minify: true,
      write: false,
      format: 'esm',
      platform: 'browser',
      ignoreAnnotations: true,
    })
    const code = result.outputFiles[0]?.text ?? ''
    expect(code).toContain('"ValidationError"')
    expect(code).toContain('"StorageSDKError"')
    for (const unused of ['STSError', 'STSRequestError', 'StorageError', 'StorageBackendError']) {
      expect(code).not.toContain(`"${unused}"`)
    }
  })
})
