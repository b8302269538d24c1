// require('internal/linkedlist') under --expose-internals (see ../node_internals.js): Node's
// circular list of timers, linked through `_idleNext`/`_idlePrev` (the list is its own sentinel).
function init(list) {
  list._idleNext = list;
  list._idlePrev = list;
  return list;
}

// the oldest item (appended first), or null
function peek(list) {
  return list._idlePrev === list ? null : list._idlePrev;
}

function remove(item) {
  if (item._idleNext) item._idleNext._idlePrev = item._idlePrev;
  if (item._idlePrev) item._idlePrev._idleNext = item._idleNext;
  item._idleNext = null;
  item._idlePrev = null;
}

// at the head; an item in a list leaves it first
function append(list, item) {
  if (item._idleNext || item._idlePrev) remove(item);
  item._idleNext = list._idleNext;
  item._idlePrev = list;
  list._idleNext._idlePrev = item;
  list._idleNext = item;
}

const isEmpty = (list) => list._idleNext === list;

export default { init, peek, remove, append, isEmpty };
