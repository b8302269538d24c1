// Which objects are KeyObjects, for util.types.isKeyObject without loading node:crypto: the
// crypto module adds each KeyObject it makes (a guest's own object never counts as one).
export const keyObjects = new WeakSet();
