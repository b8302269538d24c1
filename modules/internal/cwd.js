// The working directory, shared by path.resolve, fs and (later) process.cwd/chdir.
import { cwd as getcwd } from 'qjsw:binding/fs';
import { uvException } from 'qjsw:internal/errors';

export function cwd() {
  const r = getcwd();
  if (typeof r === 'number') throw uvException(r, 'uv_cwd');
  return r;
}
