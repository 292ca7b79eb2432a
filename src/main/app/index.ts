export { createServices, type EarshotServices, type ServicesDeps } from './services'
export { openStore, type Store, type StoreOptions } from './store'
