/**
 * The built renderer's files as both hosts serve them (the Electron shell's app:// protocol and the
 * browser host): which file a URL path names (never one outside the renderer folder), its content
 * type, and the security headers every response carries. No `electron` import.
 */
import { existsSync, statSync } from 'node:fs'
import path from 'node:path'
import { rendererCsp } from './window-csp'

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.wasm': 'application/wasm',
  '.map': 'application/json; charset=utf-8'
}

/** The content type for a file by its extension; unknown ones are plain bytes (with nosniff, never run). */
export function contentType(file: string): string {
  return CONTENT_TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream'
}

/** A file under `root` for a URL path, or null (never anything outside `root`, however encoded). */
export function resolveRendererFile(root: string, urlPath: string): string | null {
  let decoded: string
  try {
    decoded = decodeURIComponent(urlPath)
  } catch {
    return null
  }
  if (decoded.includes('\0')) return null
  const base = path.resolve(root)
  const relative = decoded === '/' ? 'index.html' : decoded.replace(/^[/\\]+/, '')
  const file = path.resolve(base, relative)
  if (file !== base && !file.startsWith(base + path.sep)) return null
  return existsSync(file) && statSync(file).isFile() ? file : null
}

/** Headers on every renderer response: the CSP (also in index.html's <meta>), no sniffing, no cache. */
export function rendererHeaders(file: string): Record<string, string> {
  return {
    'Content-Type': contentType(file),
    'Content-Security-Policy': rendererCsp('header'),
    'X-Content-Type-Options': 'nosniff',
    'Cache-Control': 'no-store'
  }
}
