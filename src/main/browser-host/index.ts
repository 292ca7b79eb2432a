export { startBrowserHost, type BrowserHost } from './host'
export { resolveStaticFile, serveStatic } from './static'
