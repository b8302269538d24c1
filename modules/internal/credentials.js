// The process's user and group ids (process.getuid/setuid and kin), with Linux's rules for who
// may change what: the guest starts as root (as os.userInfo() says) and may give that up, as a
// process of its one-process machine. The machine's user database has root and nobody, and
// the groups root and nogroup (Debian's). Only what the guest sees changes: the sandbox's files
// are the guest's whoever it claims to be.
import { invalidArgType, outOfRange, nodeError } from 'qjsw:internal/errors';

const USERS = new Map([['root', { uid: 0, gid: 0 }], ['nobody', { uid: 65534, gid: 65534 }]]);
const GROUPS = new Map([['root', { gid: 0, members: [] }], ['nogroup', { gid: 65534, members: [] }]]);

let ids;
export function resetCredentials() {
  ids = { uid: 0, euid: 0, suid: 0, gid: 0, egid: 0, sgid: 0, groups: [0] };
}
resetCredentials();

export const getuid = () => ids.uid;
export const geteuid = () => ids.euid;
export const getgid = () => ids.gid;
export const getegid = () => ids.egid;
// as Node's: the supplementary groups, with the effective group when they lack it
export function getgroups() {
  const groups = ids.groups.slice();
  if (!groups.includes(ids.egid)) groups.push(ids.egid);
  return groups;
}

function validateId(id, name) {
  if (typeof id === 'number') {
    if (!Number.isInteger(id)) throw outOfRange(name, 'an integer', id);
    if (id < 0 || id > 4294967295) throw outOfRange(name, '>= 0 && <= 4294967295', id);
  } else if (typeof id !== 'string') {
    throw invalidArgType(name, ['number', 'string'], id);
  }
}

const unknown = (type, id) => nodeError(Error, 'ERR_UNKNOWN_CREDENTIAL', `${type} identifier does not exist: ${id}`);

// as node_credentials.cc's ThrowErrnoException: "EPERM, Operation not permitted"
function eperm(syscall) {
  const err = new Error('EPERM, Operation not permitted');
  err.errno = 1;
  err.code = 'EPERM';
  err.syscall = syscall;
  return err;
}

function uidOf(id) {
  if (typeof id === 'number') return id >>> 0;
  const user = USERS.get(id);
  if (user === undefined) throw unknown('User', id);
  return user.uid;
}

function gidOf(id) {
  if (typeof id === 'number') return id >>> 0;
  const group = GROUPS.get(id);
  if (group === undefined) throw unknown('Group', id);
  return group.gid;
}

const privileged = () => ids.euid === 0;

export function setuid(id) {
  validateId(id, 'id');
  const uid = uidOf(id);
  if (privileged()) ids.uid = ids.euid = ids.suid = uid;
  else if (uid === ids.uid || uid === ids.suid) ids.euid = uid;
  else throw eperm('setuid');
}

export function seteuid(id) {
  validateId(id, 'id');
  const uid = uidOf(id);
  if (privileged() || uid === ids.uid || uid === ids.suid) ids.euid = uid;
  else throw eperm('seteuid');
}

export function setgid(id) {
  validateId(id, 'id');
  const gid = gidOf(id);
  if (privileged()) ids.gid = ids.egid = ids.sgid = gid;
  else if (gid === ids.gid || gid === ids.sgid) ids.egid = gid;
  else throw eperm('setgid');
}

export function setegid(id) {
  validateId(id, 'id');
  const gid = gidOf(id);
  if (privileged() || gid === ids.gid || gid === ids.sgid) ids.egid = gid;
  else throw eperm('setegid');
}

export function setgroups(groups) {
  if (!Array.isArray(groups)) throw invalidArgType('groups', 'Array', groups);
  for (let i = 0; i < groups.length; i++) validateId(groups[i], `groups[${i}]`);
  const gids = groups.map((g) => {
    try {
      return gidOf(g);
    } catch (err) {
      throw err.code === 'ERR_UNKNOWN_CREDENTIAL' ? unknown('Group', g) : err;
    }
  });
  if (!privileged()) throw eperm('setgroups');
  ids.groups = gids;
}

export function initgroups(user, extraGroup) {
  validateId(user, 'user');
  validateId(extraGroup, 'extraGroup');
  // as node_credentials.cc: the extra group is looked up first, a user only by number (a
  // name is initgroups(3)'s, which finds no groups for one it does not know)
  const extra = gidOf(extraGroup);
  let name = user;
  if (typeof user === 'number') {
    name = [...USERS].find(([, u]) => u.uid === user >>> 0)?.[0];
    if (name === undefined) throw unknown('User', user);
  }
  if (!privileged()) throw eperm('initgroups');
  const groups = [...GROUPS.values()].filter((g) => g.members.includes(name)).map((g) => g.gid);
  if (!groups.includes(extra)) groups.unshift(extra);
  ids.groups = groups;
}
