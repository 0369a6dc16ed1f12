/**
 * Object keys every backend must refuse with `InvalidObjectKey` before any I/O: traversal
 * (`..`, `.`, encoded dots), absolute and Windows paths, backslashes, control characters,
 * empty segments, lone surrogates and keys over 1,024 UTF-8 bytes (also in CJK, where the
 * UTF-16 length is far below the limit).
 *
 * @example
 * ```ts
 * import { HOSTILE_KEYS } from '@aury/storage-core/testing'
 * for (const key of HOSTILE_KEYS) await expect(storage.stat(key)).rejects.toThrow()
 * ```
 */
export const HOSTILE_KEYS: readonly string[] = [
  '',
  '/',
  '/etc/passwd',
  '//server/share/x',
  '/../x',
  '.',
  '..',
  './x',
  '../x',
  '../../etc/passwd',
  'a/..',
  'a/.',
  'a/./b',
  'a/../b',
  'a/../../x',
  'a/b/../../../x',
  '..\\x',
  'a\\b',
  'a\\..\\..\\x',
  '\\\\server\\share\\x',
  'C:\\Windows\\x',
  'C:x',
  'c:/windows/system.ini',
  '%2e%2e/x',
  '%2E%2E/x',
  'a/%2e%2e/b',
  '%2e/x',
  '..%2fx',
  '%2e%2e%2fx',
  '%2e%2e%5cx',
  'a\u0000b',
  '\u0000',
  'ok.txt\u0000.png',
  'a\nb',
  'a\rb',
  'a\tb',
  '\u001b[31mred',
  'a\u007fb',
  'a\u0085b',
  'a//b',
  'a///../x',
  'x'.repeat(1025),
  '中'.repeat(342),
  'a/\ud800',
  '\udc00x',
]
