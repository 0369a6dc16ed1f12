import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { benchDir, repoRoot, versionOf } from '../harness/packages'
import type { Goal, Table } from '../harness/report'
import type { Suite } from '../harness/suite'

interface EntrySize {
  inputs?: Array<{ path: string; bytes: number }>
  min: number
  gzip: number
  brotli: number
  modules: number
}

interface SizeScript {
  ENTRIES: Array<{ name: string; code: string; budget?: number }>
  measureEntry(code: string, resolveDir?: string): Promise<EntrySize>
}

/** The AWS SDK (and small alternatives) doing the same jobs, bundled the same way. */
const anchorEntries = [
  {
    name: 'AWS SDK: S3Client + PutObjectCommand send',
    job: 'upload',
    code: "import { S3Client, PutObjectCommand } from '@aws-sdk/client-s3'\nexport const put = (config, Body) => new S3Client(config).send(new PutObjectCommand({ Bucket: 'b', Key: 'k', Body }))",
  },
  {
    name: 'AWS SDK: PutObject + s3-request-presigner getSignedUrl',
    job: 'upload',
    code: "import { S3Client, PutObjectCommand, GetObjectCommand } from '@aws-sdk/client-s3'\nimport { getSignedUrl } from '@aws-sdk/s3-request-presigner'\nexport const put = (config, Body) => new S3Client(config).send(new PutObjectCommand({ Bucket: 'b', Key: 'k', Body }))\nexport const url = (config) => getSignedUrl(new S3Client(config), new GetObjectCommand({ Bucket: 'b', Key: 'k' }))",
  },
  {
    name: 'AWS SDK: lib-storage Upload',
    job: 'upload',
    code: "import { S3Client } from '@aws-sdk/client-s3'\nimport { Upload } from '@aws-sdk/lib-storage'\nexport const up = (config, Body) => new Upload({ client: new S3Client(config), params: { Bucket: 'b', Key: 'k', Body } }).done()",
  },
  {
    name: 'AWS SDK: getSignedUrl (presign one GET)',
    job: 'presign',
    code: "import { S3Client, GetObjectCommand } from '@aws-sdk/client-s3'\nimport { getSignedUrl } from '@aws-sdk/s3-request-presigner'\nexport const url = (config) => getSignedUrl(new S3Client(config), new GetObjectCommand({ Bucket: 'b', Key: 'k' }))",
  },
  {
    name: '@smithy/signature-v4 SignatureV4',
    job: 'presign',
    code: "export { SignatureV4 } from '@smithy/signature-v4'",
  },
  {
    name: 'aws4fetch AwsV4Signer',
    job: 'presign',
    code: "export { AwsV4Signer } from 'aws4fetch'",
  },
  {
    name: 'qcloud-cos-sts getPolicy',
    job: 'policy',
    code: "import sts from 'qcloud-cos-sts'\nexport const policy = sts.getPolicy",
  },
]

const kib = (bytes: number) => (bytes / 1024).toFixed(2)

/**
 * Browser bundle sizes: our entries (the same list `scripts/size.mjs` budgets) and the AWS SDK
 * doing the same jobs, all bundled by esbuild for browsers, minified, gzip -9 and brotli 11.
 */
export const bundleSuite: Suite = {
  id: 'bundle',
  title: 'Browser bundle sizes (esbuild, minified)',
  async run() {
    const size = (await import(
      pathToFileURL(join(repoRoot, 'scripts/size.mjs')).href
    )) as SizeScript
    const rows: string[][] = []
    const measured = new Map<string, EntrySize>()
    const problems: string[] = []
    const goals: Goal[] = []
    const all = [
      ...size.ENTRIES.map((e) => ({
        ...e,
        ours: true,
        resolveDir: undefined as string | undefined,
      })),
      ...anchorEntries.map((e) => ({ ...e, ours: false, budget: undefined, resolveDir: benchDir })),
    ]
    for (const entry of all) {
      try {
        const s = await size.measureEntry(entry.code, entry.resolveDir)
        measured.set(entry.name, s)
        const budget = entry.budget
        rows.push([
          entry.name,
          kib(s.min),
          kib(s.gzip),
          kib(s.brotli),
          String(s.modules),
          budget === undefined ? '' : `${(budget / 1000).toFixed(1)} KB`,
          budget === undefined ? '' : s.gzip <= budget ? 'ok' : '**over**',
        ])
        if (budget !== undefined) {
          goals.push({
            name: `bundle budget: ${entry.name}`,
            target: `≤ ${budget} B min+gz`,
            measured: `${s.gzip} B`,
            met: s.gzip <= budget,
          })
        }
      } catch (error) {
        const err = error as { errors?: Array<{ text: string }>; message: string }
        const message = (err.errors?.[0]?.text ?? err.message).split('\n')[0] ?? ''
        rows.push([entry.name, 'build fails', '', '', '', '', message])
        if (entry.ours) problems.push(`bundle of ${entry.name} fails: ${message}`)
        if (entry.budget !== undefined) {
          goals.push({
            name: `bundle budget: ${entry.name}`,
            target: `≤ ${entry.budget} B min+gz`,
            measured: `build fails: ${message}`,
            met: false,
          })
        }
      }
    }
    const tables: Table[] = [
      {
        columns: ['entry', 'min KiB', 'min+gz KiB', 'brotli KiB', 'modules', 'budget', ''],
        rows,
      },
    ]
    const ratio = (a: string, b: string) => {
      const x = measured.get(a)
      const y = measured.get(b)
      return x && y ? `${(y.gzip / x.gzip).toFixed(1)}x smaller` : 'n/a'
    }
    const notes = [
      `uploader vs the SDK's PutObject + presigner: ${ratio('uploader: upload', 'AWS SDK: PutObject + s3-request-presigner getSignedUrl')}; vs lib-storage: ${ratio('uploader: upload', 'AWS SDK: lib-storage Upload')} (min+gz).`,
      `presignV4 vs getSignedUrl: ${ratio('SigV4 presign: presignV4', 'AWS SDK: getSignedUrl (presign one GET)')}; vs @smithy/signature-v4: ${ratio('SigV4 presign: presignV4', '@smithy/signature-v4 SignatureV4')} (min+gz).`,
      'Budgets are enforced by `node scripts/size.mjs` in `npm test` (1 KB = 1000 B of min+gzip); timing ratios are never asserted in CI.',
    ]
    for (const entry of size.ENTRIES) {
      const s = measured.get(entry.name)
      if (!s || entry.budget === undefined || s.gzip <= entry.budget) continue
      // Over budget: which modules the minified bytes come from.
      tables.push({
        caption: `Where the minified bytes of **${entry.name}** come from (${s.min} B minified, ${s.gzip} B gzipped)`,
        columns: ['module', 'minified bytes'],
        rows: (s.inputs ?? []).filter((i) => i.bytes > 0).map((i) => [i.path, String(i.bytes)]),
      })
    }
    return {
      id: 'bundle',
      title: this.title,
      method:
        'Each entry imports one named export (ours from the built packages, resolved through their `exports` with the `browser` condition) and is bundled by esbuild: platform browser, ESM, minified, tree-shaken, target es2020, `NODE_ENV=production`. Sizes in KiB of the minified bundle, gzip -9 and brotli 11.',
      tables,
      goals,
      notes,
      data: {
        sizes: Object.fromEntries(measured),
        versions: [
          '@aury/uploader',
          '@aury/policy',
          '@aury/signing',
          '@aws-sdk/client-s3',
          '@aws-sdk/s3-request-presigner',
          '@aws-sdk/lib-storage',
          '@smithy/signature-v4',
          'aws4fetch',
          'qcloud-cos-sts',
        ].map(versionOf),
        problems,
      },
    }
  },
}
