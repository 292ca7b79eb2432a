import { createContext, useContext } from 'react'
import type { EarshotApi } from '../../shared/contract'

/**
 * The api the records screens ask (customers, call log, audit). Provided by the operator's console
 * (App.tsx); the floor's customer panel reads it too, so the floor's components need no api prop.
 */
export const RecordsApiContext = createContext<EarshotApi | null>(null)

export function useRecordsApi(): EarshotApi {
  const api = useContext(RecordsApiContext)
  if (api === null) throw new Error('The records screens need a RecordsApiContext provider (App.tsx)')
  return api
}
