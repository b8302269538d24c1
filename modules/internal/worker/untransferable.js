// Node's markAsUntransferable: objects that a transfer list copies instead of moving. Apart
// from the message codec so that node:buffer can mark its pool without loading the codec.
const untransferable = new WeakSet();

export function markAsUntransferable(object) {
  if ((typeof object === 'object' && object !== null) || typeof object === 'function') untransferable.add(object);
}
export const isMarkedAsUntransferable = (object) => untransferable.has(object);
