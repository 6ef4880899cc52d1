/**
 * The transport-independent core: one call body in, one envelope out.
 * The HTTP server and the WeChat cloud-function entry both come through dispatch() (cloud/dispatch.ts); this is the
 * dispatcher over every function.
 */
import type { Services } from './core/context'
import { registry } from './handlers'
import { createDispatcher, type App, type Logger } from './dispatch'

export { failure, type App, type Logger } from './dispatch'

export function createApp(services: Services, log: Logger = () => undefined): App {
  return createDispatcher(services, log, registry)
}
