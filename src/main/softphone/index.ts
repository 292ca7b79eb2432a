export { credentialsOf, publicConfig, softphoneDomain, type SoftphoneAccount } from './config'
export { digestResponse, type SipCredentials } from './digest'
export { softphoneConfig, softphoneHandlers, type SoftphoneDeps } from './handlers'
export { digestRefusal, type DigestScene } from './digest-policy'
