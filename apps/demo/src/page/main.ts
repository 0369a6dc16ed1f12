import { type UploadCredentials, type UploadProgress, upload } from '@aury/uploader'

interface DemoConfig {
  backend: string
  mode: 'sts' | 'presigned'
  maxUploadBytes: number
}

interface ListedFile {
  key: string
  size: number
  lastModified: string
  url: string
}

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T

const userInput = $<HTMLInputElement>('user-id')
const targetInput = $<HTMLInputElement>('target')
const allowed = $<HTMLElement>('allowed')
const fileInput = $<HTMLInputElement>('file-input')
const drop = $<HTMLLabelElement>('drop')
const uploads = $<HTMLUListElement>('uploads')
const filesBody = $<HTMLTableSectionElement>('files')
const filesEmpty = $<HTMLParagraphElement>('files-empty')

let config: DemoConfig = { backend: '?', mode: 'presigned', maxUploadBytes: 5 * 1024 ** 3 }
let targetEdited = false
const credentialCache = new Map<string, UploadCredentials & { expiration: string }>()
const MAX_PARALLEL_FILES = 3
let running = 0
const queue: (() => Promise<void>)[] = []

function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`
  const units = ['KB', 'MB', 'GB', 'TB']
  let value = bytes / 1024
  let unit = 0
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024
    unit++
  }
  return `${value < 10 ? value.toFixed(1) : Math.round(value)} ${units[unit]}`
}

function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  props: Partial<HTMLElementTagNameMap[K]> & { dataset?: Record<string, string> } = {},
  children: (Node | string)[] = [],
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag)
  const { dataset, ...rest } = props
  Object.assign(node, rest)
  for (const [k, v] of Object.entries(dataset ?? {})) node.dataset[k] = v
  node.append(...children)
  return node
}

function userId(): string {
  return userInput.value.trim()
}

function userPrefix(): string {
  return `user/${userId()}/`
}

function syncScope(): void {
  allowed.textContent = userPrefix()
  if (!targetEdited) targetInput.value = userPrefix()
}

async function readError(response: Response): Promise<string> {
  try {
    const body = (await response.json()) as { error?: { message?: string } }
    if (body.error?.message) return body.error.message
  } catch {
    // fall through
  }
  return `HTTP ${response.status}`
}

async function credentialsFor(user: string): Promise<UploadCredentials> {
  const cached = credentialCache.get(user)
  if (cached && Date.parse(cached.expiration) - Date.now() > 120_000) return cached
  const response = await fetch(`/api/upload-credentials?userId=${encodeURIComponent(user)}`)
  if (!response.ok) throw new Error(await readError(response))
  const credentials = (await response.json()) as UploadCredentials & { expiration: string }
  credentialCache.set(user, credentials)
  return credentials
}

function objectName(file: File): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: file names from the OS
  return file.name.replace(/[\u0000-\u001f\u007f\\/]/g, '_') || 'file'
}

function schedule(task: () => Promise<void>): void {
  queue.push(task)
  pump()
}

function pump(): void {
  while (running < MAX_PARALLEL_FILES && queue.length > 0) {
    const task = queue.shift()!
    running++
    task().finally(() => {
      running--
      pump()
    })
  }
}

function addFiles(list: FileList | File[]): void {
  const user = userId()
  if (!/^[A-Za-z0-9]{1,64}$/.test(user)) {
    userInput.focus()
    userInput.reportValidity()
    return
  }
  let folder = targetInput.value.trim().replace(/^\/+/, '')
  if (folder && !folder.endsWith('/')) folder += '/'
  for (const file of Array.from(list)) startUpload(file, `${folder}${objectName(file)}`, user)
}

function startUpload(file: File, key: string, user: string): void {
  const controller = new AbortController()
  const fill = el('div', { className: 'fill' })
  const status = el('span', { className: 'status', textContent: 'Waiting…' })
  const meta = el('span', { className: 'meta', textContent: formatBytes(file.size) })
  const cancel = el('button', { type: 'button', textContent: 'Cancel' })
  cancel.dataset.testid = 'cancel'
  const row = el(
    'li',
    { className: 'upload', dataset: { testid: 'upload-row', key, state: 'queued', percent: '0' } },
    [
      el('span', { className: 'name', title: key, textContent: key }),
      meta,
      el('div', { className: 'bar' }, [fill]),
      status,
      el('span', { className: 'actions' }, [cancel]),
    ],
  )
  uploads.prepend(row)
  cancel.addEventListener('click', () => controller.abort())

  const onProgress = (p: UploadProgress) => {
    row.dataset.percent = String(p.percent)
    row.dataset.loaded = String(p.loaded)
    fill.style.width = `${p.percent}%`
    meta.textContent = `${formatBytes(p.loaded)} / ${formatBytes(p.total)} · ${Math.floor(p.percent)} %`
  }

  schedule(async () => {
    if (controller.signal.aborted) {
      row.dataset.state = 'cancelled'
      status.textContent = 'Cancelled'
      cancel.hidden = true
      return
    }
    row.dataset.state = 'uploading'
    status.textContent = 'Uploading…'
    const started = performance.now()
    try {
      if (file.size > config.maxUploadBytes) {
        throw new Error(`This file is larger than the ${formatBytes(config.maxUploadBytes)} limit.`)
      }
      if (config.mode === 'sts') {
        const credentials = await credentialsFor(user)
        await upload({ file, key, credentials, onProgress, signal: controller.signal })
      } else {
        const response = await fetch('/api/upload-url', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({
            userId: user,
            key,
            contentType: file.type || 'application/octet-stream',
          }),
          signal: controller.signal,
        })
        if (!response.ok) throw new Error(await readError(response))
        const presignedPut = (await response.json()) as {
          url: string
          headers: Record<string, string>
        }
        await upload({ file, key, presignedPut, onProgress, signal: controller.signal })
      }
      const ms = performance.now() - started
      row.dataset.state = 'done'
      row.dataset.durationMs = String(Math.round(ms))
      const perSecond = file.size / Math.max(ms / 1000, 0.001)
      status.textContent = `Uploaded in ${(ms / 1000).toFixed(1)} s · ${formatBytes(perSecond)}/s`
      cancel.hidden = true
      void refreshFiles()
    } catch (error) {
      cancel.hidden = true
      const code = (error as { code?: string }).code
      if (controller.signal.aborted || code === 'Aborted') {
        row.dataset.state = 'cancelled'
        status.textContent = 'Cancelled: nothing was kept.'
      } else {
        row.dataset.state = 'error'
        row.dataset.code = code ?? 'Error'
        status.textContent = (error as Error).message || String(error)
      }
    }
  })
}

async function refreshFiles(): Promise<void> {
  const user = userId()
  if (!/^[A-Za-z0-9]{1,64}$/.test(user)) return
  const response = await fetch(`/api/files?prefix=${encodeURIComponent(userPrefix())}`)
  if (!response.ok) return
  const { files } = (await response.json()) as { files: ListedFile[] }
  filesBody.replaceChildren(
    ...files.map((f) => {
      const link = el('a', { href: f.url, textContent: 'Download', rel: 'noopener' })
      link.setAttribute('download', f.key.slice(f.key.lastIndexOf('/') + 1))
      link.dataset.testid = 'download'
      return el('tr', { dataset: { testid: 'file-row', key: f.key, size: String(f.size) } }, [
        el('td', { className: 'key', textContent: f.key.slice(userPrefix().length) || f.key }),
        el('td', { className: 'num', textContent: formatBytes(f.size) }),
        el('td', { textContent: new Date(f.lastModified).toLocaleString() }),
        el('td', { className: 'num' }, [link]),
      ])
    }),
  )
  filesEmpty.hidden = files.length > 0
}

async function init(): Promise<void> {
  const response = await fetch('/api/config')
  config = (await response.json()) as DemoConfig
  const mode = $<HTMLElement>('mode')
  mode.textContent =
    config.mode === 'sts'
      ? `${config.backend} · STS credentials`
      : `${config.backend} · presigned URLs`
  mode.dataset.mode = config.mode
  $<HTMLElement>('footer-backend').textContent =
    config.mode === 'sts'
      ? `Uploads are signed in this page with temporary credentials scoped to your folder (${config.backend}).`
      : `Uploads use presigned URLs issued by the server for your folder (${config.backend}).`
  syncScope()
  await refreshFiles()
  document.body.dataset.ready = 'true'
}

userInput.addEventListener('input', () => {
  syncScope()
  void refreshFiles()
})
targetInput.addEventListener('input', () => {
  targetEdited = targetInput.value.trim() !== '' && targetInput.value !== userPrefix()
})
fileInput.addEventListener('change', () => {
  if (fileInput.files?.length) addFiles(fileInput.files)
  fileInput.value = ''
})
drop.addEventListener('dragover', (event) => {
  event.preventDefault()
  drop.classList.add('over')
})
drop.addEventListener('dragleave', () => drop.classList.remove('over'))
drop.addEventListener('drop', (event) => {
  event.preventDefault()
  drop.classList.remove('over')
  if (event.dataTransfer?.files.length) addFiles(event.dataTransfer.files)
})
$<HTMLButtonElement>('refresh').addEventListener('click', () => void refreshFiles())

void init()
