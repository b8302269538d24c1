// node:trace_events in a build without tracing: what Node does then (ERR_TRACE_EVENTS_UNAVAILABLE).
import { nodeError } from 'qjsw:internal/errors';

export function createTracing() {
  throw nodeError(Error, 'ERR_TRACE_EVENTS_UNAVAILABLE', 'Trace events are unavailable');
}
export function getEnabledCategories() { return undefined; }

export default { createTracing, getEnabledCategories };
