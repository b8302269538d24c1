// WASI preview1's numbers (the witx definitions): errnos, file types, flags and rights.

// errno values in order: the index is the number a call returns
const errnoNames = [
  'ESUCCESS', 'E2BIG', 'EACCES', 'EADDRINUSE', 'EADDRNOTAVAIL', 'EAFNOSUPPORT', 'EAGAIN', 'EALREADY',
  'EBADF', 'EBADMSG', 'EBUSY', 'ECANCELED', 'ECHILD', 'ECONNABORTED', 'ECONNREFUSED', 'ECONNRESET',
  'EDEADLK', 'EDESTADDRREQ', 'EDOM', 'EDQUOT', 'EEXIST', 'EFAULT', 'EFBIG', 'EHOSTUNREACH', 'EIDRM',
  'EILSEQ', 'EINPROGRESS', 'EINTR', 'EINVAL', 'EIO', 'EISCONN', 'EISDIR', 'ELOOP', 'EMFILE', 'EMLINK',
  'EMSGSIZE', 'EMULTIHOP', 'ENAMETOOLONG', 'ENETDOWN', 'ENETRESET', 'ENETUNREACH', 'ENFILE', 'ENOBUFS',
  'ENODEV', 'ENOENT', 'ENOEXEC', 'ENOLCK', 'ENOLINK', 'ENOMEM', 'ENOMSG', 'ENOPROTOOPT', 'ENOSPC',
  'ENOSYS', 'ENOTCONN', 'ENOTDIR', 'ENOTEMPTY', 'ENOTRECOVERABLE', 'ENOTSOCK', 'ENOTSUP', 'ENOTTY',
  'ENXIO', 'EOVERFLOW', 'EOWNERDEAD', 'EPERM', 'EPIPE', 'EPROTO', 'EPROTONOSUPPORT', 'EPROTOTYPE',
  'ERANGE', 'EROFS', 'ESPIPE', 'ESRCH', 'ESTALE', 'ETIMEDOUT', 'ETXTBSY', 'EXDEV', 'ENOTCAPABLE',
];
export const E = Object.create(null);
errnoNames.forEach((name, i) => { E[name.slice(1)] = i; });
// Node's codes that POSIX spells two ways
E.OPNOTSUPP = E.NOTSUP;
E.WOULDBLOCK = E.AGAIN;

export const errnoName = (errno) => errnoNames[errno] ?? 'EINVAL';

/** The WASI errno of a Node error (its `code`); EIO for anything else. */
export function errnoOf(err) {
  const code = err !== null && typeof err === 'object' ? err.code : undefined;
  if (typeof code === 'string' && code[0] === 'E') {
    const n = E[code.slice(1)];
    if (n !== undefined) return n;
  }
  return E.IO;
}

export const FILETYPE = { UNKNOWN: 0, BLOCK_DEVICE: 1, CHARACTER_DEVICE: 2, DIRECTORY: 3, REGULAR_FILE: 4, SOCKET_DGRAM: 5, SOCKET_STREAM: 6, SYMBOLIC_LINK: 7 };
export const FDFLAGS = { APPEND: 1, DSYNC: 2, NONBLOCK: 4, RSYNC: 8, SYNC: 16 };
export const OFLAGS = { CREAT: 1, DIRECTORY: 2, EXCL: 4, TRUNC: 8 };
export const LOOKUP_SYMLINK_FOLLOW = 1;
export const FSTFLAGS = { ATIM: 1, ATIM_NOW: 2, MTIM: 4, MTIM_NOW: 8 };
export const WHENCE = { SET: 0, CUR: 1, END: 2 };
export const CLOCK = { REALTIME: 0, MONOTONIC: 1, PROCESS_CPUTIME_ID: 2, THREAD_CPUTIME_ID: 3 };
export const EVENTTYPE = { CLOCK: 0, FD_READ: 1, FD_WRITE: 2 };
export const SUBCLOCKFLAGS_ABSTIME = 1;

const bit = (n) => 1n << BigInt(n);
export const RIGHT = {
  FD_DATASYNC: bit(0), FD_READ: bit(1), FD_SEEK: bit(2), FD_FDSTAT_SET_FLAGS: bit(3), FD_SYNC: bit(4),
  FD_TELL: bit(5), FD_WRITE: bit(6), FD_ADVISE: bit(7), FD_ALLOCATE: bit(8), PATH_CREATE_DIRECTORY: bit(9),
  PATH_CREATE_FILE: bit(10), PATH_LINK_SOURCE: bit(11), PATH_LINK_TARGET: bit(12), PATH_OPEN: bit(13),
  FD_READDIR: bit(14), PATH_READLINK: bit(15), PATH_RENAME_SOURCE: bit(16), PATH_RENAME_TARGET: bit(17),
  PATH_FILESTAT_GET: bit(18), PATH_FILESTAT_SET_SIZE: bit(19), PATH_FILESTAT_SET_TIMES: bit(20),
  FD_FILESTAT_GET: bit(21), FD_FILESTAT_SET_SIZE: bit(22), FD_FILESTAT_SET_TIMES: bit(23), PATH_SYMLINK: bit(24),
  PATH_REMOVE_DIRECTORY: bit(25), PATH_UNLINK_FILE: bit(26), POLL_FD_READWRITE: bit(27), SOCK_SHUTDOWN: bit(28),
  SOCK_ACCEPT: bit(29),
};
const R = RIGHT;
export const RIGHTS_ALL = bit(30) - 1n;
// what each kind of descriptor may do at most (as Node's WASI grants them)
export const RIGHTS_REGULAR_FILE_BASE = R.FD_DATASYNC | R.FD_READ | R.FD_SEEK | R.FD_FDSTAT_SET_FLAGS | R.FD_SYNC |
  R.FD_TELL | R.FD_WRITE | R.FD_ADVISE | R.FD_ALLOCATE | R.FD_FILESTAT_GET | R.FD_FILESTAT_SET_SIZE |
  R.FD_FILESTAT_SET_TIMES | R.POLL_FD_READWRITE;
export const RIGHTS_DIRECTORY_BASE = R.FD_FDSTAT_SET_FLAGS | R.FD_SYNC | R.FD_ADVISE | R.PATH_CREATE_DIRECTORY |
  R.PATH_CREATE_FILE | R.PATH_LINK_SOURCE | R.PATH_LINK_TARGET | R.PATH_OPEN | R.FD_READDIR | R.PATH_READLINK |
  R.PATH_RENAME_SOURCE | R.PATH_RENAME_TARGET | R.PATH_FILESTAT_GET | R.PATH_FILESTAT_SET_SIZE |
  R.PATH_FILESTAT_SET_TIMES | R.FD_FILESTAT_GET | R.FD_FILESTAT_SET_TIMES | R.PATH_SYMLINK |
  R.PATH_UNLINK_FILE | R.PATH_REMOVE_DIRECTORY | R.POLL_FD_READWRITE;
export const RIGHTS_DIRECTORY_INHERITING = RIGHTS_DIRECTORY_BASE | RIGHTS_REGULAR_FILE_BASE;
export const RIGHTS_TTY_BASE = R.FD_READ | R.FD_FDSTAT_SET_FLAGS | R.FD_WRITE | R.FD_FILESTAT_GET | R.POLL_FD_READWRITE;
