import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import type { EarshotApi } from '../shared/contract'
import { getApi } from './api'
import { App } from './App'
import { NoApi } from './shell/NoApi'
import './styles.css'
import { errorText } from '../shared/error-text'

const container = document.getElementById('root')
if (container === null) throw new Error('index.html has no #root element')

let api: EarshotApi | null = null
let reason = ''
try {
  api = getApi()
} catch (error) {
  reason = errorText(error)
}

createRoot(container).render(<StrictMode>{api === null ? <NoApi reason={reason} /> : <App api={api} />}</StrictMode>)
