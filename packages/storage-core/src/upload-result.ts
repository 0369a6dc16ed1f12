import { z } from 'zod'

/**
 * Zod schema of {@link UploadResult}.
 *
 * @example
 * ```ts
 * UploadResultSchema.parse({
 *   url: 'file:///x',
 *   objectName: 'x',
 *   size: 1,
 *   etag: '"a"',
 *   contentType: 'text/plain',
 * })
 * ```
 */
export const UploadResultSchema = z.object({
  /** `getFileUrl(objectName)` at upload time. */
  url: z.string(),
  objectName: z.string(),
  size: z.number().int().nonnegative(),
  etag: z.string(),
  contentType: z.string(),
})

/** What `uploadFile` returns. */
export type UploadResult = z.infer<typeof UploadResultSchema>
