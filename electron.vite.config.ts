import { resolve } from 'node:path'
import react from '@vitejs/plugin-react'
import { defineConfig, externalizeDepsPlugin } from 'electron-vite'
import type { Plugin } from 'vite'
import { rendererCsp } from './src/main/window-csp'

const CSP_META = /(<meta\s+http-equiv="Content-Security-Policy"\s+content=")([^"]*)("\s*\/?>)/i

/**
 * Keeps the CSP <meta> in src/renderer/index.html identical to src/main/window-csp.ts:
 * the production build fails if they differ, and the dev server swaps in the dev policy
 * (Vite injects inline <style> and the React Refresh preamble).
 */
function rendererCspMeta(): Plugin {
  let dev = false
  return {
    name: 'earshot:csp-meta',
    configResolved(config) {
      dev = config.command === 'serve'
    },
    transformIndexHtml: {
      order: 'pre',
      handler(html) {
        const match = CSP_META.exec(html)
        if (match === null) throw new Error('src/renderer/index.html must contain a Content-Security-Policy <meta>')
        const expected = rendererCsp('meta')
        if (match[2] !== expected) {
          throw new Error(
            `The CSP <meta> in src/renderer/index.html differs from rendererCsp('meta') in src/main/window-csp.ts.\n` +
              `  index.html: ${match[2]}\n  expected:   ${expected}`
          )
        }
        return dev ? html.replace(CSP_META, `$1${rendererCsp('meta', { dev: true })}$3`) : html
      }
    }
  }
}

export default defineConfig({
  main: {
    // Runtime dependencies (and, later, native modules such as keytar) stay in node_modules and
    // are require()d at run time; electron-builder rebuilds native ones for Electron.
    plugins: [externalizeDepsPlugin()],
    build: {
      rollupOptions: {
        input: { index: resolve(__dirname, 'src/main/index.ts') }
      }
    }
  },
  preload: {
    // A sandboxed preload can only require('electron') and a few built-ins, so everything else
    // is bundled in, and the output must be CommonJS.
    build: {
      rollupOptions: {
        input: { index: resolve(__dirname, 'src/preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].js' }
      }
    }
  },
  renderer: {
    root: resolve(__dirname, 'src/renderer'),
    plugins: [react(), rendererCspMeta()],
    build: {
      rollupOptions: {
        input: { index: resolve(__dirname, 'src/renderer/index.html') }
      }
    }
  }
})
