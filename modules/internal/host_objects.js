// What V8 calls host objects (objects a native binding made, with internal fields) and
// External values (a native pointer wrapped as a value), for the few places JS can tell them
// apart: util.types.isExternal, util.inspect's [External: address], and the v8 serializer,
// which hands a host object to _writeHostObject. Only internal modules make them; a guest's
// own object never counts as one.
const hostObjects = new WeakSet();
const externals = new WeakMap(); // external -> its "address"

let nextAddress = 0x1000;

export function markHostObject(obj) {
  hostObjects.add(obj);
  return obj;
}
export const isHostObject = (value) => typeof value === 'object' && value !== null && hostObjects.has(value);

export function makeExternal() {
  const external = Object.freeze(Object.create(null));
  nextAddress += 0x10;
  externals.set(external, nextAddress);
  return external;
}
export const isExternal = (value) => typeof value === 'object' && value !== null && externals.has(value);
export const externalAddress = (value) => externals.get(value);
