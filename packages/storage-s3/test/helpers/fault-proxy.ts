import { createServer, type IncomingMessage, request, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'

/** One request seen by the proxy. */
export interface SeenRequest {
  method: string
  url: string
  headers: Record<string, string | string[] | undefined>
  /** The request body, kept only for POST requests below 64 KiB (DeleteObjects XML). */
  body?: Buffer
  status?: number
  injected?: boolean
}

/** What to do with a request: forward it (undefined), or answer with this status and S3 code. */
export type FaultRule = (
  req: IncomingMessage,
  index: number,
) => { status: number; code: string } | undefined

/**
 * A reverse proxy on 127.0.0.1 in front of a real S3 server, for fault injection: each request is
 * forwarded unchanged unless `rule` says to answer with an error instead (the request body is
 * drained first, like a server that fails after reading).
 */
export interface FaultProxy {
  endpoint: string
  seen: SeenRequest[]
  /** Most requests matching `track` that were open at the same time. */
  maxConcurrent(): number
  setTrack(track: ((req: IncomingMessage) => boolean) | undefined): void
  setRule(rule: FaultRule | undefined): void
  stop(): Promise<void>
}

export async function startFaultProxy(target: string): Promise<FaultProxy> {
  const upstream = new URL(target)
  const seen: SeenRequest[] = []
  let rule: FaultRule | undefined
  let track: ((req: IncomingMessage) => boolean) | undefined
  let open = 0
  let maxOpen = 0
  const server: Server = createServer((req, res) => {
    const entry: SeenRequest = {
      method: req.method ?? '',
      url: req.url ?? '',
      headers: req.headers,
    }
    if (req.method === 'POST') {
      const chunks: Buffer[] = []
      let size = 0
      req.on('data', (c: Buffer) => {
        size += c.length
        if (size < 65536) chunks.push(c)
      })
      req.on('end', () => {
        if (size < 65536) entry.body = Buffer.concat(chunks)
      })
    }
    seen.push(entry)
    if (track?.(req)) {
      open += 1
      maxOpen = Math.max(maxOpen, open)
      res.on('close', () => {
        open -= 1
      })
    }
    const fault = rule?.(req, seen.length - 1)
    if (fault) {
      entry.status = fault.status
      entry.injected = true
      req.resume()
      req.on('end', () => {
        res.writeHead(fault.status, {
          'content-type': 'application/xml',
          'x-amz-request-id': 'FAULT',
        })
        res.end(
          `<?xml version="1.0" encoding="UTF-8"?><Error><Code>${fault.code}</Code>` +
            `<Message>injected</Message><RequestId>FAULT</RequestId></Error>`,
        )
      })
      return
    }
    const out = request(
      {
        host: upstream.hostname,
        port: upstream.port,
        method: req.method,
        path: req.url,
        headers: req.headers,
      },
      (up) => {
        entry.status = up.statusCode
        res.writeHead(up.statusCode ?? 502, up.headers)
        up.pipe(res)
      },
    )
    out.on('error', () => {
      res.destroy()
    })
    req.pipe(out)
  })
  server.keepAliveTimeout = 1000
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    endpoint: `http://127.0.0.1:${port}`,
    seen,
    maxConcurrent: () => maxOpen,
    setTrack(next) {
      track = next
      open = 0
      maxOpen = 0
    },
    setRule(next) {
      rule = next
    },
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}
