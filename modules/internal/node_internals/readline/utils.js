// require('internal/readline/utils') under --expose-internals (see ../../node_internals.js):
// CSI, the terminal control sequences readline writes, as Node's tag function.
import { getStringWidth, stripVTControlCharacters } from 'qjsw:internal/util/inspect';

const kEscape = '\x1b';

export function CSI(strings, ...args) {
  let ret = `${kEscape}[`;
  for (let n = 0; n < strings.length; n++) {
    ret += strings[n];
    if (n < args.length) ret += args[n];
  }
  return ret;
}
CSI.kEscape = kEscape;
CSI.kClearToLineBeginning = CSI`1K`;
CSI.kClearToLineEnd = CSI`0K`;
CSI.kClearLine = CSI`2K`;
CSI.kClearScreenDown = CSI`0J`;

export default { CSI, kEscape, getStringWidth, stripVTControlCharacters };
