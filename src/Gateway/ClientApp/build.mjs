// Type-checks the web app (tsc --noEmit), then bundles it with esbuild into the gateway's wwwroot:
// app.js (one IIFE script with the SignalR client) and app.css. Usage: node build.mjs [outdir].
// Gateway.csproj runs it when the bundle is missing or older than its inputs.
import { build } from 'esbuild'
import { execFileSync } from 'node:child_process'
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

await build({
  absWorkingDir: here,
  entryPoints: { app: 'src/app.ts' }, // app.ts imports app.css: esbuild writes app.css beside app.js
  outdir,
  entryNames: '[name]',
  bundle: true,
  format: 'iife',
  platform: 'browser',
  target: ['es2022', 'chrome110', 'firefox110', 'safari16'],
  minify: true,
  sourcemap: 'linked',
  legalComments: 'linked',
  logLevel: 'warning'
})
