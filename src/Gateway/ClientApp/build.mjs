// Type-checks the web app (tsc --noEmit), then bundles it with esbuild into the gateway's wwwroot: app.js (an ES
// module with the shell, the screens and the SignalR client), app.css, and chunks/ (what is loaded only when
// needed: the document editor and the whiteboard with CodeMirror and Yjs), and the service worker sw.js, which
// caches exactly those files under a name made of their hash. Usage: node build.mjs [outdir].
// Gateway.csproj runs it when the bundle is missing or older than its inputs.
import { build } from 'esbuild'
import { execFileSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import { readFileSync, rmSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import path from 'node:path'

const here = path.dirname(fileURLToPath(import.meta.url))
const outdir = path.resolve(process.argv[2] ?? path.join(here, '..', 'wwwroot'))

try {
  execFileSync(process.execPath, [path.join(here, 'node_modules', 'typescript', 'bin', 'tsc'), '--noEmit', '-p', here], { stdio: 'inherit' })
} catch {
  console.error('error: the web app does not type-check (tsc output above)')
  process.exit(1)
}

rmSync(path.join(outdir, 'chunks'), { recursive: true, force: true }) // chunks of earlier builds have other hashes
const app = await build({
  absWorkingDir: here,
  entryPoints: { app: 'src/app.ts' }, // app.ts imports app.css: esbuild writes app.css beside app.js
  outdir,
  entryNames: '[name]',
  chunkNames: 'chunks/[name]-[hash]',
  bundle: true,
  format: 'esm',
  splitting: true,
  platform: 'browser',
  target: ['es2022', 'chrome110', 'firefox110', 'safari16'],
  minify: true,
  sourcemap: 'linked',
  legalComments: 'linked',
  logLevel: 'warning',
  metafile: true
})

// The shell the service worker keeps: index.html and every script and stylesheet the bundle wrote.
const shellFiles = ['/index.html', ...Object.keys(app.metafile.outputs)
  .map((file) => path.relative(outdir, path.resolve(here, file)).split(path.sep).join('/'))
  .filter((file) => /\.(js|css)$/.test(file))
  .sort()
  .map((file) => `/${file}`)]
const hash = createHash('sha256')
for (const file of shellFiles) {
  hash.update(file).update(readFileSync(path.join(outdir, file.slice(1))))
}
await build({
  absWorkingDir: here,
  entryPoints: { sw: 'src/service-worker.js' },
  outdir,
  entryNames: '[name]',
  bundle: false,
  platform: 'browser',
  target: ['es2022'],
  define: { SHELL_VERSION: JSON.stringify(hash.digest('hex').slice(0, 16)), SHELL_FILES: JSON.stringify(shellFiles) },
  logLevel: 'warning'
})
