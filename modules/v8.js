// node:v8 on QuickJS: heap figures from the real heap (process.memoryUsage), flags accepted;
// what needs V8 itself (snapshots, its serializer's wire format, coverage) fails when called.
import { notAvailable, unavailableClass, unavailableFunction } from 'qjsw:internal/unavailable';

export function cachedDataVersionTag() { return 0; }
export function getHeapStatistics() {
  const m = process.memoryUsage();
  const limit = Math.max(m.heapTotal, typeof process.constrainedMemory === 'function' ? process.constrainedMemory() || 0 : 0);
  return {
    total_heap_size: m.heapTotal, total_heap_size_executable: 0, total_physical_size: m.heapTotal,
    total_available_size: Math.max(0, limit - m.heapUsed), used_heap_size: m.heapUsed, heap_size_limit: limit,
    malloced_memory: m.external, peak_malloced_memory: m.external, does_zap_garbage: 0,
    number_of_native_contexts: 1, number_of_detached_contexts: 0, total_global_handles_size: 0,
    used_global_handles_size: 0, external_memory: m.external,
  };
}
export function getHeapSpaceStatistics() { return []; }
export function getHeapCodeStatistics() {
  return { code_and_metadata_size: 0, bytecode_and_metadata_size: 0, external_script_source_size: 0, cpu_profiler_metadata_size: 0 };
}
export function setFlagsFromString(flags) {
  if (typeof flags !== 'string') throw Object.assign(new TypeError(`The "flags" argument must be of type string. Received ${typeof flags}`), { code: 'ERR_INVALID_ARG_TYPE' });
}
export const getHeapSnapshot = unavailableFunction('getHeapSnapshot', 'v8.getHeapSnapshot');
export const writeHeapSnapshot = unavailableFunction('writeHeapSnapshot', 'v8.writeHeapSnapshot');
export const serialize = unavailableFunction('serialize', "v8.serialize (V8's wire format)");
export const deserialize = unavailableFunction('deserialize', "v8.deserialize (V8's wire format)");
export const Serializer = unavailableClass('Serializer', 'v8.Serializer');
export const Deserializer = unavailableClass('Deserializer', 'v8.Deserializer');
export const DefaultSerializer = unavailableClass('DefaultSerializer', 'v8.DefaultSerializer');
export const DefaultDeserializer = unavailableClass('DefaultDeserializer', 'v8.DefaultDeserializer');
export function takeCoverage() {}
export function stopCoverage() {}
export const promiseHooks = {
  onInit() { return () => {}; }, onSettled() { return () => {}; }, onBefore() { return () => {}; }, onAfter() { return () => {}; },
  createHook() { return () => {}; },
};
export const queryObjects = unavailableFunction('queryObjects', 'v8.queryObjects');
export const startupSnapshot = {
  isBuildingSnapshot() { return false; },
  addSerializeCallback() { throw notAvailable('v8.startupSnapshot'); },
  addDeserializeCallback() { throw notAvailable('v8.startupSnapshot'); },
  setDeserializeMainFunction() { throw notAvailable('v8.startupSnapshot'); },
};
export function setHeapSnapshotNearHeapLimit() {}
export const GCProfiler = class GCProfiler { start() {} stop() { return undefined; } };

export default {
  cachedDataVersionTag, getHeapSnapshot, getHeapStatistics, getHeapSpaceStatistics, getHeapCodeStatistics, setFlagsFromString,
  Serializer, Deserializer, DefaultSerializer, DefaultDeserializer, deserialize, takeCoverage, stopCoverage, serialize,
  writeHeapSnapshot, promiseHooks, queryObjects, startupSnapshot, setHeapSnapshotNearHeapLimit, GCProfiler,
};
