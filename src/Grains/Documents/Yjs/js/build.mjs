// Bundles entry.js and its dependencies into one IIFE script for V8 (no modules, no Node APIs).
// Usage: node build.mjs <outfile>. Grains.csproj runs it before compiling and embeds the result.
import { build } from 'esbuild'

const outfile = process.argv[2]
if (!outfile) {
  console.error('usage: node build.mjs <outfile>')
  process.exit(2)
}

await build({
  entryPoints: ['entry.js'],
  outfile,
  bundle: true,
  format: 'iife',
  // neutral: take the packages' plain ESM builds ("default" export conditions), none of their Node or browser shims
  platform: 'neutral',
  mainFields: ['module', 'main'],
  target: 'es2022',
  logLevel: 'warning'
})
