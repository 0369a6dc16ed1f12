import type { IncomingMessage, ServerResponse } from 'node:http'
import { Readable } from 'node:stream'
import type { LocalStorageHandler } from './local-storage-handler'

/**
 * Adapt a Fetch-API handler (such as {@link createLocalStorageHandler}'s) to `node:http`:
 * request bodies and response bodies are streamed, and a client that disconnects aborts the
 * request's `signal`.
 *
 * @example
 * ```ts
 * import { createServer } from 'node:http'
 * createServer(toNodeListener(handler)).listen(8080, '127.0.0.1')
 * ```
 */
export function toNodeListener(
  handler: LocalStorageHandler,
): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    const controller = new AbortController()
    res.on('close', () => {
      if (!res.writableFinished) controller.abort()
    })
    const headers = new Headers()
    for (const [name, value] of Object.entries(req.headers)) {
      if (value === undefined) continue
      for (const v of Array.isArray(value) ? value : [value]) headers.append(name, v)
    }
    const host = req.headers.host ?? '127.0.0.1'
    const method = req.method ?? 'GET'
    const hasBody = method !== 'GET' && method !== 'HEAD'
    const request = new Request(`http://${host}${req.url ?? '/'}`, {
      method,
      headers,
      body: hasBody ? (Readable.toWeb(req) as ReadableStream<Uint8Array>) : undefined,
      duplex: hasBody ? 'half' : undefined,
      signal: controller.signal,
    } as RequestInit)
    void (async () => {
      let response: Response
      try {
        response = await handler(request)
      } catch {
        response = new Response(null, { status: 500 })
      }
      const outHeaders: Record<string, string | string[]> = {}
      response.headers.forEach((value, name) => {
        outHeaders[name] = value
      })
      res.writeHead(response.status, outHeaders)
      if (!response.body || method === 'HEAD') {
        res.end()
        return
      }
      const reader = response.body.getReader()
      try {
        while (true) {
          const { done, value } = await reader.read()
          if (done) break
          if (!res.write(value)) {
            await new Promise<void>((resolve) => {
              const done = () => {
                res.off('drain', done)
                res.off('close', done)
                resolve()
              }
              res.on('drain', done)
              res.on('close', done)
            })
          }
          if (res.destroyed) break
        }
        res.end()
      } catch {
        res.destroy()
      } finally {
        reader.cancel().catch(() => undefined)
      }
      if (!req.complete) req.resume()
    })()
  }
}
