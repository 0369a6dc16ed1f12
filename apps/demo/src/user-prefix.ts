/** What a user id may be: 1-64 ASCII letters and digits. */
export const USER_ID_PATTERN = /^[A-Za-z0-9]{1,64}$/

/** Whether `userId` is acceptable (letters and digits only). */
export function isValidUserId(userId: unknown): userId is string {
  return typeof userId === 'string' && USER_ID_PATTERN.test(userId)
}

/** The prefix a user may write under: `user/<userId>/`. */
export function userPrefix(userId: string): string {
  return `user/${userId}/`
}

/**
 * Whether `key` lies under `prefix` and stays there: no `.`/`..` segments, no empty segments,
 * no control characters or backslashes, and a non-empty name after the prefix.
 */
export function isKeyUnder(key: string, prefix: string): boolean {
  if (!key.startsWith(prefix) || key.length === prefix.length) return false
  // biome-ignore lint/suspicious/noControlCharactersInRegex: rejecting control characters
  if (/[\u0000-\u001f\u007f\\]/.test(key)) return false
  return key
    .slice(prefix.length)
    .split('/')
    .every((segment) => segment !== '' && segment !== '.' && segment !== '..')
}
