// node:path/win32 — path.win32, which the sandbox does not provide: any use of it throws
// ERR_METHOD_NOT_IMPLEMENTED naming the method.
import path from 'node:path';

export default path.win32;
